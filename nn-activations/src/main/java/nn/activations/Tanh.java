package nn.activations;

import nn.api.Activation;

/**
 * The hyperbolic tangent, squashing any number into (-1, 1).
 *
 * <pre>{@code
 * tanh(x)  = (exp(x) - exp(-x)) / (exp(x) + exp(-x))
 * tanh'(x) = 1 - tanh(x)^2 = 1 - y^2
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.Tanh}; computed with
 * {@link Math#tanh}, which does not overflow; the bulk forward uses a faster form built on
 * {@link Math#exp}, exact to float precision (see {@link FloatMath#tanh}). The bulk backward
 * uses the output, {@code 1 - y^2}.
 */
public final class Tanh implements Activation {

    /** Creates the tanh activation. */
    public Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(x);
        return 1.0 - t * t;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = (float) FloatMath.tanh(x[i]);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float t = y[i];
            gradX[i] += gradY[i] * (1f - t * t);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
