package nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Binary cross-entropy, {@code binary_cross_entropy}, on probabilities (for example the output
 * of a sigmoid), averaged over the {@code n} numbers of a sample, as in Keras. Each prediction is
 * first clamped to {@code [eps, 1 - eps]} so that the logarithms stay finite:
 *
 * <pre>
 *   c(p)        = min(max(p, eps), 1 - eps)
 *   loss(p, t)  = -(1/n) sum_i [ t_i log c(p_i) + (1 - t_i) log(1 - c(p_i)) ]
 *   dloss/dp_i  = (c(p_i) - t_i) / (c(p_i) (1 - c(p_i)) n)   if eps &lt;= p_i &lt;= 1 - eps
 *               = 0                                        otherwise
 * </pre>
 *
 * <p>The gradient is that of the clamped form: outside the clamp range the loss is flat, so a
 * prediction that has saturated at exactly 0 or 1 receives no gradient (as in Keras). When the
 * probabilities come from a sigmoid that may saturate, a loss on the logits is the numerically
 * better choice.
 *
 * <p>Hyperparameter {@code label_smoothing} in [0, 1], default 0, as in Keras: each target
 * {@code t_i} is replaced by {@code t_i (1 - ls) + ls / 2} before the formulas above, as in
 * {@code Plugins.loss("binary_cross_entropy(label_smoothing=0.1)")}.
 *
 * <p>{@code eps} is {@value #EPSILON}, as in Keras. Targets are probabilities in {@code [0, 1]},
 * usually 0 or 1; the target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class BinaryCrossEntropy implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "binary_cross_entropy";

    /** The predictions are clamped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;

    private static final double UPPER = 1 - EPSILON;

    /** The default label smoothing, 0: the targets as given. */
    public static final double DEFAULT_LABEL_SMOOTHING = 0.0;

    private final double labelSmoothing;

    /** Creates the loss without label smoothing. */
    public BinaryCrossEntropy() {
        this(DEFAULT_LABEL_SMOOTHING);
    }

    /**
     * Creates the loss with label smoothing: each target {@code t} becomes
     * {@code t (1 - labelSmoothing) + labelSmoothing / 2}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= labelSmoothing <= 1}
     */
    public BinaryCrossEntropy(double labelSmoothing) {
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

    /** {@code {label_smoothing=...}}, as Keras's {@code BinaryCrossentropy(label_smoothing=0.0)}. */
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
    public BinaryCrossEntropy with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("label_smoothing"));
        return new BinaryCrossEntropy(hyperparameters.getOrDefault("label_smoothing", labelSmoothing));
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
            sum += crossEntropy(prediction[i], smooth(target[i]));
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = factor * derivative(prediction[i], smooth(target[i]));
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += crossEntropy(prediction[i], smooth(target[i]));
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * derivative(prediction[i], smooth(target[i])));
        }
    }

    /** The smoothed target; the target itself without smoothing. */
    private double smooth(double t) {
        return labelSmoothing == 0 ? t : t * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    /** The cross-entropy of one clamped prediction {@code p} against its target {@code t}. */
    private static double crossEntropy(double p, double t) {
        double c = Math.min(Math.max(p, EPSILON), UPPER);
        return -(t * Math.log(c) + (1 - t) * Math.log(1 - c));
    }

    /** Its derivative in {@code p}: 0 outside the clamp range, NaN for a NaN prediction. */
    private static double derivative(double p, double t) {
        if (p < EPSILON || p > UPPER) {
            return 0;
        }
        return (p - t) / (p * (1 - p));
    }

    /** The spec, such as {@code binary_cross_entropy(label_smoothing=0.1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
