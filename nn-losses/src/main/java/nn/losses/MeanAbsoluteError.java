package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Mean absolute error, {@code mae}: the absolute errors of a sample averaged over its {@code n}
 * numbers, as in Keras.
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i |p_i - t_i|
 *   dloss/dp_i  = sign(p_i - t_i) / n        (0 where p_i = t_i, as in PyTorch)
 * </pre>
 *
 * <p>No hyperparameters. The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class MeanAbsoluteError implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "mae";

    /** Creates the loss; it has no hyperparameters. */
    public MeanAbsoluteError() {
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
            sum += Math.abs(prediction[i] - target[i]);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = factor * Math.signum(prediction[i] - target[i]);
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += Math.abs((double) prediction[i] - target[i]);
        }
        return sum / cols * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = scale * reduction.scale(rows) / cols;
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * Math.signum((double) prediction[i] - target[i]));
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
