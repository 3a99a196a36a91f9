package nn.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Activation;
import nn.api.Hyperparameters;

/**
 * The hard tanh: the input clipped to {@code [min_val, max_val]}, by default [-1, 1].
 *
 * <pre>{@code
 * hard_tanh(x)  = min_val if x < min_val,  max_val if x > max_val,  x otherwise
 * hard_tanh'(x) = 1 if min_val < x < max_val, else 0
 * }</pre>
 *
 * <p>Element-wise. Hyperparameters {@code min_val} (default -1) and {@code max_val} (default 1),
 * finite in float with {@code min_val < max_val}, as in
 * {@code torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)}, including the convention at the kinks:
 * the derivative is 0 at {@code min_val} and at {@code max_val}. Ask for other bounds by name,
 * {@code Plugins.activation("hard_tanh(min_val=0,max_val=6)")} (relu6), or build it directly.
 * NaN gives NaN. The bulk methods clip in float, as the bounds are floats there.
 */
public final class HardTanh implements Activation {

    /** The default lower bound, -1. */
    public static final double DEFAULT_MIN_VAL = -1.0;
    /** The default upper bound, 1. */
    public static final double DEFAULT_MAX_VAL = 1.0;

    private final double minVal;
    private final double maxVal;
    private final float minFloat;
    private final float maxFloat;

    /** Creates the hard_tanh activation, clipping to [-1, 1]. */
    public HardTanh() {
        this(DEFAULT_MIN_VAL, DEFAULT_MAX_VAL);
    }

    /**
     * Creates hard_tanh clipping to {@code [minVal, maxVal]}.
     *
     * @throws IllegalArgumentException unless both are finite in float and {@code minVal < maxVal}
     */
    public HardTanh(double minVal, double maxVal) {
        if (!Float.isFinite((float) minVal) || !Float.isFinite((float) maxVal)) {
            throw new IllegalArgumentException("hard_tanh: min_val and max_val must be finite and within the"
                    + " float range (-3.4e38 to 3.4e38), got min_val=" + minVal + ", max_val=" + maxVal);
        }
        if (!((float) minVal < (float) maxVal)) {
            throw new IllegalArgumentException("hard_tanh: min_val must be less than max_val (in float), got"
                    + " min_val=" + minVal + ", max_val=" + maxVal);
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.minFloat = (float) minVal;
        this.maxFloat = (float) maxVal;
    }

    /** The lower bound. */
    public double minVal() {
        return minVal;
    }

    /** The upper bound. */
    public double maxVal() {
        return maxVal;
    }

    @Override
    public String name() {
        return "hard_tanh";
    }

    /** {@code {min_val=..., max_val=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("min_val", minVal);
        values.put("max_val", maxVal);
        return values;
    }

    /**
     * hard_tanh with the bounds given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code min_val} and {@code max_val},
     *                                  or bounds that are not finite or not in order
     */
    @Override
    public HardTanh with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name(), hyperparameters, Set.of("min_val", "max_val"));
        return new HardTanh(hyperparameters.getOrDefault("min_val", minVal),
                hyperparameters.getOrDefault("max_val", maxVal));
    }

    @Override
    public double apply(double x) {
        return x < minVal ? minVal : x > maxVal ? maxVal : x;
    }

    @Override
    public double derivative(double x) {
        return x > minVal && x < maxVal ? 1.0 : 0.0;
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = Math.min(Math.max(x[i], minFloat), maxFloat);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            gradX[i] += v > minFloat && v < maxFloat ? gradY[i] : 0f;
        }
    }

    /** The spec, such as {@code hard_tanh(min_val=-1,max_val=1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
