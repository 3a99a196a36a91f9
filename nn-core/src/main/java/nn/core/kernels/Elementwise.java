package nn.core.kernels;

/**
 * Element-wise arithmetic over row-major matrices of {@code rows x cols} elements.
 *
 * <p>A second operand {@code b} is either of the same size or, when {@code broadcast} is true,
 * one row of {@code cols} elements applied to every row (a bias). Forward kernels write
 * {@code out}; kernels named {@code ...Into} add into their destination.
 *
 * <p>Every element is computed by the same operations whichever thread computes it; large calls
 * are split among {@link Parallel}'s threads by elements or rows, and sums into one row (the
 * gradient of a broadcast operand) by columns, each column summed over rows in increasing order.
 * Nothing is allocated in steady state.
 *
 * <p>Thread-safe: any number of threads may call it at once on different outputs; one of them at a
 * time gets the pool of {@link Parallel}, the others compute on their own thread, with the same
 * bits.
 */
public final class Elementwise {

    /** Flat ranges are split among threads at multiples of this many elements. */
    private static final int FLAT_GRAIN = 256;
    /** Columns are split among threads at multiples of this many (a vector or more). */
    private static final int COLUMN_GRAIN = 64;
    /** {@code Math.exp} or {@code log} of one element costs about this many simple operations. */
    private static final int TRANSCENDENTAL_COST = 8;

    private Elementwise() {
    }

