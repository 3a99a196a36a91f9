package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * The tutorial's loss, {@code l2}: the sum of squared errors of a sample.
 *
 * <pre>
 *   loss(p, t)  = sum_i (p_i - t_i)^2
 *   dloss/dp_i  = 2 (p_i - t_i)
 * </pre>
 *
 * <p>No hyperparameters. The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction} (the tutorial uses
 * {@link Reduction#SUM}). Unlike {@link MeanSquaredError} there is no division by the width.
 */
public final class L2Loss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "l2";

    /** Creates the loss; it has no hyperparameters. */
    public L2Loss() {
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
            double d = prediction[i] - target[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = 2 * (prediction[i] - target[i]);
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double d = (double) prediction[i] - target[i];
            sum += d * d;
        }
        return sum * reduction.scale(rows);
    }

    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, cols);
        double factor = 2 * scale * reduction.scale(rows);
        for (int i = 0, size = rows * cols; i < size; i++) {
            grad[i] += (float) (factor * ((double) prediction[i] - target[i]));
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
