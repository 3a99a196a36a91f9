package nn.core.init;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import nn.api.Initializer;

/** {@code constant(value=0)}: every value the same. Draws nothing from the random generator. *
 * <p>Immutable and thread-safe.
 */
public final class Constant extends AbstractInitializer {

    private final float value;

    /** {@code constant(value=0)}. */
    public Constant() {
        this(Map.of());
    }

    private Constant(Map<String, Double> given) {
        super("constant", Map.of("value", 0.0), given);
        this.value = (float) value("value");
    }

    /** {@code constant(value=c)}. */
    public static Constant of(double c) {
        return new Constant(Map.of("value", c));
    }

    @Override
    protected Initializer configured(Map<String, Double> hyperparameters) {
        return new Constant(hyperparameters);
    }

    @Override
    public void initialize(float[] values, int[] shape, Random random) {
        Arrays.fill(values, value);
    }
}
