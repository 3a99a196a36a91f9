package nn.activations;

import nn.api.RowActivation;

/**
 * Softmax over each row: turns a row of scores into a probability distribution.
 *
 * <pre>{@code
 * softmax(x)_i = exp(x_i) / sum_j exp(x_j)
 *              = exp(x_i - m) / sum_j exp(x_j - m),   m = max_j x_j
 * d softmax_i / d x_j = y_i (delta_ij - y_j)
 * vector-Jacobian product:  gradX_i = y_i (gradY_i - sum_j gradY_j y_j)
 * }</pre>
 *
 * <p>Row-wise: each row of the batch ({@code rowLength} numbers) is one distribution, like
 * {@code torch.nn.Softmax(dim=-1)} on a {@code [rows, rowLength]} matrix. No hyperparameters.
 * The maximum of the row is subtracted first, so no exponential overflows and the largest term
 * is 1: rows with huge values are fine. The exponentials are summed in double. The backward
 * uses only the output {@code y}.
 */
public final class Softmax extends RowActivation {

    /** Creates the softmax activation. */
    public Softmax() {
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void applyRow(double[] x, double[] y) {
        Rows.checkSameLength(name(), x, y, "y");
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i] - max);
            y[i] = e;
            sum += e;
        }
        double scale = 1.0 / sum;
        for (int i = 0; i < y.length; i++) {
            y[i] *= scale;
        }
    }

    @Override
    public void backwardRow(double[] x, double[] y, double[] gradY, double[] gradX) {
        Rows.checkSameLength(name(), x, y, "y");
        Rows.checkSameLength(name(), x, gradY, "gradY");
        Rows.checkSameLength(name(), x, gradX, "gradX");
        double dot = 0.0;
        for (int i = 0; i < y.length; i++) {
            dot += gradY[i] * y[i];
        }
        for (int i = 0; i < y.length; i++) {
            gradX[i] = y[i] * (gradY[i] - dot);
        }
    }

    /** One row at a time, in place in {@code y}, without allocation. */
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
                double e = Math.exp((double) x[i] - max);
                y[i] = (float) e;
                sum += e;
            }
            double scale = 1.0 / sum;
            for (int i = row; i < end; i++) {
                y[i] = (float) (y[i] * scale);
            }
        }
    }

    /** Adds {@code y_i (gradY_i - sum_j gradY_j y_j)} into {@code gradX}, row by row. */
    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        Rows.checkBlock(name(), length, rowLength);
        for (int row = offset, rowsEnd = offset + length; row < rowsEnd; row += rowLength) {
            int end = row + rowLength;
            double dot = 0.0;
            for (int i = row; i < end; i++) {
                dot += (double) gradY[i] * y[i];
            }
            for (int i = row; i < end; i++) {
                gradX[i] += (float) (y[i] * (gradY[i] - dot));
            }
        }
    }
}
