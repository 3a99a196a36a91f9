package nn.activations;

import nn.api.Activation;

/**
 * The hard sigmoid, a piecewise-linear sigmoid that is cheap to compute.
 *
 * <pre>{@code
 * hard_sigmoid(x)  = 0 if x <= -3,  1 if x >= 3,  x/6 + 1/2 = (x + 3)/6 otherwise
 * hard_sigmoid'(x) = 1/6 if -3 < x < 3, else 0
 * }</pre>
 *
 * <p>Element-wise, no hyperparameters. Like {@code torch.nn.Hardsigmoid}, including the
 * convention at the kinks: {@code hard_sigmoid'(-3) = hard_sigmoid'(3) = 0}. (Keras's older
 * hard sigmoid, {@code 0.2 x + 0.5}, is a different function.) NaN gives NaN. The middle piece
 * is computed as {@code (x + 3) / 6}, which keeps its relative accuracy next to {@code x = -3}
 * where {@code x/6 + 1/2} cancels. The bulk methods compute in float without branching (see
 * {@link Masks}), which the JIT vectorizes.
 */
public final class HardSigmoid implements Activation {

    private static final double ONE_SIXTH = 1.0 / 6.0;

    /** Creates the hard_sigmoid activation. */
    public HardSigmoid() {
    }

    private static double hardSigmoid(double x) {
        if (x <= -3.0) {
            return 0.0;
        }
        if (x >= 3.0) {
            return 1.0;
        }
        return (x + 3.0) / 6.0;
    }

    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public double apply(double x) {
        return hardSigmoid(x);
    }

    @Override
    public double derivative(double x) {
        return x > -3.0 && x < 3.0 ? ONE_SIXTH : 0.0;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = Math.min(Math.max((x[i] + 3f) / 6f, 0f), 1f);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += Masks.select(Masks.inside(x[i], 3f), gradY[i]) / 6f;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
