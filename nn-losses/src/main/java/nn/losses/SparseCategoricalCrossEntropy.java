package nn.losses;

import java.util.Arrays;

import nn.api.Loss;
import nn.api.Reduction;

/**
 * Sparse categorical cross-entropy, {@code sparse_categorical_cross_entropy}: the categorical
 * cross-entropy of probabilities (for example the output of a softmax) against a target given as
 * a class index {@code k} rather than a one-hot row. The prediction of the true class is first
 * clamped to {@code [eps, 1 - eps]} so that the logarithm stays finite:
 *
 * <pre>
 *   c(p)        = min(max(p, eps), 1 - eps)
 *   loss(p, k)  = -log c(p_k)
 *   dloss/dp_i  = -1 / p_k      if i = k and eps &lt;= p_k &lt;= 1 - eps
 *               = 0             otherwise
 * </pre>
 *
 * <p>The gradient is that of the clamped form: a true-class prediction outside the clamp range
 * (exactly 0, say) receives no gradient. Equal to {@link CategoricalCrossEntropy} with the
 * one-hot target of {@code k}.
 *
 * <p>{@code eps} is {@value #EPSILON}, as in Keras. The target of a sample is <em>one</em> number,
 * the class index, an integer in {@code [0, n)} stored as a number ({@link #targetWidth(int)}
 * returns 1); anything else throws {@link IllegalArgumentException} naming the row and the
 * value. A batch is {@code rows} rows of {@code cols} predictions and {@code rows} class
 * indices; the samples' losses are combined by the {@link Reduction}.
 */
public final class SparseCategoricalCrossEntropy implements Loss {

    /** The name by which this loss is found and saved. */
    public static final String NAME = "sparse_categorical_cross_entropy";

    /** The prediction of the true class is clamped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;

    private static final double UPPER = 1 - EPSILON;

    /** Creates the loss; it has no hyperparameters. */
    public SparseCategoricalCrossEntropy() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns 1: the target of a sample is its class index. */
    @Override
    public int targetWidth(int predictionWidth) {
        return 1;
    }

    @Override
    public double value(double[] prediction, double[] target) {
        Checks.sample(NAME, prediction, target, 1);
        int k = sampleClass(target[0], prediction.length);
        return -Math.log(clamp(prediction[k]));
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        Checks.sample(NAME, prediction, target, grad, 1);
        int k = sampleClass(target[0], prediction.length);
        Arrays.fill(grad, 0);
        grad[k] = derivative(prediction[k]);
    }

    @Override
    public double value(float[] prediction, float[] target, int rows, int cols,
                        Reduction reduction) {
        Checks.batch(NAME, prediction, target, rows, cols, 1);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int k = batchClass(target, r, cols);
            sum -= Math.log(clamp(prediction[r * cols + k]));
        }
        return sum * reduction.scale(rows);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every class index is checked before {@code grad} is touched, so a bad index leaves
     * {@code grad} as it was.
     */
    @Override
    public void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                         Reduction reduction, double scale) {
        Checks.batch(NAME, prediction, target, grad, rows, cols, 1);
        for (int r = 0; r < rows; r++) {
            batchClass(target, r, cols);
        }
        double factor = scale * reduction.scale(rows);
        for (int r = 0; r < rows; r++) {
            int i = r * cols + (int) target[r];
            grad[i] += (float) (factor * derivative(prediction[i]));
        }
    }

    /** The class index {@code value} as an int, or -1 if it is not an integer in [0, classes). */
    private static int classIndex(double value, int classes) {
        int k = (int) value;
        return k == value && k >= 0 && k < classes ? k : -1;
    }

    private static int sampleClass(double value, int classes) {
        int k = classIndex(value, classes);
        if (k < 0) {
            throw new IllegalArgumentException(NAME + ": the target of the sample is " + value
                    + ", which is not a class index; expected an integer in [0, " + classes
                    + "), the prediction's width");
        }
        return k;
    }

    private static int batchClass(float[] target, int row, int classes) {
        int k = classIndex(target[row], classes);
        if (k < 0) {
            throw new IllegalArgumentException(NAME + ": the target of row " + row + " is "
                    + target[row] + ", which is not a class index; expected an integer in [0, "
                    + classes + "), the prediction's width (cols)");
        }
        return k;
    }

    private static double clamp(double p) {
        return Math.min(Math.max(p, EPSILON), UPPER);
    }

    /** {@code -1 / p}: 0 outside the clamp range, NaN for a NaN prediction. */
    private static double derivative(double p) {
        if (p < EPSILON || p > UPPER) {
            return 0;
        }
        return -1 / p;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
