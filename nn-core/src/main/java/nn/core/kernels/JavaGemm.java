package nn.core.kernels;

/**
 * Matrix multiply in plain Java, used when the Vector API is absent. It is shaped for C2's
 * auto-vectorizer, which handles loops over whole small arrays indexed by the same {@code j} but
 * not loops over one flat array at two offsets: a block of op(B) is copied into rows of its own,
 * and four rows of C are accumulated in rows of their own, {@code acc_r[j] += a_rp * bRow_p[j]},
 * then added into C.
 *
 * <p>A's rows may lie scattered in an array ({@code aRows}, a batch in its data set): they are
 * read where they are, as a dense A is.
 *
 * <p>Each element of C is {@code sum_p a_ip * b_pj} (a product, then a sum, in increasing
 * {@code p}) over one block of {@link #KC} steps, added into C block after block, whatever the
 * split among threads.
 */
final class JavaGemm implements GemmEngine {

    private static final int KC = 256;
    private static final int NC = 256;
    private static final int ROWS = 4;

    private static final class Workspace {
        final float[][] b = new float[KC][NC];
        final float[][] acc = new float[ROWS][NC];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String describe() {
        return "plain Java (auto-vectorized loops)";
    }

    @Override
    public int rowGrain() {
        return ROWS;
    }

    @Override
    public int colGrain() {
        return 16;
    }

    @Override
    public boolean splitColumns(boolean transA, boolean transB, int m, int n, int k, int parts) {
        return m < parts * ROWS;
    }

    @Override
    public void compute(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                        boolean accumulate, int i0, int i1, int j0, int j1) {
        Workspace w = WORKSPACE.get();
        float[][] bRows = w.b;
        float[] acc0 = w.acc[0];
        float[] acc1 = w.acc[1];
        float[] acc2 = w.acc[2];
        float[] acc3 = w.acc[3];
        // a(i, p) = a[rowPart(i) + stepPart(p)]: A's stored rows are op(A)'s rows, or its steps when
        // transposed, dense from aOffset or scattered at aRows
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean overwrite = !accumulate && pc == 0;
                for (int p = 0; p < kc; p++) {
                    float[] row = bRows[p];
                    if (!transB) {
                        System.arraycopy(b, bOffset + (pc + p) * n + jc, row, 0, nc);
                    } else {
                        int src = bOffset + jc * k + pc + p;
                        for (int j = 0; j < nc; j++) {
                            row[j] = b[src + j * k];
                        }
                    }
                }
                int i = i0;
                for (; i + ROWS <= i1; i += ROWS) {
                    java.util.Arrays.fill(acc0, 0, nc, 0f);
                    java.util.Arrays.fill(acc1, 0, nc, 0f);
                    java.util.Arrays.fill(acc2, 0, nc, 0f);
                    java.util.Arrays.fill(acc3, 0, nc, 0f);
                    int r0 = rowPart(transA, aRows, aOffset, k, i);
                    int r1 = rowPart(transA, aRows, aOffset, k, i + 1);
                    int r2 = rowPart(transA, aRows, aOffset, k, i + 2);
                    int r3 = rowPart(transA, aRows, aOffset, k, i + 3);
                    for (int p = 0; p < kc; p++) {
                        int sp = stepPart(transA, aRows, aOffset, m, pc + p);
                        float x0 = a[r0 + sp];
                        float x1 = a[r1 + sp];
                        float x2 = a[r2 + sp];
                        float x3 = a[r3 + sp];
                        float[] row = bRows[p];
                        for (int j = 0; j < nc; j++) {
                            float bj = row[j];
                            acc0[j] += x0 * bj;
                            acc1[j] += x1 * bj;
                            acc2[j] += x2 * bj;
                            acc3[j] += x3 * bj;
                        }
                    }
                    int ci = cOffset + i * n + jc;
                    store(acc0, c, ci, nc, overwrite);
                    store(acc1, c, ci + n, nc, overwrite);
                    store(acc2, c, ci + 2 * n, nc, overwrite);
                    store(acc3, c, ci + 3 * n, nc, overwrite);
                }
                for (; i < i1; i++) {
                    java.util.Arrays.fill(acc0, 0, nc, 0f);
                    int r0 = rowPart(transA, aRows, aOffset, k, i);
                    for (int p = 0; p < kc; p++) {
                        float x0 = a[r0 + stepPart(transA, aRows, aOffset, m, pc + p)];
                        float[] row = bRows[p];
                        for (int j = 0; j < nc; j++) {
                            acc0[j] += x0 * row[j];
                        }
                    }
                    store(acc0, c, cOffset + i * n + jc, nc, overwrite);
                }
            }
        }
    }

    /** The part of element (i, p)'s index in A that row i of op(A) gives. */
    private static int rowPart(boolean transA, int[] aRows, int aOffset, int k, int i) {
        if (transA) {
            return i;
        }
        return aRows == null ? aOffset + i * k : aRows[i];
    }

    /** The part of element (i, p)'s index in A that step p gives. */
    private static int stepPart(boolean transA, int[] aRows, int aOffset, int m, int p) {
        if (!transA) {
            return p;
        }
        return aRows == null ? aOffset + p * m : aRows[p];
    }

    @Override
    public boolean readsScatteredRows(boolean transA, boolean transB, int m, int n, int k) {
        return true;
    }

    private static void store(float[] acc, float[] c, int ci, int nc, boolean overwrite) {
        if (overwrite) {
            System.arraycopy(acc, 0, c, ci, nc);
        } else {
            for (int j = 0; j < nc; j++) {
                c[ci + j] += acc[j];
            }
        }
    }
}
