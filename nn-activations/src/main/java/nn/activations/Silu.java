package nn.activations;

import nn.api.Activation;

/**
 * The sigmoid linear unit, also called swish: the input weighted by its own sigmoid.
 *
 * <pre>{@code
 * silu(x)  = x sigmoid(x)
 * silu'(x) = sigmoid(x) (1 + x (1 - sigmoid(x)))
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.SiLU}. Stable for every input, with
 * the overflow-free sigmoid of {@link Sigmoid}. The bulk backward recomputes {@code sigmoid(x)}
 * from the input, because recovering it from the output ({@code y / x}) fails near 0.
 */
public final class Silu implements Activation {

    /** Creates the silu activation. */
    public Silu() {
    }

    private static double siluDerivative(double x) {
        double s = Sigmoid.logistic(x);
        return s * (1.0 + x * (1.0 - s));
    }

    @Override
    public String name() {
        return "silu";
    }

    @Override
    public double apply(double x) {
        return x * Sigmoid.logistic(x);
    }

    @Override
    public double derivative(double x) {
        return siluDerivative(x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = x[i];
            y[i] = (float) (v * Sigmoid.logistic(v));
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += (float) (gradY[i] * siluDerivative(x[i]));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
