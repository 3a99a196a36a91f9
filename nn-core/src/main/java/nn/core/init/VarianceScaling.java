package nn.core.init;

import java.util.Map;
import java.util.Random;
import nn.api.Initializer;

/**
 * The variance-scaling family (Keras' {@code VarianceScaling}): values with variance
 * {@code scale / n}, where {@code n} is the fan-in, the fan-out or their average
 * ({@link Fans} says how they are read from a shape). A normal draws
 * {@code N(0, scale / n)} (untruncated, as PyTorch's {@code xavier_normal_} and
 * {@code kaiming_normal_}); a uniform draws {@code U(-l, l)} with {@code l = sqrt(3 scale / n)},
 * computed as {@code (2 * nextDouble() - 1) * l}.
 *
 * <table>
 *   <caption>The named members</caption>
 *   <tr><th>name</th><th>n</th><th>scale</th><th>gives</th></tr>
 *   <tr><td>{@code glorot_uniform}</td><td>fan average</td><td>1</td><td>{@code U(+-sqrt(6 / (in + out)))}</td></tr>
 *   <tr><td>{@code glorot_normal}</td><td>fan average</td><td>1</td><td>{@code N(0, 2 / (in + out))}</td></tr>
 *   <tr><td>{@code he_uniform}</td><td>fan-in</td><td>2</td><td>{@code U(+-sqrt(6 / in))}</td></tr>
 *   <tr><td>{@code he_normal}</td><td>fan-in</td><td>2</td><td>{@code N(0, 2 / in)}</td></tr>
 *   <tr><td>{@code lecun_uniform}</td><td>fan-in</td><td>1</td><td>{@code U(+-sqrt(3 / in))}</td></tr>
 *   <tr><td>{@code lecun_normal}</td><td>fan-in</td><td>1</td><td>{@code N(0, 1 / in)}</td></tr>
 * </table>
 * Each takes one hyperparameter, {@code scale}, as in {@code he_normal(scale=1)}.
 *
 * <p>Immutable and thread-safe: it draws only from the generator it is given.
 */
public abstract class VarianceScaling extends AbstractInitializer {

    /** Which fan the variance is divided by. */
    public enum Mode { FAN_IN, FAN_OUT, FAN_AVG }

    private final Mode mode;
    private final boolean uniform;
    private final double scale;

    /**
     * A member named {@code name}.
     *
     * @throws IllegalArgumentException if {@code scale} is not positive
     */
    protected VarianceScaling(String name, Mode mode, boolean uniform, double defaultScale, Map<String, Double> given) {
        super(name, Map.of("scale", defaultScale), given);
        this.mode = mode;
        this.uniform = uniform;
        this.scale = requirePositive("scale", false);
    }

    /** The standard deviation of a normal draw for this shape, {@code sqrt(scale / n)}. */
    public final double standardDeviation(int[] shape) {
        int in = Fans.fanIn(shape);
        int out = Fans.fanOut(shape);
        return switch (mode) {
            case FAN_IN -> Math.sqrt(scale / in);
            case FAN_OUT -> Math.sqrt(scale / out);
            case FAN_AVG -> Math.sqrt(2 * scale / (in + out));
        };
    }

    /** The limit of a uniform draw for this shape, {@code sqrt(3 scale / n)}. */
    public final double limit(int[] shape) {
        int in = Fans.fanIn(shape);
        int out = Fans.fanOut(shape);
        return switch (mode) {
            case FAN_IN -> Math.sqrt(3 * scale / in);
            case FAN_OUT -> Math.sqrt(3 * scale / out);
            case FAN_AVG -> Math.sqrt(3 * 2 * scale / (in + out));
        };
    }

    @Override
    public final void initialize(float[] values, int[] shape, Random random) {
        if (uniform) {
            double limit = limit(shape);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
            }
        } else {
            double std = standardDeviation(shape);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        }
    }

    /** {@code glorot_uniform} (Xavier uniform), Keras' default for dense layers. */
    public static final class GlorotUniform extends VarianceScaling {
        /** With scale 1. */
        public GlorotUniform() {
            this(Map.of());
        }

        private GlorotUniform(Map<String, Double> given) {
            super("glorot_uniform", Mode.FAN_AVG, true, 1, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new GlorotUniform(hyperparameters);
        }
    }

    /** {@code glorot_normal} (Xavier normal). */
    public static final class GlorotNormal extends VarianceScaling {
        /** With scale 1. */
        public GlorotNormal() {
            this(Map.of());
        }

        private GlorotNormal(Map<String, Double> given) {
            super("glorot_normal", Mode.FAN_AVG, false, 1, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new GlorotNormal(hyperparameters);
        }
    }

    /** {@code he_uniform} (Kaiming uniform, fan-in, for ReLU). */
    public static final class HeUniform extends VarianceScaling {
        /** With scale 2. */
        public HeUniform() {
            this(Map.of());
        }

        private HeUniform(Map<String, Double> given) {
            super("he_uniform", Mode.FAN_IN, true, 2, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new HeUniform(hyperparameters);
        }
    }

    /** {@code he_normal} (Kaiming normal, fan-in, for ReLU). */
    public static final class HeNormal extends VarianceScaling {
        /** With scale 2. */
        public HeNormal() {
            this(Map.of());
        }

        private HeNormal(Map<String, Double> given) {
            super("he_normal", Mode.FAN_IN, false, 2, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new HeNormal(hyperparameters);
        }
    }

    /** {@code lecun_uniform} (fan-in, scale 1, for SELU). */
    public static final class LecunUniform extends VarianceScaling {
        /** With scale 1. */
        public LecunUniform() {
            this(Map.of());
        }

        private LecunUniform(Map<String, Double> given) {
            super("lecun_uniform", Mode.FAN_IN, true, 1, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new LecunUniform(hyperparameters);
        }
    }

    /** {@code lecun_normal} (fan-in, scale 1, for SELU). */
    public static final class LecunNormal extends VarianceScaling {
        /** With scale 1. */
        public LecunNormal() {
            this(Map.of());
        }

        private LecunNormal(Map<String, Double> given) {
            super("lecun_normal", Mode.FAN_IN, false, 1, given);
        }

        @Override
        protected Initializer configured(Map<String, Double> hyperparameters) {
            return new LecunNormal(hyperparameters);
        }
    }
}
