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

    // ---- e^x in float, for softmax

    /** Below this e^x is no longer a normal float (e^-87 = 1.6e-38; the smallest normal is 1.2e-38). */
    static final float EXP_ZERO_BELOW = -87f;
    static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln 2 in two parts: n * LN2_HI is exact for the n that occur. */
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860682e-6f;
    /** Cephes' expf polynomial for e^r - 1 - r over |r| &lt;= ln(2)/2. */
    static final float P0 = 5.0000001201e-1f;
    static final float P1 = 1.6666665459e-1f;
    static final float P2 = 4.1665795894e-2f;
    static final float P3 = 8.3334519073e-3f;
    static final float P4 = 1.3981999507e-3f;
    static final float P5 = 1.9875691500e-4f;

    /**
     * e^x for x &lt;= 0 in float, within 2 units in the last place, and 0 below
     * {@link #EXP_ZERO_BELOW} (where it would be subnormal, and every operation on it a hundred
     * times slower on x86): x = n ln 2 + r with n an integer and |r| &lt;= ln(2)/2, e^r by Cephes'
     * polynomial, times 2^n. The same operations as nn-activations' {@code FloatMath.exp}, which
     * a plugin module cannot share with the engine; NaN gives NaN.
     */
    static float expNonPositive(float x) {
        if (x < EXP_ZERO_BELOW) {
            return 0f;
        }
        float t = Math.min(x, 0f);
        float shifted = t * LOG2E + ROUNDER;
        float n = shifted - ROUNDER;
        int ni = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        float r = Math.fma(n, -LN2_HI, t);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P5, r, P4);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P1);
        p = Math.fma(p, r, P0);
        float e = Math.fma(p, r * r, r) + 1f;
        return e * Float.intBitsToFloat((ni + 127) << 23);
    }

    /** {@code a[i] = expNonPositive(a[i])} for i in {@code [from, to)}. */
    void expNonPositive(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = expNonPositive(a[i]);
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
