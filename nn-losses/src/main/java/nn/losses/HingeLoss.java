package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Hinge loss, {@code hinge}, for targets in {@code {-1, 1}}, averaged over the {@code n} numbers
 * of a sample, as in Keras. A prediction on the right side of 0 by a margin of at least 1 costs
 * nothing:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i max(0, 1 - t_i p_i)
 *   dloss/dp_i  = -t_i / n     if 1 - t_i p_i &gt; 0
 *               = 0            otherwise
 * </pre>
 *
 * <p>No hyperparameters. Targets are used as given: pass -1 and 1 (Keras converts 0/1 labels;
 * this loss does not). The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class HingeLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "hinge";

    /** Creates the loss; it has no hyperparameters. */
    public HingeLoss() {
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
            sum += Math.max(0, 1 - target[i] * prediction[i]);
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = 1.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = 1 - target[i] * prediction[i] > 0 ? -factor * target[i] : 0;
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            sum += Math.max(0, 1 - (double) target[i] * prediction[i]);
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
            if (1 - t * prediction[i] > 0) {
                grad[i] += (float) (-factor * t);
            }
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
