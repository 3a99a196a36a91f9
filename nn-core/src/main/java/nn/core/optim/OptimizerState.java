package nn.core.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nn.api.PluginSpec;

/**
 * What a checkpoint saves of an optimizer: its rule's spec (name and every hyperparameter), the
 * learning rate in force, and for each parameter, by name, how many updates it has had and copies
 * of its state arrays (momentum buffers, Adam's moments). Restoring it onto a fresh optimizer
 * ({@link RuleOptimizer#restore}) and going on gives the same bits as never having stopped.
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
