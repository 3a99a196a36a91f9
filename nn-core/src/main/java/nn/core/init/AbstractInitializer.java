package nn.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nn.api.Hyperparameters;
import nn.api.Initializer;

/**
 * The bookkeeping of a named {@link Initializer} with hyperparameters: name, values in a stable
 * order, {@link #with} checking keys, {@code toString} as the spec, equality by name and values.
 *
 * <p>Immutable and thread-safe: an initializer draws only from the generator it is given.
 */
public abstract class AbstractInitializer implements Initializer {

    private final String name;
    private final Map<String, Double> values;

    /**
     * An initializer named {@code name} whose hyperparameters are {@code defaults} changed by
     * {@code given}.
     *
     * @throws IllegalArgumentException naming an unknown key or a value that is not finite
     */
    protected AbstractInitializer(String name, Map<String, Double> defaults, Map<String, Double> given) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Hyperparameters.merge(name, defaults, given);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, Double> hyperparameters() {
        return values;
    }

    /** The value of one of this initializer's hyperparameters. */
    protected final double value(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(name + " has no hyperparameter '" + key + "'");
        }
        return v;
    }

    /** Fails unless {@code value(key)} is positive (or, if {@code zeroAllowed}, zero); returns it. */
    protected final double requirePositive(String key, boolean zeroAllowed) {
        double v = value(key);
        if (zeroAllowed ? !(v >= 0) : !(v > 0)) {
            throw new IllegalArgumentException(name + ": " + key + " must be " + (zeroAllowed ? "at least 0" : "positive")
                    + ", got " + v);
        }
        return v;
    }

    @Override
    public final Initializer with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name, hyperparameters, values.keySet());
        if (hyperparameters.isEmpty()) {
            return this;
        }
        Map<String, Double> merged = new LinkedHashMap<>(values);
        merged.putAll(hyperparameters);
        return configured(merged);
    }

    /** An initializer of this kind with exactly these hyperparameters (validated there). */
    protected abstract Initializer configured(Map<String, Double> hyperparameters);

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && values.equals(((AbstractInitializer) o).values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + values.hashCode();
    }

    /** The spec, such as {@code normal(mean=0,std=1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
