package nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Huber loss, {@code huber}: squared for small errors, linear for large ones, averaged over the
 * {@code n} numbers of a sample, as in Keras. With {@code d_i = p_i - t_i}:
 *
 * <pre>
 *   h(d)        = d^2 / 2                  if |d| &lt;= delta
 *               = delta (|d| - delta / 2)  otherwise
 *   loss(p, t)  = (1/n) sum_i h(d_i)
 *   dloss/dp_i  = d_i / n                  if |d_i| &lt;= delta
 *               = delta sign(d_i) / n      otherwise
 * </pre>
 *
 * <p>{@code delta} defaults to 1.0 (the no-argument constructor, used by
 * {@link java.util.ServiceLoader}); it must be positive and finite. The target has the
 * prediction's width. A batch is {@code rows} rows of {@code cols} predictions and {@code rows}
 * rows of {@code cols} targets, row-major; the samples' losses are combined by the
 * {@link Reduction}.
 */
public final class HuberLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "huber";

    /** The default {@code delta}, 1.0, as in Keras and PyTorch. */
    public static final double DEFAULT_DELTA = 1.0;

    private final double delta;

    /** Creates the loss with {@code delta = }{@value #DEFAULT_DELTA}. */
    public HuberLoss() {
        this(DEFAULT_DELTA);
    }

    /**
     * Creates the loss with the given {@code delta}, the error at which it turns from quadratic
     * to linear.
     *
     * @throws IllegalArgumentException if {@code delta} is not positive and finite
     */
    public HuberLoss(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(
                    NAME + ": delta must be positive and finite (0 < delta < infinity), got " + delta);
        }
        this.delta = delta;
    }

    /** The error at which the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code {delta=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("delta", delta);
        return values;
    }

    /**
     * Huber loss with the delta given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code delta}, or a delta that is
     *                                  not positive and finite
     */
    @Override
    public HuberLoss with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("delta"));
        return new HuberLoss(hyperparameters.getOrDefault("delta", delta));
    }

    @Override
    public double value(double[] prediction, double[] target) {
        Checks.sample(NAME, prediction, target, prediction.length);
        double sum = 0;
        for (int i = 0; i < prediction.length; i++) {
            sum += huber(prediction[i] - target[i]);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = factor * derivative(prediction[i] - target[i]);
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += huber((double) prediction[i] - target[i]);
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * derivative((double) prediction[i] - target[i]));
        }
    }

    /** {@code h(d)}, the loss of one error. */
    private double huber(double d) {
        double a = Math.abs(d);
        return a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    }

    /** {@code h'(d)}. */
    private double derivative(double d) {
        return Math.abs(d) <= delta ? d : delta * Math.signum(d);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
