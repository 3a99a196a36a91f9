package nn.activations;

import nn.api.RowActivation;

/**
 * Log-softmax over each row: the logarithm of {@link Softmax}, computed without ever forming
 * the softmax, for use with a negative log-likelihood loss.
 *
 * <pre>{@code
 * log_softmax(x)_i = x_i - log sum_j exp(x_j)
 *                  = (x_i - m) - log sum_j exp(x_j - m),   m = max_j x_j
 * d log_softmax_i / d x_j = delta_ij - softmax_j
 * vector-Jacobian product:  gradX_i = gradY_i - exp(y_i) sum_j gradY_j
 * }</pre>
 *
 * <p>Row-wise: each row of the batch ({@code rowLength} numbers) is one set of scores, like
 * {@code torch.nn.LogSoftmax(dim=-1)} on a {@code [rows, rowLength]} matrix. No
 * hyperparameters. The log-sum-exp subtracts the row maximum first, so nothing overflows and
 * {@code log_softmax([-1e4, 0]) = [-1e4, 0]} stays finite where {@code log(softmax)} would give
 * {@code -infinity}. The backward uses only the output: {@code softmax_i = exp(y_i)}.
 */
public final class LogSoftmax extends RowActivation {

    /** Creates the log_softmax activation. */
    public LogSoftmax() {
    }

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public void applyRow(double[] x, double[] y) {
        Rows.checkSameLength(name(), x, y, "y");
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        double logSum = Math.log(sum);
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - max) - logSum;
        }
    }

    @Override
    public void backwardRow(double[] x, double[] y, double[] gradY, double[] gradX) {
        Rows.checkSameLength(name(), x, y, "y");
        Rows.checkSameLength(name(), x, gradY, "gradY");
        Rows.checkSameLength(name(), x, gradX, "gradX");
        double sumGrad = 0.0;
        for (double g : gradY) {
            sumGrad += g;
        }
        for (int i = 0; i < y.length; i++) {
            gradX[i] = gradY[i] - Math.exp(y[i]) * sumGrad;
        }
    }

    /** One row at a time, without allocation. */
    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        Rows.checkBlock(name(), length, rowLength);
        for (int row = offset, rowsEnd = offset + length; row < rowsEnd; row += rowLength) {
            int end = row + rowLength;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = row; i < end; i++) {
                max = Math.max(max, x[i]);
            }
            double sum = 0.0;
            for (int i = row; i < end; i++) {
                sum += Math.exp((double) x[i] - max);
            }
            double logSum = Math.log(sum);
            for (int i = row; i < end; i++) {
                y[i] = (float) (((double) x[i] - max) - logSum);
            }
        }
    }

    /** Adds {@code gradY_i - exp(y_i) sum_j gradY_j} into {@code gradX}, row by row. */
    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        Rows.checkBlock(name(), length, rowLength);
        for (int row = offset, rowsEnd = offset + length; row < rowsEnd; row += rowLength) {
            int end = row + rowLength;
            double sumGrad = 0.0;
            for (int i = row; i < end; i++) {
                sumGrad += gradY[i];
            }
            for (int i = row; i < end; i++) {
                gradX[i] += (float) (gradY[i] - Math.exp(y[i]) * sumGrad);
            }
        }
    }
}
