package nn.core.kernels;

/**
 * Sums over all elements and along the axes of a row-major {@code rows x cols} matrix, and
 * transposes. Sums are accumulated in double, in a fixed order, so results do not depend on
 * threading: large calls are split among {@link Parallel}'s threads by output (columns for
 * {@link #sumRows}, rows for {@link #sumCols}), never inside a sum.
 *
 * <p>Thread-safe: any number of threads may call it at once on different outputs; one of them at a
 * time gets the pool of {@link Parallel}, the others compute on their own thread, with the same
 * bits.
 */
public final class Reductions {

    private static final int COLUMN_GRAIN = 64;
    /** Transposes go by square tiles of this side, so both matrices are read a cache line at a time. */
    private static final int TILE = 32;

    private Reductions() {
    }

    /** The sum of the first {@code n} elements, accumulated in double in index order. */
    public static double sum(float[] a, int n) {
        Elementwise.check("a", a, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    /** {@code out[j] = scale * sum over rows of a[r, j]}: the sum along axis 0, one row wide. */
    public static void sumRows(float[] a, float[] out, int rows, int cols, double scale) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("a", a, n);
        Elementwise.check("out", out, cols);
        RangeJob job = RangeJob.take(n, cols, COLUMN_GRAIN);
        job.kind = RangeJob.SUM_ROWS;
        job.x0 = a;
        job.x1 = out;
        job.rows = rows;
        job.cols = cols;
        job.d0 = scale;
        job.execute();
    }

    /** {@code out[r] = scale * sum over columns of a[r, j]}: the sum along axis 1, one column wide. */
    public static void sumCols(float[] a, float[] out, int rows, int cols, double scale) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("a", a, n);
        Elementwise.check("out", out, rows);
        RangeJob job = RangeJob.take(n, rows, 1);
        job.kind = RangeJob.SUM_COLS;
        job.x0 = a;
        job.x1 = out;
        job.cols = cols;
        job.d0 = scale;
        job.execute();
    }

    static void sumColsRange(float[] a, float[] out, int cols, double scale, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            double s = 0;
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                s += a[row + j];
            }
            out[r] = (float) (s * scale);
        }
    }

    /**
     * {@code dst[r, j] += scale * g[...]}, spreading a reduced gradient back over the matrix:
     * {@code g} is one value ({@code axis = -1}), one row ({@code axis = 0}) or one column
     * ({@code axis = 1}).
     */
    public static void spreadInto(float[] g, float[] dst, int rows, int cols, int axis, float scale) {
        if (axis < -1 || axis > 1) {
            throw new IllegalArgumentException("axis must be -1 (all), 0 or 1, got " + axis);
        }
        int n = Elementwise.size(rows, cols);
        Elementwise.check("g", g, axis < 0 ? 1 : axis == 0 ? cols : rows);
        Elementwise.check("dst", dst, n);
        RangeJob job = RangeJob.take(n, rows, 1);
        job.kind = RangeJob.SPREAD;
        job.x0 = g;
        job.x1 = dst;
        job.cols = cols;
        job.axis = axis;
        job.f0 = scale;
        job.execute();
    }

    static void spreadRange(float[] g, float[] dst, int cols, int axis, float scale, int r0, int r1) {
        if (axis == 0) {
            Kernels.ROWS.spreadRows(g, scale, dst, cols, r0, r1);
            return;
        }
        for (int r = r0; r < r1; r++) {
            float v = scale * (axis < 0 ? g[0] : g[r]);
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[row + j] += v;
            }
        }
    }

    /** {@code dst[j, i] += src[i, j]}: adds the transpose of a {@code rows x cols} matrix. */
    public static void addTransposedInto(float[] src, float[] dst, int rows, int cols) {
        transpose(src, dst, rows, cols, true);
    }

    /** {@code dst[j, i] = src[i, j]}: writes the transpose of a {@code rows x cols} matrix. */
    public static void transpose(float[] src, float[] dst, int rows, int cols) {
        transpose(src, dst, rows, cols, false);
    }

    private static void transpose(float[] src, float[] dst, int rows, int cols, boolean add) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("src", src, n);
        Elementwise.check("dst", dst, n);
        RangeJob job = RangeJob.take(n, rows, TILE);
        job.kind = add ? RangeJob.ADD_TRANSPOSED : RangeJob.TRANSPOSE;
        job.x0 = src;
        job.x1 = dst;
        job.rows = rows;
        job.cols = cols;
        job.execute();
    }

    /** Rows {@code [r0, r1)} of src into columns of dst, by tiles. */
    static void transposeRange(float[] src, float[] dst, int rows, int cols, boolean add, int r0, int r1) {
        for (int i0 = r0; i0 < r1; i0 += TILE) {
            int i1 = Math.min(r1, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int s = i * cols;
                    if (add) {
                        for (int j = j0; j < j1; j++) {
                            dst[j * rows + i] += src[s + j];
                        }
                    } else {
                        for (int j = j0; j < j1; j++) {
                            dst[j * rows + i] = src[s + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * How many floats of each row {@link #gatherColumns} copies before moving to the next row: the
     * rows of a shuffled mini-batch lie scattered over a data set far larger than the caches, and
     * copying a slice of every row in turn keeps misses of all of them in flight at once, where
     * whole rows one after the other wait for each row's first lines. In training, alternating
     * the two every 300 steps in one JVM (a throwaway switch): the seed's 10 rows of 784 took
     * 5.1-5.7 us a step against 6.4-7.1 whole row by whole row, the modern net's 64 rows 38-40 us
     * against 54-55 (2 threads, each copying half the columns).
     */
    static final int GATHER_SLICE = 256;

    /** Columns {@code [c0, c1)} of {@link Elementwise#gatherRows}, a slice of every row at a time. */
    static void gatherColumns(float[] src, int[] index, int start, int rows, int cols, float[] dst, int c0, int c1) {
        for (int j = c0; j < c1; j += GATHER_SLICE) {
            int length = Math.min(GATHER_SLICE, c1 - j);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, index[start + r] * cols + j, dst, r * cols + j, length);
            }
        }
    }
}
