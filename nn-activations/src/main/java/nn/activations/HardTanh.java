package nn.activations;

import nn.api.Activation;

/**
 * The hard tanh: the input clipped to [-1, 1].
 *
 * <pre>{@code
 * hard_tanh(x)  = -1 if x < -1,  1 if x > 1,  x otherwise
 * hard_tanh'(x) = 1 if -1 < x < 1, else 0
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters: PyTorch's default
 * {@code torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)}, including the convention at the kinks:
 * {@code hard_tanh'(-1) = hard_tanh'(1) = 0}. NaN gives NaN. The bulk methods select without
 * branching (see {@link Masks}), which the JIT vectorizes.
 */
public final class HardTanh implements Activation {

    /** Creates the hard_tanh activation. */
    public HardTanh() {
    }

    @Override
    public String name() {
        return "hard_tanh";
    }

    @Override
    public double apply(double x) {
        return x < -1.0 ? -1.0 : x > 1.0 ? 1.0 : x;
    }

    @Override
    public double derivative(double x) {
        return x > -1.0 && x < 1.0 ? 1.0 : 0.0;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = Math.min(Math.max(x[i], -1f), 1f);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += Masks.select(Masks.inside(x[i], 1f), gradY[i]);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
