package nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Squared hinge loss, {@code squared_hinge}, for targets in {@code {-1, 1}}, averaged over the
 * {@code n} numbers of a sample, as in Keras. A smooth version of {@link HingeLoss}; with
 * {@code m_i = max(0, margin - t_i p_i)}:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i m_i^2
 *   dloss/dp_i  = -2 t_i m_i / n
 * </pre>
 *
 * <p>Hyperparameter {@code margin >= 0}, default 1 (Keras's fixed value; PyTorch's margin losses
 * take it as {@code margin}): ask for another by name, {@code Plugins.loss("squared_hinge(margin=0.5)")}.
 * Targets are used as given: pass -1 and 1 (Keras converts 0/1 labels;
 * this loss does not). The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class SquaredHingeLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "squared_hinge";

    /** The default margin, 1, as in Keras (fixed there) and PyTorch's margin losses. */
    public static final double DEFAULT_MARGIN = 1.0;

    private final double margin;

    /** Creates the loss with {@code margin = }{@value #DEFAULT_MARGIN}. */
    public SquaredHingeLoss() {
        this(DEFAULT_MARGIN);
    }

    /**
     * Creates the loss with the given margin: a prediction costs nothing once
     * {@code t p >= margin}.
     *
     * @throws IllegalArgumentException if {@code margin} is negative, NaN or infinite
     */
    public SquaredHingeLoss(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException(NAME + ": margin must be finite and >= 0 (0 <= margin < infinity),"
                    + " got " + margin);
        }
        this.margin = margin;
    }

    /** The margin {@code t p} must reach to cost nothing. */
    public double margin() {
        return margin;
    }

    /** {@code {margin=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("margin", margin);
        return values;
    }

    /**
     * This loss with the margin given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code margin}, or a negative or
     *                                  infinite margin
     */
    @Override
    public SquaredHingeLoss with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("margin"));
        return new SquaredHingeLoss(hyperparameters.getOrDefault("margin", margin));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(double[] prediction, double[] target) {
        Checks.sample(NAME, prediction, target, prediction.length);
        double sum = 0;
        for (int i = 0; i < prediction.length; i++) {
            double m = Math.max(0, margin - target[i] * prediction[i]);
            sum += m * m;
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = -2.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            double m = Math.max(0, margin - target[i] * prediction[i]);
            grad[i] = factor * target[i] * m;
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double m = Math.max(0, margin - (double) target[i] * prediction[i]);
            sum += m * m;
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = -2 * scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double t = target[i];
            double m = Math.max(0, margin - t * prediction[i]);
            grad[i] += (float) (factor * t * m);
        }
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
