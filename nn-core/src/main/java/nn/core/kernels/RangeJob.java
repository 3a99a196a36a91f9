package nn.core.kernels;

import nn.core.kernels.Elementwise.Op;

/**
 * The parameters of one element-wise or reduction kernel call, and its body over a range of
 * elements, rows or columns. A call takes the shared job when the pool is free and the work is big
 * enough to split, otherwise its thread's own job, which it runs at once over the whole range: no
 * allocation either way.
 */
final class RangeJob extends SplitJob {

    /** Calls touching fewer elements than this run on the caller alone ({@code nn.parallelMinElements}). */
    static final long PARALLEL_MIN_ELEMENTS = Long.getLong("nn.parallelMinElements", 1L << 15);

    static final int BINARY_FLAT = 0;
    static final int BINARY_ROWS = 1;
    static final int ADD_SCALED_FLAT = 2;
    static final int ADD_SCALED_COLUMNS = 3;
    static final int MULTIPLY_FLAT = 4;
    static final int MULTIPLY_ROWS = 5;
    static final int MULTIPLY_COLUMNS = 6;
    static final int DIVIDE_FLAT = 7;
    static final int DIVIDE_ROWS = 8;
    static final int QUOTIENT_FLAT = 9;
    static final int QUOTIENT_COLUMNS = 11;
    static final int AFFINE = 12;
    static final int EXP = 13;
    static final int LOG = 14;
    static final int SUM_ROWS = 16;
    static final int SUM_COLS = 17;
    static final int SPREAD = 18;
    static final int TRANSPOSE = 19;
    static final int ADD_TRANSPOSED = 20;
    static final int SOFTMAX_CE = 21;
    static final int SOFTMAX_CE_GRAD = 22;
    static final int ROWS_BODY = 23;
    static final int GATHER_COLUMNS = 24;

    private static final RangeJob SHARED = new RangeJob();
    private static final ThreadLocal<RangeJob> OWN = ThreadLocal.withInitial(RangeJob::new);

    int kind;
    Op op;
    float[] x0;
    float[] x1;
    float[] x2;
    float[] x3;
    float f0;
    float f1;
    double d0;
    int rows;
    int cols;
    int axis;
    boolean flag;
    /** Row indices of a gather, and where in them it starts ({@link Elementwise#gatherRows}). */
    int[] index;
    int start;
    /** The caller's work on a range of rows ({@link Elementwise#forRows}). */
    Elementwise.RowsBody rowsBody;
    /** Per-row results of a kernel that reduces rows (softmax cross-entropy), grown on demand. */
    double[] rowValues = new double[0];

    /**
     * A job for a call that touches {@code work} elements and splits {@code units} (rows, columns
     * or elements) in multiples of {@code grain}: the shared one, with the pool held, if worth
     * it, or this thread's own. Fill it and call {@link #execute}.
     */
    static RangeJob take(long work, int units, int grain) {
        int threads = Parallel.threads();
        int chunks = (units + grain - 1) / Math.max(1, grain);
        if (threads > 1 && work >= PARALLEL_MIN_ELEMENTS && chunks > 1 && Parallel.tryAcquire()) {
            RangeJob job = SHARED;
            job.shared = true;
            job.setSplit(units, grain, Math.min(threads, chunks));
            return job;
        }
        RangeJob job = OWN.get();
        job.shared = false;
        job.setSplit(units, grain, 1);
        return job;
    }

    private void setSplit(int units, int grain, int parts) {
        this.units = units;
        this.grain = Math.max(1, grain);
        this.parts = parts;
    }

    @Override
    void forget() {
        x0 = null;
        x1 = null;
        x2 = null;
        x3 = null;
        rowsBody = null;
        index = null;
    }

    /**
     * Runs the body like {@link #execute} and returns {@code rowValues[0] + rowValues[1] + ...}
     * over {@code count} rows, summed in row order before another call can take the job.
     */
    double executeAndSum(int count) {
        try {
            runAll();
            double total = 0;
            for (int r = 0; r < count; r++) {
                total += rowValues[r];
            }
            return total;
        } finally {
            finish();
        }
    }

    /** The per-row values array, at least {@code size} long. */
    double[] rowValues(int size) {
        if (rowValues.length < size) {
            rowValues = new double[size];
        }
        return rowValues;
    }

    @Override
    void body(int from, int to) {
        RowKernels k = Kernels.ROWS;
        switch (kind) {
            case BINARY_FLAT -> k.binaryFlat(op, x0, x1, x2, from, to);
            case BINARY_ROWS -> k.binaryRows(op, x0, x1, x2, cols, from, to);
            case ADD_SCALED_FLAT -> k.addScaledFlat(x0, f0, x1, from, to);
            case ADD_SCALED_COLUMNS -> k.addScaledColumns(x0, f0, x1, rows, cols, from, to);
            case MULTIPLY_FLAT -> k.multiplyFlat(x0, x1, f0, x2, from, to);
            case MULTIPLY_ROWS -> k.multiplyRows(x0, x1, f0, x2, cols, from, to);
            case MULTIPLY_COLUMNS -> k.multiplyColumns(x0, x1, f0, x2, rows, cols, flag, from, to);
            case DIVIDE_FLAT -> k.divideFlat(x0, x1, x2, from, to);
            case DIVIDE_ROWS -> k.divideRows(x0, x1, x2, cols, from, to);
            case QUOTIENT_FLAT -> k.quotientDenominatorFlat(x0, x1, x2, x3, from, to);
            case QUOTIENT_COLUMNS -> k.quotientDenominatorColumns(x0, x1, x2, x3, rows, cols, from, to);
            case AFFINE -> k.affineFlat(x0, f0, f1, x1, from, to);
            case EXP -> Elementwise.expRange(x0, x1, from, to);
            case LOG -> Elementwise.logRange(x0, x1, from, to);
            case SUM_ROWS -> k.sumColumns(x0, x1, rows, cols, d0, from, to);
            case SUM_COLS -> Reductions.sumColsRange(x0, x1, cols, d0, from, to);
            case SPREAD -> Reductions.spreadRange(x0, x1, cols, axis, f0, from, to);
            case TRANSPOSE -> Reductions.transposeRange(x0, x1, rows, cols, false, from, to);
            case ADD_TRANSPOSED -> Reductions.transposeRange(x0, x1, rows, cols, true, from, to);
            case SOFTMAX_CE -> Softmax.crossEntropyRows(x0, x1, x2, cols, flag, rowValues, from, to);
            case SOFTMAX_CE_GRAD -> Softmax.crossEntropyGradientRows(x0, x1, x2, cols, flag, f0, from, to);
            case ROWS_BODY -> rowsBody.run(from, to);
            case GATHER_COLUMNS -> Reductions.gatherColumns(x0, index, start, rows, cols, x1, from, to);
            default -> throw new IllegalStateException("unknown kernel " + kind);
        }
    }
}
