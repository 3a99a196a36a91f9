package nn.losses;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Squared hinge loss, {@code squared_hinge}, for targets in {@code {-1, 1}}, averaged over the
 * {@code n} numbers of a sample, as in Keras. A smooth version of {@link HingeLoss}; with
 * {@code m_i = max(0, 1 - t_i p_i)}:
 *
 * <pre>
 *   loss(p, t)  = (1/n) sum_i m_i^2
 *   dloss/dp_i  = -2 t_i m_i / n
 * </pre>
 *
 * <p>No hyperparameters. Targets are used as given: pass -1 and 1 (Keras converts 0/1 labels;
 * this loss does not). The target has the prediction's width. A batch is {@code rows} rows of
 * {@code cols} predictions and {@code rows} rows of {@code cols} targets, row-major; the
 * samples' losses are combined by the {@link Reduction}.
 */
public final class SquaredHingeLoss implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "squared_hinge";

    /** Creates the loss; it has no hyperparameters. */
    public SquaredHingeLoss() {
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
            double m = Math.max(0, 1 - target[i] * prediction[i]);
            sum += m * m;
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, prediction.length);
        double factor = -2.0 / prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            double m = Math.max(0, 1 - target[i] * prediction[i]);
            grad[i] = factor * target[i] * m;
        }
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, cols);
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double m = Math.max(0, 1 - (double) target[i] * prediction[i]);
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
            double m = Math.max(0, 1 - t * prediction[i]);
            grad[i] += (float) (factor * t * m);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
