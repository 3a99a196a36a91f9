package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Log-cosh loss, {@code log_cosh}: the logarithm of the hyperbolic cosine of the error, averaged
 * over the {@code n} numbers of a sample, as in Keras. Close to {@code d^2 / 2} for small errors
 * and to {@code |d| - log 2} for large ones. With {@code d_i = p_i - t_i}:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i log(cosh(d_i))
 *   dloss/dp_i  = tanh(d_i) / n
 * </pre>
 *
 * <p>{@code log(cosh(d))} is computed as {@code |d| + log1p(exp(-2|d|)) - log 2}, which does
 * not overflow for large {@code |d|} (where {@code cosh} itself would). No hyperparameters. The
 * target has the prediction's width. A batch is {@code rows} rows of {@code cols} predictions
 * and {@code rows} rows of {@code cols} targets, row-major; the samples' losses are combined by
 * the {@link Reduction}.
 */
public final class LogCoshLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "log_cosh";

    private static final double LOG_2 = Math.log(2);

    /** Creates the loss; it has no hyperparameters. */
    public LogCoshLoss() {
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
            sum += logCosh(prediction[i] - target[i]);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = factor * Math.tanh(prediction[i] - target[i]);
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += logCosh((double) prediction[i] - target[i]);
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * Math.tanh((double) prediction[i] - target[i]));
        }
    }

    /** {@code log(cosh(d))}, without overflow for large {@code |d|}. */
    private static double logCosh(double d) {
        double a = Math.abs(d);
        return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
