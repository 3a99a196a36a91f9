package nn.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import nn.api.Initializer;

/**
 * {@code uniform(low=-0.05, high=0.05)}: values drawn from {@code U(low, high)} as
 * {@code low + (high - low) * random.nextDouble()}; the defaults are Keras' {@code RandomUniform}.
 *
 * <p>Immutable and thread-safe: it draws only from the generator it is given.
 */
public final class Uniform extends AbstractInitializer {

    private final double low;
    private final double high;

    /** {@code U(-0.05, 0.05)}. */
    public Uniform() {
        this(Map.of());
    }

    private Uniform(Map<String, Double> given) {
        super("uniform", defaults(), given);
        this.low = value("low");
        this.high = value("high");
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform: low (" + low + ") must not exceed high (" + high + ")");
        }
    }

    /** {@code U(low, high)}. */
    public static Uniform of(double low, double high) {
        return new Uniform(Map.of("low", low, "high", high));
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("low", -0.05);
        d.put("high", 0.05);
        return d;
    }

    @Override
    protected Initializer configured(Map<String, Double> hyperparameters) {
        return new Uniform(hyperparameters);
    }

    @Override
    public void initialize(float[] values, int[] shape, Random random) {
        double width = high - low;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + width * random.nextDouble());
        }
    }
}
