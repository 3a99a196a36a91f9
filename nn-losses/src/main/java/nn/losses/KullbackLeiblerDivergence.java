package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Kullback-Leibler divergence, {@code kl_divergence}, of the predicted distribution from the
 * target distribution: how much information is lost when {@code p} is used in place of
 * {@code t}. Each prediction is first clamped to {@code [eps, 1]} so that the logarithm stays
 * finite, and classes whose target is 0 contribute nothing ({@code 0 log 0 = 0}):
 *
 * <pre>
 *   c(p)        = min(max(p, eps), 1)
 *   loss(p, t)  = sum_{i : t_i &gt; 0} t_i log(t_i / c(p_i))
 *   dloss/dp_i  = -t_i / p_i     if t_i &gt; 0 and eps &lt;= p_i &lt;= 1
 *               = 0              otherwise
 * </pre>
 *
 * <p>The gradient is that of the clamped form: a prediction outside the clamp range receives no
 * gradient. Keras also clips the target to {@code [eps, 1]}, so that a 0 target there adds a
 * tiny {@code eps log(eps / p)}; here it adds exactly 0. The sum runs over the classes of a
 * sample, not a mean. {@code eps} is {@value #EPSILON}, as in Keras.
 *
 * <p>Predictions and targets are probability distributions (for example the output of a
 * softmax, and soft labels); the target has the prediction's width. A batch is {@code rows} rows
 * of {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class KullbackLeiblerDivergence implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "kl_divergence";

    /** The predictions are clamped to {@code [EPSILON, 1]}. */
    public static final double EPSILON = 1e-7;

    /** Creates the loss; it has no hyperparameters. */
    public KullbackLeiblerDivergence() {
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
            sum += divergence(prediction[i], target[i]);
        }
        return sum;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = derivative(prediction[i], target[i]);
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += divergence(prediction[i], target[i]);
        }
        return sum * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows);
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * derivative(prediction[i], target[i]));
        }
    }

    /** {@code t log(t / c(p))}, or 0 where {@code t <= 0}. */
    private static double divergence(double p, double t) {
        if (t <= 0) {
            return 0;
        }
        return t * Math.log(t / Math.min(Math.max(p, EPSILON), 1));
    }

    /** {@code -t / p}: 0 where {@code t <= 0} or outside the clamp range, NaN for a NaN p. */
    private static double derivative(double p, double t) {
        if (t <= 0 || p < EPSILON || p > 1) {
            return 0;
        }
        return -t / p;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
