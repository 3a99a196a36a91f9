package nn.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nn.core.kernels.Elementwise.Op;

/**
 * {@link RowKernels} on the Vector API, for the loops C2 does not vectorize: a row against a
 * broadcast row, and sums down columns. Every lane does what the scalar loop does for its element
 * (the same operations, rows in the same order), so the results are bitwise those of the plain
 * Java loops. Compiled with {@code VectorGemm}, loaded only when the module is present.
 *
 * <p>Only one vector species is used in all of nn ({@code SPECIES_PREFERRED} floats): the Vector
 * API's shared code profiles the vector class, and a second species (tried here to widen floats to
 * doubles for {@code sumColumns}) made C2 give up its intrinsics and box vectors everywhere.
 */
final class VectorRowKernels extends RowKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
    private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(S, -LN2_LO);
    private static final FloatVector V_P5 = FloatVector.broadcast(S, P5);
    private static final FloatVector V_P4 = FloatVector.broadcast(S, P4);
    private static final FloatVector V_P3 = FloatVector.broadcast(S, P3);
    private static final FloatVector V_P2 = FloatVector.broadcast(S, P2);
    private static final FloatVector V_P1 = FloatVector.broadcast(S, P1);
    private static final FloatVector V_P0 = FloatVector.broadcast(S, P0);

    @Override
    void flushTiny(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            x.blend(x.mul(0f), x.abs().lt(OptimizerKernels.TINY)).intoArray(a, i);
        }
        super.flushTiny(a, i, to);
    }

    @Override
    void expNonPositive(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            FloatVector t = x.min(0f);
            FloatVector shifted = t.mul(LOG2E).add(ROUNDER);
            FloatVector n = shifted.sub(ROUNDER);
            IntVector ni = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
            FloatVector r = n.fma(NEG_LN2_HI, t);
            r = n.fma(NEG_LN2_LO, r);
            FloatVector p = V_P5.fma(r, V_P4);
            p = p.fma(r, V_P3);
            p = p.fma(r, V_P2);
            p = p.fma(r, V_P1);
            p = p.fma(r, V_P0);
            FloatVector e = p.fma(r.mul(r), r).add(1f);
            FloatVector scale = (FloatVector) ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            e.mul(scale).blend(0f, x.lt(EXP_ZERO_BELOW)).intoArray(a, i);
        }
        super.expNonPositive(a, i, to);
    }

    @Override
    void binaryRows(Op op, float[] a, float[] b, float[] out, int cols, int r0, int r1) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector x = FloatVector.fromArray(S, a, row + j);
                FloatVector y = FloatVector.fromArray(S, b, j);
                FloatVector z = switch (op) {
                    case ADD -> x.add(y);
                    case SUBTRACT -> x.sub(y);
                    case MULTIPLY -> x.mul(y);
                    case DIVIDE -> x.div(y);
                };
                z.intoArray(out, row + j);
            }
            if (j < cols) {
                super.binaryRowTail(op, a, b, out, row, j, cols);
            }
        }
    }

    @Override
    void multiplyRows(float[] g, float[] m, float scale, float[] dst, int cols, int r0, int r1) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector x = FloatVector.fromArray(S, g, row + j).mul(scale).mul(FloatVector.fromArray(S, m, j));
                FloatVector.fromArray(S, dst, row + j).add(x).intoArray(dst, row + j);
            }
            for (; j < cols; j++) {
                dst[row + j] += scale * g[row + j] * m[j];
            }
        }
    }

    @Override
    void divideRows(float[] g, float[] d, float[] dst, int cols, int r0, int r1) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector x = FloatVector.fromArray(S, g, row + j).div(FloatVector.fromArray(S, d, j));
                FloatVector.fromArray(S, dst, row + j).add(x).intoArray(dst, row + j);
            }
            for (; j < cols; j++) {
                dst[row + j] += g[row + j] / d[j];
            }
        }
    }

    @Override
    void spreadRows(float[] g, float scale, float[] dst, int cols, int r0, int r1) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector x = FloatVector.fromArray(S, g, j).mul(scale);
                FloatVector.fromArray(S, dst, row + j).add(x).intoArray(dst, row + j);
            }
            for (; j < cols; j++) {
                dst[row + j] += scale * g[j];
            }
        }
    }

    @Override
    void addScaledColumns(float[] src, float scale, float[] dst, int rows, int cols, int j0, int j1) {
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector acc = FloatVector.fromArray(S, dst, j);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(S, src, r * cols + j).mul(scale));
            }
            acc.intoArray(dst, j);
        }
        if (j < j1) {
            super.addScaledColumns(src, scale, dst, rows, cols, j, j1);
        }
    }

    @Override
    void multiplyColumns(float[] g, float[] m, float scale, float[] dst, int rows, int cols, boolean broadcastM,
                         int j0, int j1) {
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector acc = FloatVector.fromArray(S, dst, j);
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                FloatVector mv = FloatVector.fromArray(S, m, (broadcastM ? 0 : row) + j);
                acc = acc.add(FloatVector.fromArray(S, g, row + j).mul(scale).mul(mv));
            }
            acc.intoArray(dst, j);
        }
        if (j < j1) {
            super.multiplyColumns(g, m, scale, dst, rows, cols, broadcastM, j, j1);
        }
    }

    @Override
    void quotientDenominatorColumns(float[] g, float[] q, float[] d, float[] dst, int rows, int cols,
                                    int j0, int j1) {
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector acc = FloatVector.fromArray(S, dst, j);
            FloatVector dv = FloatVector.fromArray(S, d, j);
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                acc = acc.sub(FloatVector.fromArray(S, g, row + j).mul(FloatVector.fromArray(S, q, row + j)).div(dv));
            }
            acc.intoArray(dst, j);
        }
        if (j < j1) {
            super.quotientDenominatorColumns(g, q, d, dst, rows, cols, j, j1);
        }
    }
}
