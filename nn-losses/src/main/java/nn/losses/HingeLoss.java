package nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Hinge loss, {@code hinge}, for targets in {@code {-1, 1}}, averaged over the {@code n} numbers
 * of a sample, as in Keras. A prediction on the right side of 0 by at least the margin (1 by default) costs
 * nothing:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i max(0, margin - t_i p_i)
 *   dloss/dp_i  = -t_i / n     if margin - t_i p_i &gt; 0
 *               = 0            otherwise
 * </pre>
 *
 * <p>Hyperparameter {@code margin >= 0}, default 1 (Keras's fixed value; PyTorch's margin losses
 * take it as {@code margin}): ask for another by name, {@code Plugins.loss("hinge(margin=0.5)")}.
 * Targets are used as given: pass -1 and 1 (Keras converts 0/1 labels;
 * this loss does not). The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class HingeLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "hinge";

    /** The default margin, 1, as in Keras (fixed there) and PyTorch's margin losses. */
    public static final double DEFAULT_MARGIN = 1.0;

    private final double margin;

    /** Creates the loss with {@code margin = }{@value #DEFAULT_MARGIN}. */
    public HingeLoss() {
        this(DEFAULT_MARGIN);
    }

    /**
     * Creates the loss with the given margin: a prediction costs nothing once
     * {@code t p >= margin}.
     *
     * @throws IllegalArgumentException if {@code margin} is negative, NaN or infinite
     */
    public HingeLoss(double margin) {
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
    public HingeLoss with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("margin"));
        return new HingeLoss(hyperparameters.getOrDefault("margin", margin));
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
            sum += Math.max(0, margin - target[i] * prediction[i]);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = margin - target[i] * prediction[i] > 0 ? -factor * target[i] : 0;
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += Math.max(0, margin - (double) target[i] * prediction[i]);
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double t = target[i];
            if (margin - t * prediction[i] > 0) {
                grad[i] += (float) (-factor * t);
            }
        }
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
