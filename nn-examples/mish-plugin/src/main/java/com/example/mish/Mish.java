package com.example.mish;

import nn.api.Activation;

/**
 * Mish (Misra, 2019), a smooth, non-monotonic activation:
 * <pre>
 *   mish(x)  = x tanh(sp(x)),                     sp(x) = softplus(x) = log(1 + e^x)
 *   mish'(x) = tanh(sp(x)) + x sech^2(sp(x)) sigmoid(x)
 * </pre>
 * since {@code sp'(x) = sigmoid(x)} and {@code tanh' = sech^2 = 1 - tanh^2}. Softplus is computed
 * as {@code max(x, 0) + log1p(e^-|x|)} and sigmoid from {@code e^-|x|}, so neither overflows:
 * mish is finite for every finite input, about {@code x} for large {@code x} and about 0 for
 * very negative {@code x}. Element-wise, stateless and thread-safe.
 */
public final class Mish implements Activation {

    /** The name a network or a model file uses: {@code "mish"}. */
    public static final String NAME = "mish";

    /** For {@link java.util.ServiceLoader}. */
    public Mish() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double apply(double x) {
        return x * Math.tanh(softplus(x));
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(softplus(x));
        return t + x * (1 - t * t) * sigmoid(x);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
