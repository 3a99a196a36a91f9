package nn.activations;

import nn.api.Activation;

/**
 * The scaled exponential linear unit of Klambauer et al. (2017), "Self-Normalizing Neural
 * Networks": an {@link Elu} with fixed constants chosen so that activations keep zero mean and
 * unit variance through many layers.
 *
 * <pre>{@code
 * selu(x)  = scale x                    if x > 0
 *          = scale alpha (exp(x) - 1)   otherwise
 * selu'(x) = scale if x > 0, else scale alpha exp(x)
 * }</pre>
 *
 * <p>Element-wise, with PyTorch's fixed constants {@link #ALPHA} = 1.6732632423543772848...
 * and {@link #SCALE} = 1.0507009873554804934...; no hyperparameters. Like {@code torch.nn.SELU},
 * including the convention at {@code x = 0}: {@code selu'(0) = scale alpha}, the left derivative.
 * As for {@link Elu}, the bulk forward uses {@link FloatMath#expm1} and the bulk backward
 * computes the exponential from the input, for accuracy.
 */
public final class Selu implements Activation {

    /** PyTorch's alpha, 1.6732632423543772848170429916717. */
    public static final double ALPHA = 1.6732632423543772848170429916717;
    /** PyTorch's scale, 1.0507009873554804934193349852946. */
    public static final double SCALE = 1.0507009873554804934193349852946;

    private static final double SCALE_ALPHA = SCALE * ALPHA;

    /** Creates the selu activation. */
    public Selu() {
    }

    @Override
    public String name() {
        return "selu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? SCALE * x : SCALE_ALPHA * Math.expm1(x);
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? SCALE : SCALE_ALPHA * Math.exp(x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = x[i];
            y[i] = (float) (v > 0 ? SCALE * v : SCALE_ALPHA * FloatMath.expm1(v));
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = x[i];
            gradX[i] += (float) (gradY[i] * (v > 0 ? SCALE : SCALE_ALPHA * Math.exp(v)));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
