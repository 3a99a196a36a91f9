package nn.core.init;

import static com.google.common.base.Preconditions.checkArgument;

import nn.api.Initializer;

/**
 * The common initializers. The fan-in of a weight matrix {@code [in, out]} is {@code in} and its
 * fan-out {@code out}, the tutorial's layout.
 *
 * <p>Stateless and thread-safe, as are the initializers it returns.
 */
public final class Initializers {

    private Initializers() {
    }

    /** Every value zero (the usual bias). */
    public static Initializer zeros() {
        return (values, shape, random) -> java.util.Arrays.fill(values, 0f);
    }

    /** Every value {@code c}. */
    public static Initializer constant(double c) {
        return (values, shape, random) -> java.util.Arrays.fill(values, (float) c);
    }

    /** Normal {@code N(0, std^2)}; {@code normal(1)} is the tutorial's {@code np.random.randn}. */
    public static Initializer normal(double std) {
        checkArgument(std >= 0, "std (%s) must not be negative", std);
        return (values, shape, random) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        };
    }

    /** He (Kaiming) normal: {@code N(0, 2 / fanIn)}, for ReLU networks. */
    public static Initializer heNormal() {
        return (values, shape, random) -> {
            double std = Math.sqrt(2.0 / fanIn(shape));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        };
    }

    /** Xavier (Glorot) uniform: {@code U(-l, l)} with {@code l = sqrt(6 / (fanIn + fanOut))}, Keras' default. */
    public static Initializer glorotUniform() {
        return (values, shape, random) -> {
            double limit = Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
            }
        };
    }

    /** The fan-in of a parameter: the first dimension of a matrix, 1 for a row. */
    static int fanIn(int[] shape) {
        return shape.length >= 2 ? Math.max(1, shape[0]) : 1;
    }

    /** The fan-out of a parameter: its last dimension. */
    static int fanOut(int[] shape) {
        return shape.length == 0 ? 1 : Math.max(1, shape[shape.length - 1]);
    }
}
