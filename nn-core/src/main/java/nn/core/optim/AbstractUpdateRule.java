package nn.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nn.api.Hyperparameters;
import nn.api.UpdateRule;

/**
 * The bookkeeping every {@link UpdateRule} with hyperparameters needs: the name, the values in a
 * stable order (defaults first, then as changed), {@link #with} checking keys against the
 * defaults, range checks with messages that name the value and the range, {@code toString} as the
 * spec, and equality by name and values. A subclass gives its defaults, makes a configured copy in
 * {@link #configured}, and writes {@link #update}.
 *
 * <p>Immutable and thread-safe, as every update rule must be.
 */
public abstract class AbstractUpdateRule implements UpdateRule {

    private final String name;
    private final Map<String, Double> values;

    /**
     * A rule named {@code name} whose hyperparameters are {@code defaults} changed by
     * {@code given}.
     *
     * @throws IllegalArgumentException naming a key of {@code given} that is not a default's,
     *                                  or a value that is not finite
     */
    protected AbstractUpdateRule(String name, Map<String, Double> defaults, Map<String, Double> given) {
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

    /** The value of a hyperparameter this rule has. */
    protected final double value(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(name + " has no hyperparameter '" + key + "'");
        }
        return v;
    }

    @Override
    public final UpdateRule with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name, hyperparameters, values.keySet());
        Map<String, Double> merged = new LinkedHashMap<>(values);
        merged.putAll(hyperparameters);
        return configured(merged);
    }

    /** A rule of this kind with exactly these hyperparameters (every key known, validated there). */
    protected abstract UpdateRule configured(Map<String, Double> hyperparameters);

    /**
     * Fails unless {@code value(key)} is within the range; {@code lowInclusive}/{@code highInclusive}
     * say whether the ends belong to it.
     *
     * @throws IllegalArgumentException such as "adam: beta1 must be in [0, 1), got 1.0"
     */
    protected final double requireRange(String key, double low, boolean lowInclusive, double high,
                                        boolean highInclusive) {
        double v = value(key);
        boolean ok = (lowInclusive ? v >= low : v > low) && (highInclusive ? v <= high : v < high);
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + key + " must be in " + (lowInclusive ? "[" : "(")
                    + number(low) + ", " + number(high) + (highInclusive ? "]" : ")") + ", got " + v);
        }
        return v;
    }

    /** Fails unless {@code value(key)} is at least 0; returns it. */
    protected final double requireNonNegative(String key) {
        double v = value(key);
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + ": " + key + " must not be negative, got " + v);
        }
        return v;
    }

    /** Fails unless {@code value(key)} is 0 or 1; returns whether it is 1. */
    protected final boolean requireFlag(String key) {
        double v = value(key);
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(name + ": " + key + " is a switch and must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    private static String number(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : v == Math.rint(v) ? Long.toString((long) v)
                : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && values.equals(((AbstractUpdateRule) o).values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + values.hashCode();
    }

    /** The spec, such as {@code adam(lr=0.001,beta1=0.9,beta2=0.999,eps=1.0E-8,weight_decay=0)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
