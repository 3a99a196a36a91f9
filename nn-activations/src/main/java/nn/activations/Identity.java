package nn.activations;

import nn.api.Activation;

/**
 * The identity, for a layer without a nonlinearity, such as the output layer of a regression.
 *
 * <pre>{@code
 * identity(x)  = x
 * identity'(x) = 1
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.Identity}.
 */
public final class Identity implements Activation {

    /** Creates the identity activation. */
    public Identity() {
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public double apply(double x) {
        return x;
    }

    @Override
    public double derivative(double x) {
        return 1.0;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        System.arraycopy(x, offset, y, offset, length);
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += gradY[i];
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