    /** The arithmetic of a binary kernel. */
    public enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE }

    /** Work on the rows {@code [fromRow, toRow)} of a call split by rows ({@link #forRows}). */
    @FunctionalInterface
    public interface RowsBody {
        /** Does the work of rows {@code [fromRow, toRow)}. */
        void run(int fromRow, int toRow);
    }

    /**
     * Runs {@code body} over rows {@code [0, rows)} of {@code cols} elements each: on the caller
     * alone when small, when there is one thread or when the pool is busy, otherwise split by
     * whole rows among {@link Parallel}'s threads. The body must write only the outputs of its
     * rows; then the bits do not depend on the split. Allocates nothing (give it a body made once).
     */
    public static void forRows(int rows, int cols, RowsBody body) {
        if (rows <= 0) {
            return;
        }
        RangeJob job = RangeJob.take((long) rows * cols, rows, 1);
        job.kind = RangeJob.ROWS_BODY;
        job.rowsBody = body;
        job.execute();
    }

    /**
     * Copies rows {@code index[start], ..., index[start + rows - 1]} of the row-major matrix
     * {@code src} ({@code cols} wide) into the first {@code rows} rows of {@code dst}: a
     * mini-batch gathered from a data set. Split among threads by columns (784 into 392 + 392
     * on two threads, where the first layer's product splits its sum): each thread then finds
     * in its own cache the columns of the batch that product and the weight gradient read on it.
     *
     * @throws IllegalArgumentException if an index or an array is out of range
     */
    public static void gatherRows(float[] src, int cols, int[] index, int start, int rows, float[] dst) {
        if (cols < 0 || rows < 0 || start < 0 || start + rows > index.length) {
            throw new IllegalArgumentException("cannot gather " + rows + " rows of " + cols + " from position "
                    + start + " of " + index.length + " indices");
        }
        check("dst", dst, size(rows, cols));
        int available = cols == 0 ? Integer.MAX_VALUE : src.length / cols;
        for (int r = start; r < start + rows; r++) {
            if (index[r] < 0 || index[r] >= available) {
                throw new IllegalArgumentException("row index " + index[r] + " is outside the " + available
                        + " rows of the source");
            }
        }
        RangeJob job = RangeJob.take((long) rows * cols, cols, 1);
        job.kind = RangeJob.GATHER_COLUMNS;
        job.x0 = src;
        job.x1 = dst;
        job.index = index;
        job.start = start;
        job.rows = rows;
        job.cols = cols;
        job.execute();
    }

    /** {@code out = a OP b}, with {@code b} broadcast over rows if asked. */
    public static void binary(Op op, float[] a, float[] b, float[] out, int rows, int cols, boolean broadcast) {
        int n = size(rows, cols);
        check("a", a, n);
        check("b", b, broadcast ? cols : n);
        check("out", out, n);
        RangeJob job = broadcast ? RangeJob.take(n, rows, 1) : RangeJob.take(n, n, FLAT_GRAIN);
        job.kind = broadcast ? RangeJob.BINARY_ROWS : RangeJob.BINARY_FLAT;
        job.op = op;
        job.x0 = a;
        job.x1 = b;
        job.x2 = out;
        job.cols = cols;
        job.execute();
    }

    /**
     * {@code out[r] = a[r] + row} for the rows {@code [fromRow, toRow)} of {@code cols}-wide
     * matrices, on the calling thread (inside a {@link #forRows} body): the rows of
     * {@link #binary} with a broadcast row, the same operations.
     */
    public static void addRowInto(float[] a, float[] row, float[] out, int cols, int fromRow, int toRow) {
        check("a", a, size(toRow, cols));
        check("row", row, cols);
        check("out", out, size(toRow, cols));
        if (fromRow < 0 || fromRow > toRow) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") are not a range");
        }
        Kernels.ROWS.binaryRows(Op.ADD, a, row, out, cols, fromRow, toRow);
    }

    /** {@code dst += scale * src}, element by element over {@code n} elements. */
    public static void addScaledInto(float[] src, float scale, float[] dst, int n) {
        check("src", src, n);
        check("dst", dst, n);
        RangeJob job = RangeJob.take(n, n, FLAT_GRAIN);
        job.kind = RangeJob.ADD_SCALED_FLAT;
        job.x0 = src;
        job.f0 = scale;
        job.x1 = dst;
        job.execute();
    }

    /**
     * {@code dst += scale * src} where {@code dst} is a matrix of the same size, or one row that
     * receives the sum over the rows of {@code src} when {@code broadcast} is true: the gradient
     * of a broadcast operand.
     */
    public static void addScaledInto(float[] src, float scale, float[] dst, int rows, int cols, boolean broadcast) {
        if (!broadcast) {
            addScaledInto(src, scale, dst, size(rows, cols));
            return;
        }
        check("src", src, size(rows, cols));
        check("dst", dst, cols);
        RangeJob job = RangeJob.take((long) rows * cols, cols, COLUMN_GRAIN);
        job.kind = RangeJob.ADD_SCALED_COLUMNS;
        job.x0 = src;
        job.f0 = scale;
        job.x1 = dst;
        job.rows = rows;
        job.cols = cols;
        job.execute();
    }

    /**
     * {@code dst += scale * g * m}, where {@code m} has the shape of {@code g} or is one broadcast
     * row ({@code broadcastM}), and {@code dst} has the shape of {@code g} or is one row that
     * receives the sum over rows ({@code broadcastDst}). The gradient of a product.
     */
    public static void multiplyInto(float[] g, float[] m, float scale, float[] dst, int rows, int cols,
                                    boolean broadcastM, boolean broadcastDst) {
        int n = size(rows, cols);
        check("g", g, n);
        check("m", m, broadcastM ? cols : n);
        check("dst", dst, broadcastDst ? cols : n);
        RangeJob job;
        if (broadcastDst) {
            job = RangeJob.take(n, cols, COLUMN_GRAIN);
            job.kind = RangeJob.MULTIPLY_COLUMNS;
        } else if (broadcastM) {
            job = RangeJob.take(n, rows, 1);
            job.kind = RangeJob.MULTIPLY_ROWS;
        } else {
            job = RangeJob.take(n, n, FLAT_GRAIN);
            job.kind = RangeJob.MULTIPLY_FLAT;
        }
        job.x0 = g;
        job.x1 = m;
        job.f0 = scale;
        job.x2 = dst;
        job.rows = rows;
        job.cols = cols;
        job.flag = broadcastM;
        job.execute();
    }

    /**
     * {@code dst += g / d}, with {@code d} broadcast as in {@link #multiplyInto}: the gradient of a
     * quotient with respect to its numerator.
     */
    public static void divideInto(float[] g, float[] d, float[] dst, int rows, int cols, boolean broadcastD) {
        int n = size(rows, cols);
        check("g", g, n);
        check("d", d, broadcastD ? cols : n);
        check("dst", dst, n);
        RangeJob job = broadcastD ? RangeJob.take(n, rows, 1) : RangeJob.take(n, n, FLAT_GRAIN);
        job.kind = broadcastD ? RangeJob.DIVIDE_ROWS : RangeJob.DIVIDE_FLAT;
        job.x0 = g;
        job.x1 = d;
        job.x2 = dst;
        job.cols = cols;
        job.execute();
    }

    /**
     * {@code dst -= g * q / d}, the gradient of a quotient {@code q = n / d} with respect to its
     * denominator, summed over rows into one row when {@code broadcastD} is true.
     */
    public static void quotientDenominatorInto(float[] g, float[] q, float[] d, float[] dst,
                                               int rows, int cols, boolean broadcastD) {
        int n = size(rows, cols);
        check("g", g, n);
        check("q", q, n);
        check("d", d, broadcastD ? cols : n);
        check("dst", dst, broadcastD ? cols : n);
        RangeJob job = broadcastD ? RangeJob.take(n, cols, COLUMN_GRAIN) : RangeJob.take(n, n, FLAT_GRAIN);
        job.kind = broadcastD ? RangeJob.QUOTIENT_COLUMNS : RangeJob.QUOTIENT_FLAT;
        job.x0 = g;
        job.x1 = q;
        job.x2 = d;
        job.x3 = dst;
        job.rows = rows;
        job.cols = cols;
        job.execute();
    }

    /**
     * Sets the floats among {@code a[0, n)} below {@link OptimizerKernels#TINY} ({@code 2^-100}) in
     * magnitude to a zero of their sign, in place; everything else, NaN included, is left as it
     * is. The graph calls it on activations and their gradients: saturated sigmoids and vanishing
     * softmax probabilities produce subnormal floats, and products of tiny values underflow into
     * them, and every x86 operation that reads or writes one takes a microcode assist about a
     * hundred times slower, which C libraries avoid with the processor's flush-to-zero and
     * denormals-are-zero modes and Java cannot. Flushing below {@code 2^-100} rather than only
     * the subnormals keeps products with weights (and most products of two such values) out of
     * the subnormal range too; a term that small cannot move a sum above {@code 2^-76}. Measured:
     * the seed network's weight-gradient product spent 43 us a step in its register kernel
     * instead of about 5 (subnormals), and its 10x30 . 30x10 product 5 us instead of under 2
     * (subnormal products of values just above them).
     */
    public static void flushTiny(float[] a, int n) {
        check("a", a, n);
        Kernels.ROWS.flushTiny(a, 0, n);
    }

    /** {@link #flushTiny(float[], int)} on the elements {@code [from, to)}. */
    public static void flushTiny(float[] a, int from, int to) {
        check("a", a, to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not inside the array");
        }
        Kernels.ROWS.flushTiny(a, from, to);
    }

    /** {@code out = scale * a + shift} over {@code n} elements. */
    public static void affine(float[] a, float scale, float shift, float[] out, int n) {
        check("a", a, n);
        check("out", out, n);
        RangeJob job = RangeJob.take(n, n, FLAT_GRAIN);
        job.kind = RangeJob.AFFINE;
        job.x0 = a;
        job.f0 = scale;
        job.f1 = shift;
        job.x1 = out;
        job.execute();
    }

    /** {@code out = exp(a)} over {@code n} elements. */
    public static void exp(float[] a, float[] out, int n) {
        check("a", a, n);
        check("out", out, n);
        RangeJob job = RangeJob.take((long) n * TRANSCENDENTAL_COST, n, FLAT_GRAIN);
        job.kind = RangeJob.EXP;
        job.x0 = a;
        job.x1 = out;
        job.execute();
    }

    /** {@code out = log(a)} over {@code n} elements. */
    public static void log(float[] a, float[] out, int n) {
        check("a", a, n);
        check("out", out, n);
        RangeJob job = RangeJob.take((long) n * TRANSCENDENTAL_COST, n, FLAT_GRAIN);
        job.kind = RangeJob.LOG;
        job.x0 = a;
        job.x1 = out;
        job.execute();
    }

    static void expRange(float[] a, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) Math.exp(a[i]);
        }
    }

    static void logRange(float[] a, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) Math.log(a[i]);
        }
    }

    static int size(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("rows and cols must not be negative, got " + rows + " x " + cols);
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + " x " + cols + " elements do not fit in one array");
        }
        return (int) n;
    }

    static void check(String name, float[] array, int needed) {
        if (needed < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + needed);
        }
        if (array.length < needed) {
            throw new IllegalArgumentException(name + " has " + array.length + " elements, needs " + needed);
        }
    }
}
