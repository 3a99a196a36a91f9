package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Poisson loss, {@code poisson}: the negative log-likelihood of counts {@code t} under Poisson
 * distributions of rates {@code p}, up to a term that does not depend on {@code p}, averaged
 * over the {@code n} numbers of a sample, as in Keras:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i [ p_i - t_i log(p_i + eps) ]
 *   dloss/dp_i  = (1 - t_i / (p_i + eps)) / n
 * </pre>
 *
 * <p>{@code eps} is {@value #EPSILON}, as in Keras; it keeps the logarithm finite at
 * {@code p = 0}. Predictions are non-negative rates (for example the output of an exponential
 * or softplus); a prediction at or below {@code -eps} gives a loss that is not finite. Targets
 * are non-negative counts; the target has the prediction's width. A batch is {@code rows} rows
 * of {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class PoissonLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "poisson";

    /** Added to each prediction inside the logarithm. */
    public static final double EPSILON = 1e-7;

    /** Creates the loss; it has no hyperparameters. */
    public PoissonLoss() {
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
            sum += prediction[i] - target[i] * Math.log(prediction[i] + EPSILON);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = factor * (1 - target[i] / (prediction[i] + EPSILON));
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double p = prediction[i];
            sum += p - target[i] * Math.log(p + EPSILON);
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * (1 - target[i] / (prediction[i] + EPSILON)));
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
