package nn.activations;

import nn.api.Activation;

/**
 * The logistic sigmoid, squashing any number into (0, 1).
 *
 * <pre>{@code
 * sigmoid(x)  = 1 / (1 + exp(-x))
 * sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)) = y (1 - y)
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.Sigmoid}. Stable for every input:
 * for {@code x < 0} it computes {@code exp(x) / (1 + exp(x))}, so no exponential overflows
 * ({@code sigmoid(-1000) = 0}, {@code sigmoid(1000) = 1}). The bulk backward uses the output,
 * {@code y (1 - y)}, as the derivative.
 */
public final class Sigmoid implements Activation {

    /** Creates the sigmoid activation. */
    public Sigmoid() {
    }

    /** The logistic function, without overflow; shared with {@link Silu} and {@link Softplus}. */
    static double logistic(double x) {
        // e = exp(-|x|) never overflows; sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) below,
        // without a branch on the sign, which real data make unpredictable
        double e = Math.exp(-Math.abs(x));
        double s = 1.0 / (1.0 + e);
        return x >= 0 ? s : e * s;
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double apply(double x) {
        return logistic(x);
    }

    @Override
    public double derivative(double x) {
        double s = logistic(x);
        return s * (1.0 - s);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        // logistic() spelt out on a float, which C2 compiles to a select rather than a branch
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            double e = Math.exp(-Math.abs(v));
            double s = 1.0 / (1.0 + e);
            y[i] = (float) (v >= 0 ? s : e * s);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float s = y[i];
            gradX[i] += gradY[i] * s * (1f - s);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
