package nn.core.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nn.api.PluginSpec;
import nn.core.tensor.Tensor;

/**
 * What a checkpoint saves of an optimizer: its rule's spec (name and every hyperparameter), the
 * learning rate in force, and for each parameter, by name, how many updates it has had and copies
 * of its state arrays (momentum buffers, Adam's moments). Restoring it onto a fresh optimizer
 * ({@link RuleOptimizer#restore}) and going on gives the same bits as never having stopped.
 *
 * <p>In a model file ({@code SavedModel}'s metadata and extra tensors), {@link #metadata} and
 * {@link #tensors} write it under a prefix such as {@code "optimizer."}: the metadata
 * {@code <prefix>rule} (the spec), {@code <prefix>learning_rate} (as {@link Double#toString}) and
 * {@code <prefix>steps.<parameter>}, and the tensors {@code <prefix><parameter>.<i>}, one per
 * state array; {@link #read} reads them back, bit for bit.
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param rule         the update rule's spec, such as {@code adam(lr=0.001,beta1=0.9,...)}
 * @param learningRate the learning rate in force when the snapshot was taken
 * @param parameters   per parameter name, its state; in the order the optimizer met them
 */
public record OptimizerState(PluginSpec rule, double learningRate, Map<String, ParameterState> parameters) {

    /**
     * A snapshot.
     *
     * @throws IllegalArgumentException if the learning rate is negative or not finite
     */
    public OptimizerState {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(parameters, "parameters");
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and not negative, got " + learningRate);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The metadata entries of this state, keys starting with {@code prefix}; see the class doc. */
    public Map<String, String> metadata(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "rule", rule.toString());
        m.put(prefix + "learning_rate", Double.toString(learningRate));
        for (Map.Entry<String, ParameterState> e : parameters.entrySet()) {
            m.put(prefix + "steps." + e.getKey(), Long.toString(e.getValue().steps()));
        }
        return m;
    }

    /** The state arrays as tensors (copies), named {@code <prefix><parameter>.<i>}. */
    public Map<String, Tensor> tensors(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterState> e : parameters.entrySet()) {
            float[][] arrays = e.getValue().arrays();
            for (int i = 0; i < arrays.length; i++) {
                t.put(prefix + e.getKey() + "." + i, Tensor.of(arrays[i], arrays[i].length));
            }
        }
        return t;
    }

    /**
     * Reads what {@link #metadata} and {@link #tensors} wrote under {@code prefix}, from a model
     * file's metadata and extra tensors (other entries are ignored).
     *
     * @throws IllegalArgumentException naming the entry that is missing or malformed
     */
    public static OptimizerState read(String prefix, Map<String, String> metadata, Map<String, Tensor> tensors) {
        String spec = metadata.get(prefix + "rule");
        String rate = metadata.get(prefix + "learning_rate");
        if (spec == null || rate == null) {
            throw new IllegalArgumentException("no optimizer state under '" + prefix + "': the metadata lacks "
                    + (spec == null ? prefix + "rule" : prefix + "learning_rate"));
        }
        Map<String, ParameterState> states = new LinkedHashMap<>();
        String stepsPrefix = prefix + "steps.";
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!e.getKey().startsWith(stepsPrefix)) {
                continue;
            }
            String name = e.getKey().substring(stepsPrefix.length());
            long steps;
            try {
                steps = Long.parseLong(e.getValue());
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("metadata " + e.getKey() + " = '" + e.getValue()
                        + "' is not a step count", x);
            }
            java.util.List<float[]> arrays = new java.util.ArrayList<>();
            for (int i = 0; tensors.containsKey(prefix + name + "." + i); i++) {
                arrays.add(tensors.get(prefix + name + "." + i).data());
            }
            states.put(name, new ParameterState(steps, arrays.toArray(new float[0][])));
        }
        try {
            return new OptimizerState(PluginSpec.parse(spec), Double.parseDouble(rate), states);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("metadata " + prefix + "learning_rate = '" + rate
                    + "' is not a number", x);
        }
    }

    /**
     * The state of one parameter.
     *
     * @param steps  how many updates it has had (Adam's bias correction counts them)
     * @param arrays its state arrays, as many as the rule keeps, each as long as the parameter
     */
    public record ParameterState(long steps, float[][] arrays) {

        /** Copies the arrays. */
        public ParameterState {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must not be negative, got " + steps);
            }
            arrays = deepCopy(Objects.requireNonNull(arrays, "arrays"));
        }

        /** Copies of the state arrays. */
        @Override
        public float[][] arrays() {
            return deepCopy(arrays);
        }

        /** Whether both have the same step count and bitwise the same arrays. */
        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterState p && p.steps == steps && java.util.Arrays.deepEquals(p.arrays, arrays);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(steps) * 31 + java.util.Arrays.deepHashCode(arrays);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("ParameterState(steps=").append(steps).append(", arrays=[");
            for (int i = 0; i < arrays.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(arrays[i].length);
            }
            return sb.append("])").toString();
        }

        private static float[][] deepCopy(float[][] a) {
            float[][] copy = new float[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = Objects.requireNonNull(a[i], "state array").clone();
            }
            return copy;
        }
    }
}
