package nn.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Activation;
import nn.api.Hyperparameters;

/**
 * The leaky rectified linear unit: passes positive inputs and scales the rest by a small slope,
 * so that a unit with negative input still receives a gradient.
 *
 * <pre>{@code
 * leaky_relu(x)  = x if x > 0, else alpha x
 * leaky_relu'(x) = 1 if x > 0, else alpha
 * }</pre>
 *
 * <p>Element-wise. {@code alpha}, the negative slope, defaults to 0.01. Like
 * {@code torch.nn.LeakyReLU(negative_slope=0.01)}, including the convention at the kink:
 * {@code leaky_relu'(0) = alpha}. The bulk methods compute in float without branching
 * (see {@link Masks}), which the JIT vectorizes.
 *
 * <p>Hyperparameters: {@code alpha} (any value finite in float). The registered instance has the
 * default; ask for another slope by name, {@code Plugins.activation("leaky_relu(alpha=0.2)")}, or
 * build it directly, {@code new LeakyRelu(0.2)}. A model file stores it as its spec,
 * {@code leaky_relu(alpha=0.2)}.
 */
public final class LeakyRelu implements Activation {

    /** The default negative slope, 0.01, as in PyTorch. */
    public static final double DEFAULT_ALPHA = 0.01;

    private final double alpha;
    private final float alphaFloat;

    /** Creates leaky_relu with the default negative slope, {@value #DEFAULT_ALPHA}. */
    public LeakyRelu() {
        this(DEFAULT_ALPHA);
    }

    /**
     * Creates leaky_relu with the given negative slope.
     *
     * @param alpha the slope for {@code x <= 0}; must be finite as a float, since the bulk
     *              methods use it in float precision
     * @throws IllegalArgumentException if {@code alpha} is NaN or beyond the float range
     */
    public LeakyRelu(double alpha) {
        if (!Float.isFinite((float) alpha)) {
            throw new IllegalArgumentException("leaky_relu: alpha (the negative slope) must be finite"
                    + " and within the float range, -3.4e38 <= alpha <= 3.4e38, got " + alpha);
        }
        this.alpha = alpha;
        this.alphaFloat = (float) alpha;
    }

    /** The negative slope. */
    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    /** {@code {alpha=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("alpha", alpha);
        return values;
    }

    /**
     * leaky_relu with the slope given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code alpha}, or an alpha that is
     *                                  not finite in float
     */
    @Override
    public LeakyRelu with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name(), hyperparameters, Set.of("alpha"));
        return new LeakyRelu(hyperparameters.getOrDefault("alpha", alpha));
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : alpha * x;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : alpha;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            y[i] = Math.max(v, 0f) + alphaFloat * Math.min(v, 0f);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            int positive = Masks.positive(x[i]);
            float g = gradY[i];
            gradX[i] += Masks.select(positive, g) + Masks.select(~positive, alphaFloat * g);
        }
    }

    /** The name with the slope, such as {@code leaky_relu(alpha=0.01)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
