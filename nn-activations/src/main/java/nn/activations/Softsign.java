package nn.activations;

import nn.api.Activation;

/**
 * Softsign, a cheap squashing function into (-1, 1) that saturates polynomially, not
 * exponentially like tanh.
 *
 * <pre>{@code
 * softsign(x)  = x / (1 + |x|)
 * softsign'(x) = 1 / (1 + |x|)^2
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.Softsign}. The bulk backward uses
 * the input: the output form {@code (1 - |y|)^2} would cancel catastrophically as {@code |y|}
 * nears 1. The bulk methods compute in float (a few roundings of 6e-8 each).
 */
public final class Softsign implements Activation {

    /** Creates the softsign activation. */
    public Softsign() {
    }

    @Override
    public String name() {
        return "softsign";
    }

    @Override
    public double apply(double x) {
        return x / (1.0 + Math.abs(x));
    }

    @Override
    public double derivative(double x) {
        double d = 1.0 / (1.0 + Math.abs(x));
        return d * d;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            y[i] = v / (1f + Math.abs(v));
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float s = 1f + Math.abs(x[i]);
            gradX[i] += gradY[i] / (s * s);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
