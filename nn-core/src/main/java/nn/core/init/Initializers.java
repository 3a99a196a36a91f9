package nn.core.init;

import static com.google.common.base.Preconditions.checkArgument;

import nn.api.Initializer;

/**
 * The built-in initializers by factory method. Each returns the named plugin that
 * {@code Plugins.initializer(name)} finds too, so a model file can record it by its spec. Fans
 * are computed by {@link Fans}: for a weight matrix {@code [in, out]}, the tutorial's layout,
 * fan-in {@code in} and fan-out {@code out}.
 *
 * <p>Stateless and thread-safe, as are the initializers it returns.
 */
public final class Initializers {

    private Initializers() {
    }

    /** {@code zeros}: every value zero (the usual bias). */
    public static Initializer zeros() {
        return new Zeros();
    }

    /** {@code constant(value=c)}: every value {@code c}. */
    public static Initializer constant(double c) {
        return Constant.of(c);
    }

    /** {@code normal(std=...)}: {@code N(0, std^2)}; {@code normal(1)} is the tutorial's {@code np.random.randn}. */
    public static Initializer normal(double std) {
        checkArgument(std >= 0, "std (%s) must not be negative", std);
        return Normal.of(0, std);
    }

    /** {@code uniform(low, high)}: {@code U(low, high)}. */
    public static Initializer uniform(double low, double high) {
        return Uniform.of(low, high);
    }

    /** {@code he_normal}, He (Kaiming) normal: {@code N(0, 2 / fanIn)}, for ReLU networks. */
    public static Initializer heNormal() {
        return new VarianceScaling.HeNormal();
    }

    /** {@code he_uniform}, He (Kaiming) uniform: {@code U(-l, l)} with {@code l = sqrt(6 / fanIn)}. */
    public static Initializer heUniform() {
        return new VarianceScaling.HeUniform();
    }

    /** {@code glorot_uniform}, Xavier (Glorot) uniform: {@code U(-l, l)} with {@code l = sqrt(6 / (fanIn + fanOut))}, Keras' default. */
    public static Initializer glorotUniform() {
        return new VarianceScaling.GlorotUniform();
    }

    /** {@code glorot_normal}, Xavier (Glorot) normal: {@code N(0, 2 / (fanIn + fanOut))}. */
    public static Initializer glorotNormal() {
        return new VarianceScaling.GlorotNormal();
    }

    /** {@code lecun_normal}: {@code N(0, 1 / fanIn)}. */
    public static Initializer lecunNormal() {
        return new VarianceScaling.LecunNormal();
    }

    /** {@code lecun_uniform}: {@code U(-l, l)} with {@code l = sqrt(3 / fanIn)}. */
    public static Initializer lecunUniform() {
        return new VarianceScaling.LecunUniform();
    }

    /** The fan-in of a parameter (see {@link Fans}). */
    static int fanIn(int[] shape) {
        return Fans.fanIn(shape);
    }

    /** The fan-out of a parameter (see {@link Fans}). */
    static int fanOut(int[] shape) {
        return Fans.fanOut(shape);
    }
}
