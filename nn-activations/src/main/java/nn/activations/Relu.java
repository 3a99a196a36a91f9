package nn.activations;

import nn.api.Activation;

/**
 * The rectified linear unit: passes positive inputs and zeroes the rest.
 *
 * <pre>{@code
 * relu(x)  = max(0, x)
 * relu'(x) = 1 if x > 0, else 0
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.ReLU}, including the convention at
 * the kink: {@code relu'(0) = 0}. NaN gives NaN. The bulk methods select without branching
 * (see {@link Masks}), on the Vector API when the JVM has it ({@link FloatLoops}).
 */
public final class Relu implements Activation {

    /** Creates the relu activation. */
    public Relu() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double apply(double x) {
        return x <= 0 ? 0.0 : x;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        FloatLoops.INSTANCE.relu(x, y, offset, offset + length);
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        FloatLoops.INSTANCE.reluBackward(x, gradY, gradX, offset, offset + length);
    }

    @Override
    public String toString() {
        return name();
    }
}
