package nn.core.kernels;

import nn.core.kernels.Elementwise.Op;

/**
 * The loop bodies of {@link Elementwise} and {@link Reductions} over a range of rows, columns or
 * elements, in plain Java; {@code VectorRowKernels} overrides those that C2 does not vectorize by
 * itself (a row against one broadcast row, sums down columns). Both compute every element with
 * the same operations in the same order, so they agree to the bit, whatever the range.
 *
 * <p>Loops over whole ranges of flat arrays at one index {@code i} are left here: C2 vectorizes
 * them.
 */
class RowKernels {

    // ---- flat, over elements [from, to)

    void binaryFlat(Op op, float[] a, float[] b, float[] out, int from, int to) {
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = from; i < to; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = from; i < to; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case DIVIDE -> {
                for (int i = from; i < to; i++) {
                    out[i] = a[i] / b[i];
                }
            }
        }
    }

    void flushTiny(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Math.abs(a[i]) < OptimizerKernels.TINY) {
                a[i] *= 0f; // a zero of the same sign
            }
        }
    }

    void addScaledFlat(float[] src, float scale, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] += scale * src[i];
        }
    }

    void multiplyFlat(float[] g, float[] m, float scale, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] += scale * g[i] * m[i];
        }
    }

    void divideFlat(float[] g, float[] d, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] += g[i] / d[i];
        }
    }

    void quotientDenominatorFlat(float[] g, float[] q, float[] d, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] -= g[i] * q[i] / d[i];
        }
    }

    void affineFlat(float[] a, float scale, float shift, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = scale * a[i] + shift;
        }
    }

    // ---- rows [r0, r1) against one broadcast row of cols elements

    void binaryRows(Op op, float[] a, float[] b, float[] out, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            binaryRowTail(op, a, b, out, r * cols, 0, cols);
        }
    }

    /** {@code out[row + j] = a[row + j] OP b[j]} for j in {@code [j0, cols)}. */
    final void binaryRowTail(Op op, float[] a, float[] b, float[] out, int row, int j0, int cols) {
        switch (op) {
            case ADD -> {
                for (int j = j0; j < cols; j++) {
                    out[row + j] = a[row + j] + b[j];
                }
            }
            case SUBTRACT -> {
                for (int j = j0; j < cols; j++) {
                    out[row + j] = a[row + j] - b[j];
                }
            }
            case MULTIPLY -> {
                for (int j = j0; j < cols; j++) {
                    out[row + j] = a[row + j] * b[j];
                }
            }
            case DIVIDE -> {
                for (int j = j0; j < cols; j++) {
                    out[row + j] = a[row + j] / b[j];
                }
            }
        }
    }

    /** {@code dst[r, j] += scale * g[r, j] * m[j]}. */
    void multiplyRows(float[] g, float[] m, float scale, float[] dst, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[row + j] += scale * g[row + j] * m[j];
            }
        }
    }

    /** {@code dst[r, j] += g[r, j] / d[j]}. */
    void divideRows(float[] g, float[] d, float[] dst, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[row + j] += g[row + j] / d[j];
            }
        }
    }

    /** {@code dst[r, j] += scale * g[j]}. */
    void spreadRows(float[] g, float scale, float[] dst, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[row + j] += scale * g[j];
            }
        }
    }

    // ---- down the columns [j0, j1) of rows x cols, into one row, rows in increasing order

    /** {@code dst[j] += scale * src[r, j]} for r = 0, 1, ... */
    void addScaledColumns(float[] src, float scale, float[] dst, int rows, int cols, int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = j0; j < j1; j++) {
                dst[j] += scale * src[row + j];
            }
        }
    }

    /** {@code dst[j] += scale * g[r, j] * m[r, j]} (or {@code m[j]} when {@code broadcastM}). */
    void multiplyColumns(float[] g, float[] m, float scale, float[] dst, int rows, int cols, boolean broadcastM,
                         int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int mRow = broadcastM ? 0 : row;
            for (int j = j0; j < j1; j++) {
                dst[j] += scale * g[row + j] * m[mRow + j];
            }
        }
    }

    /** {@code dst[j] -= g[r, j] * q[r, j] / d[j]}. */
    void quotientDenominatorColumns(float[] g, float[] q, float[] d, float[] dst, int rows, int cols,
                                    int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = j0; j < j1; j++) {
                dst[j] -= g[row + j] * q[row + j] / d[j];
            }
        }
    }

    /** {@code out[j] = (float) (scale * sum_r a[r, j])}, summed in double, rows in order. */
    void sumColumns(float[] a, float[] out, int rows, int cols, double scale, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[r * cols + j];
            }
            out[j] = (float) (s * scale);
        }
    }
}
