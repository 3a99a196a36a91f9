package nn.activations;

import nn.api.Activation;

/**
 * Softplus, a smooth relu that is positive everywhere.
 *
 * <pre>{@code
 * softplus(x)  = log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|))
 * softplus'(x) = sigmoid(x)
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters: PyTorch's default {@code torch.nn.Softplus(beta=1)}.
 * The second form above is what is computed, with {@link Math#log1p}: it never overflows
 * ({@code softplus(1000) = 1000}) and keeps full relative accuracy for very negative {@code x}
 * ({@code softplus(-50) = exp(-50)}). PyTorch instead switches to the identity above its
 * {@code threshold = 20}; the exact value differs from that by less than {@code exp(-20)}, about
 * 2.1e-9. The bulk backward computes {@code sigmoid(x)} from the input.
 */
public final class Softplus implements Activation {

    /** Creates the softplus activation. */
    public Softplus() {
    }

    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public double apply(double x) {
        return softplus(x);
    }

    @Override
    public double derivative(double x) {
        return Sigmoid.logistic(x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = (float) softplus(x[i]);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += (float) (gradY[i] * Sigmoid.logistic(x[i]));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
