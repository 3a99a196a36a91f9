package nn.activations;

import nn.api.Activation;

/**
 * The Gaussian error linear unit of Hendrycks and Gimpel (2016): the input weighted by the
 * probability that a standard normal variable lies below it.
 *
 * <pre>{@code
 * gelu(x)  = x Phi(x),             Phi(x) = (1 + erf(x / sqrt(2))) / 2
 * gelu'(x) = Phi(x) + x phi(x),    phi(x) = exp(-x^2 / 2) / sqrt(2 pi)
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. This is the exact form, PyTorch's default
 * {@code torch.nn.GELU(approximate='none')}; the tanh approximation is not used. {@code Phi} is
 * computed as {@code erfc(-x / sqrt(2)) / 2} with a double-precision {@code erfc} accurate to
 * about 1e-15 relative, so that its tiny values for very negative {@code x} stay accurate.
 * The bulk methods compute in double and round once.
 */
public final class Gelu implements Activation {

    private static final double ONE_OVER_SQRT_2 = 0.70710678118654752440;
    private static final double ONE_OVER_SQRT_2_PI = 0.39894228040143267794;

    /** Creates the gelu activation. */
    public Gelu() {
    }

    /** The standard normal cumulative distribution function. */
    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * ONE_OVER_SQRT_2);
    }

    private static double gelu(double x) {
        return x * normalCdf(x);
    }

    private static double geluDerivative(double x) {
        return normalCdf(x) + x * Math.exp(-0.5 * x * x) * ONE_OVER_SQRT_2_PI;
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public double apply(double x) {
        return gelu(x);
    }

    @Override
    public double derivative(double x) {
        return geluDerivative(x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = (float) gelu(x[i]);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += (float) (gradY[i] * geluDerivative(x[i]));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
