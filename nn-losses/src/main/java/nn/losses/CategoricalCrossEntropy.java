package nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Categorical cross-entropy, {@code categorical_cross_entropy}, on probabilities (for example
 * the output of a softmax) against a one-hot or probability-distribution target. Each prediction
 * is first clamped to {@code [eps, 1 - eps]} so that the logarithm stays finite:
 *
 * <pre>
 *   c(p)        = min(max(p, eps), 1 - eps)
 *   loss(p, t)  = -sum_i t_i log c(p_i)
 *   dloss/dp_i  = -t_i / p_i     if eps &lt;= p_i &lt;= 1 - eps
 *               = 0              otherwise
 * </pre>
 *
 * <p>The gradient is that of the clamped form: a prediction outside the clamp range (exactly 0,
 * say) receives no gradient. The sum runs over the classes of a sample, not a mean: the loss of
 * a sample does not depend on how many classes there are. Unlike Keras, the predictions are not
 * renormalised to sum to 1; pass the output of a softmax.
 *
 * <p>Hyperparameter {@code label_smoothing} in [0, 1], default 0, as in Keras: each target
 * {@code t_i} of a sample of {@code k} classes is replaced by {@code t_i (1 - ls) + ls / k}
 * before the formulas above, as in {@code Plugins.loss("categorical_cross_entropy(label_smoothing=0.1)")}.
 *
 * <p>{@code eps} is {@value #EPSILON}, as in Keras. The target has the prediction's width. A
 * batch is {@code rows} rows of {@code cols} predictions and {@code rows} rows of {@code cols}
 * targets, row-major; the samples' losses are combined by the {@link Reduction}. For a target
 * given as a class index, use {@link SparseCategoricalCrossEntropy}.
 */
public final class CategoricalCrossEntropy implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "categorical_cross_entropy";

    /** The predictions are clamped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;

    private static final double UPPER = 1 - EPSILON;

    /** The default label smoothing, 0: the targets as given. */
    public static final double DEFAULT_LABEL_SMOOTHING = 0.0;

    private final double labelSmoothing;

    /** Creates the loss without label smoothing. */
    public CategoricalCrossEntropy() {
        this(DEFAULT_LABEL_SMOOTHING);
    }

    /**
     * Creates the loss with label smoothing: each target {@code t} of a sample of {@code k} classes becomes
     * {@code t (1 - labelSmoothing) + labelSmoothing / k}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= labelSmoothing <= 1}
     */
    public CategoricalCrossEntropy(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(NAME + ": label_smoothing must be between 0 and 1"
                    + " (0 <= label_smoothing <= 1), got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /** How much of each target is moved to the uniform distribution. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** {@code {label_smoothing=...}}, as Keras's {@code CategoricalCrossentropy(label_smoothing=0.0)}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("label_smoothing", labelSmoothing);
        return values;
    }

    /**
     * This loss with the label smoothing given, or this one's.
     *
     * @throws IllegalArgumentException for another key, or a value outside [0, 1]
     */
    @Override
    public CategoricalCrossEntropy with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("label_smoothing"));
        return new CategoricalCrossEntropy(hyperparameters.getOrDefault("label_smoothing", labelSmoothing));
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
            sum -= smooth(target[i], prediction.length) * Math.log(clamp(prediction[i]));
        }
        return sum;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = derivative(prediction[i], smooth(target[i], prediction.length));
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum -= smooth(target[i], cols) * Math.log(clamp(prediction[i]));
        }
        return sum * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows);
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * derivative(prediction[i], smooth(target[i], cols)));
        }
    }

    /** The smoothed target of one of {@code classes} classes; the target itself without smoothing. */
    private double smooth(double t, int classes) {
        return labelSmoothing == 0 ? t : t * (1 - labelSmoothing) + labelSmoothing / classes;
    }

    private static double clamp(double p) {
        return Math.min(Math.max(p, EPSILON), UPPER);
    }

    /** {@code -t / p}: 0 outside the clamp range, NaN for a NaN prediction. */
    private static double derivative(double p, double t) {
        if (p < EPSILON || p > UPPER) {
            return 0;
        }
        return -t / p;
    }

    /** The spec, such as {@code categorical_cross_entropy(label_smoothing=0.1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
