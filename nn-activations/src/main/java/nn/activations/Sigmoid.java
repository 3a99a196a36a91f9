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
 * ({@code sigmoid(-1000) = 0}, {@code sigmoid(1000) = 1}). The bulk forward computes in float
 * with its own exponential (within a few units in the last place of the double form), on the
 * Vector API when the JVM has it and with the same bits when it does not, and gives 0 below
 * -87, where the result would be a subnormal float (slow on x86, as TensorFlow's flush-to-zero
 * avoids); the bulk backward uses the output, {@code y (1 - y)}, as the derivative.
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
        // in float, sixteen lanes at a time when the Vector API is there (FloatLoops)
        FloatLoops.INSTANCE.sigmoid(x, y, offset, offset + length);
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
