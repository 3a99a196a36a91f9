package nn.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Activation;
import nn.api.Hyperparameters;

/**
 * The exponential linear unit: the identity for positive inputs, a smooth exponential that
 * saturates at {@code -alpha} for negative ones.
 *
 * <pre>{@code
 * elu(x)  = x if x > 0, else alpha (exp(x) - 1)
 * elu'(x) = 1 if x > 0, else alpha exp(x)
 * }</pre>
 *
 * <p>Element-wise. {@code alpha} defaults to 1.0. Like {@code torch.nn.ELU(alpha=1.0)},
 * including the convention at {@code x = 0}: {@code elu'(0) = alpha} (the left derivative;
 * with the default alpha both sides agree). {@code exp(x) - 1} is computed with
 * {@link Math#expm1} to keep its accuracy near 0 (in the bulk forward, with the faster
 * {@link FloatMath#expm1}, exact to float precision). The bulk backward computes
 * {@code alpha exp(x)} from the input rather than {@code y + alpha} from the output, which would
 * lose all precision in float once {@code exp(x)} falls below float's rounding of {@code alpha}.
 *
 * <p>Hyperparameters: {@code alpha >= 0}, finite (as in the ELU paper, where {@code alpha > 0};
 * 0 gives relu). The registered instance has the default; ask for another by name,
 * {@code Plugins.activation("elu(alpha=0.5)")}, or build it directly, {@code new Elu(0.5)}.
 */
public final class Elu implements Activation {

    /** The default alpha, 1.0, as in PyTorch. */
    public static final double DEFAULT_ALPHA = 1.0;

    private final double alpha;

    /** Creates elu with the default alpha, {@value #DEFAULT_ALPHA}. */
    public Elu() {
        this(DEFAULT_ALPHA);
    }

    /**
     * Creates elu with the given alpha.
     *
     * @param alpha the value {@code -alpha} approached as {@code x} goes to minus infinity;
     *              must be finite and not negative
     * @throws IllegalArgumentException if {@code alpha} is negative, NaN or infinite
     */
    public Elu(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite and >= 0 (0 <= alpha < infinity), got "
                    + alpha);
        }
        this.alpha = alpha;
    }

    /** The alpha: elu tends to {@code -alpha} as {@code x} goes to minus infinity. */
    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return "elu";
    }

    /** {@code {alpha=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("alpha", alpha);
        return values;
    }

    /**
     * elu with the alpha given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code alpha}, or a negative or
     *                                  infinite alpha
     */
    @Override
    public Elu with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name(), hyperparameters, Set.of("alpha"));
        return new Elu(hyperparameters.getOrDefault("alpha", alpha));
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : alpha * Math.exp(x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            y[i] = v > 0f ? v : (float) (alpha * FloatMath.expm1(v));
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            gradX[i] += v > 0f ? gradY[i] : (float) (gradY[i] * alpha * Math.exp(v));
        }
    }

    /** The spec, such as {@code elu(alpha=1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
