package nn.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import nn.api.Initializer;

/**
 * {@code normal(mean=0, std=1)}: values drawn from {@code N(mean, std^2)} with
 * {@link Random#nextGaussian()}; {@code normal} is the tutorial's {@code np.random.randn}.
 *
 * <p>Immutable and thread-safe: it draws only from the generator it is given.
 */
public final class Normal extends AbstractInitializer {

    private final double mean;
    private final double std;

    /** {@code N(0, 1)}. */
    public Normal() {
        this(Map.of());
    }

    private Normal(Map<String, Double> given) {
        super("normal", defaults(), given);
        this.mean = value("mean");
        this.std = requirePositive("std", true);
    }

    /** {@code N(mean, std^2)}. */
    public static Normal of(double mean, double std) {
        return new Normal(Map.of("mean", mean, "std", std));
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("mean", 0.0);
        d.put("std", 1.0);
        return d;
    }

    @Override
    protected Initializer configured(Map<String, Double> hyperparameters) {
        return new Normal(hyperparameters);
    }

    @Override
    public void initialize(float[] values, int[] shape, Random random) {
        if (mean == 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std + mean);
            }
        }
    }
}
