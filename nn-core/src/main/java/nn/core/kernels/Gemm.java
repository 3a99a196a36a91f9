package nn.core.kernels;

import java.util.Arrays;

/**
 * General matrix multiply over row-major float arrays:
 * {@code C = op(A) . op(B)} or {@code C += op(A) . op(B)}, where {@code op} is the identity or the
 * transpose. The backward pass of a matrix product needs both transposes, so they are kernels
 * of their own rather than copies.
 *
 * <p>Runs on the Vector API when it is present (see {@link Kernels}) and on {@link Parallel}'s
 * threads when the product is big enough, splitting C by rows or columns: every output element
 * is the same sequence of operations (blocks of the sum over {@code p} in increasing order, each
 * summed from zero and added into C in turn) however many threads there are, so the bits do not
 * depend on the thread count. A big batch (A packed whole) is cut into a few parts per thread,
 * which the threads claim as they free up, so that a thread on a slower core takes fewer; B is
 * then packed once, by all threads, before the parts that read it. A batch
 * through a wide layer ({@code X . W}, W with many rows) may
 * instead split the sum at block boundaries the engine fixes from {@code k} alone: the first
 * thread adds its blocks into C, each later one computes its blocks alone, and the caller then
 * adds those into C in block order, the additions one thread would have made. Each thread then
 * reads the rows of W whose gradient it computed and which it updated (see
 * {@code OptimizerKernels.forRanges}), from its own core's cache. Steady-state calls allocate
 * nothing.
 *
 * <p>On the Vector API, a product of one or two rows with a row-major B (a matrix-vector
 * product: single-sample inference) visits only the rows of B whose element of A is not zero:
 * half the pixels of a Fashion-MNIST image and about half of a relu layer's outputs are zeros.
 * Skipping a zero's multiply-add leaves the sum as it was, so the bits are those of the full
 * product (and of the same row in a batch of more than 12 rows), with one exception: a zero times
 * an infinity or NaN in B, NaN in the full product, adds nothing. A batch of 3 to 12 rows takes a
 * register tile of all its rows over the whole sum, one chain per element rather than one per
 * block of at most 256 steps: for a longer sum its last bits may differ from the same row alone
 * or in a bigger batch (summing it by blocks, for the same bits, cost 9-17% more time on the
 * seed network's 10x784 . 784x30).
 *
 * <p>{@link #multiplyRows} takes A as rows scattered over an array (a training batch where it
 * lies in the data set) and reads them there: both engines, the Vector API one on every path but
 * the matrix-vector one of a transposed A, which gets a gathered copy.
 * Training the tutorial's network, reading the batch in place rather than copying it first took
 * its epochs from 0.229 to 0.199 s (medians of five alternating runs), since the product's
 * arithmetic then overlaps the wait for the scattered rows.
 *
 * <p>Thread-safe: any number of threads may call it at once on different outputs; one of them at a
 * time gets the pool of {@link Parallel}, the others compute on their own thread, with the same
 * bits.
 */
public final class Gemm {

    /**
     * Products of fewer flops than this run on the calling thread alone (about 10 us of work):
     * below it, handing half to a second thread cost more than it saved in training the seed
     * network (10x784 . 784x30 and its weight gradient, 470,000 flops each: 0.46 s/epoch on one
     * thread, 0.78 with the split at 2^18).
     */
    static final long PARALLEL_MIN_FLOPS = Long.getLong("nn.gemm.parallelMinFlops", 1L << 20);

    private static final GemmJob JOB = new GemmJob();

    /** Per thread: scattered rows of A gathered for an engine that reads A dense only. */
    private static final ThreadLocal<float[]> GATHERED = ThreadLocal.withInitial(() -> new float[0]);

    private Gemm() {
    }

    /**
     * {@code C[m x n] (+)= op(A)[m x k] . op(B)[k x n]}.
     *
     * @param transA     whether {@code A} is stored as {@code [k, m]} and used transposed
     * @param transB     whether {@code B} is stored as {@code [n, k]} and used transposed
     * @param accumulate add into {@code C} rather than overwrite it
     * @throws IllegalArgumentException if a size is negative or an array is too short for it
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, float[] b, float[] c, boolean accumulate) {
        multiply(transA, transB, m, n, k, a, 0, b, 0, c, 0, accumulate);
    }

    /**
     * {@link #multiply(boolean, boolean, int, int, int, float[], float[], float[], boolean)} on
     * dense matrices that start at the given offsets of their arrays.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
                                boolean accumulate) {
        check(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        run(transA, transB, m, n, k, a, aOffset, null, b, bOffset, c, cOffset, accumulate);
    }

    /**
     * {@code C[m x n] (+)= op(A)[m x k] . op(B)[k x n]} with A's rows scattered over an array, read
     * where they are: a batch of samples picked from a data set, without copying it. A's stored
     * row {@code r} (row r of A, or, when {@code transA}, row r of the stored {@code [k, m]}, a
     * column of op(A)) is the {@code transA ? m : k} elements from {@code a[aRows[r]]}. The
     * result has the bits {@link #multiply(boolean, boolean, int, int, int, float[], float[],
     * float[], boolean)} gives on those rows gathered into a dense matrix.
     *
     * @param aRows the offsets in {@code a} of A's {@code transA ? k : m} stored rows (more are
     *              ignored)
     * @throws IllegalArgumentException if a size is negative, an array is too short for it, or a
     *                                  row runs outside {@code a}
     */
    public static void multiplyRows(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int[] aRows, float[] b, float[] c, boolean accumulate) {
        checkRows(transA, m, n, k, a, aRows);
        checkArray("B", b, 0, (long) k * n, k, n);
        checkArray("C", c, 0, (long) m * n, m, n);
        run(transA, transB, m, n, k, a, 0, aRows, b, 0, c, 0, accumulate);
    }

    private static void run(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int[] aRows,
                            float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOffset, cOffset + m * n, 0f);
            }
            return;
        }
        GemmEngine engine = Kernels.GEMM;
        if (aRows != null && !engine.readsScatteredRows(transA, transB, m, n, k)) {
            a = gathered(transA ? k : m, transA ? m : k, a, aRows);
            aOffset = 0;
            aRows = null;
        }
        int parts = parts(engine, transA, transB, m, n, k);
        if (parts > 1 && Parallel.tryAcquire()) {
            GemmJob job = JOB;
            try {
                job.set(engine, transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate, parts);
                if (job.sharedLength > 0) {
                    // B packed once, by all threads, for all the parts
                    job.packing = true;
                    Parallel.runAcquired(job, Math.min(Parallel.threads(), parts));
                    job.packing = false;
                }
                Parallel.runAcquired(job, parts);
                job.addLaterBlocks();
            } finally {
                job.clear();
                Parallel.release();
            }
        } else {
            engine.compute(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate, 0, m, 0, n);
        }
    }

    /** The rows {@code a[aRows[r]..+cols)} copied one after the other into this thread's buffer. */
    private static float[] gathered(int rows, int cols, float[] a, int[] aRows) {
        float[] dense = GATHERED.get();
        if (dense.length < rows * cols) {
            dense = new float[rows * cols];
            GATHERED.set(dense);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, aRows[r], dense, r * cols, cols);
        }
        return dense;
    }

    private static void checkRows(boolean transA, int m, int n, int k, float[] a, int[] aRows) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("matrix sizes must not be negative: m=" + m + ", n=" + n + ", k=" + k);
        }
        if (a == null || aRows == null) {
            throw new IllegalArgumentException(a == null ? "A is null" : "A's row offsets are null");
        }
        int rows = transA ? k : m;
        int cols = transA ? m : k;
        if (aRows.length < rows) {
            throw new IllegalArgumentException("A has " + rows + " stored rows (" + (transA ? "transposed, " : "")
                    + m + " x " + k + ") but " + aRows.length + " row offsets were given");
        }
        for (int r = 0; r < rows; r++) {
            if (aRows[r] < 0 || (long) aRows[r] + cols > a.length) {
                throw new IllegalArgumentException("A's row " + r + " at offset " + aRows[r] + " needs " + cols
                        + " elements, but its array has " + a.length);
            }
        }
    }

    /** How many threads a product of this size is worth. */
    private static int parts(GemmEngine engine, boolean transA, boolean transB, int m, int n, int k) {
        int threads = Parallel.threads();
        if (threads <= 1 || 2L * m * n * k < engine.parallelMinFlops(transA, transB, m, n, k)) {
            return 1;
        }
        int units = Math.max(ceilDiv(m, engine.rowGrain()), ceilDiv(n, engine.colGrain()));
        int parts = Math.min(threads, units);
        int perThread = engine.partsPerThread(transA, transB, m, n, k);
        // several parts a thread split rows, whole row tiles each
        return perThread > 1 ? Math.max(parts, Math.min(threads * perThread, m / engine.rowGrain())) : parts;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static void check(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                              float[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("matrix sizes must not be negative: m=" + m + ", n=" + n + ", k=" + k);
        }
        checkArray("A", a, aOffset, (long) m * k, m, k);
        checkArray("B", b, bOffset, (long) k * n, k, n);
        checkArray("C", c, cOffset, (long) m * n, m, n);
    }

    private static void checkArray(String name, float[] array, int offset, long size, int rows, int cols) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (offset < 0 || offset + size > array.length) {
            throw new IllegalArgumentException(name + " needs " + size + " elements (" + rows + " x " + cols
                    + ") from offset " + offset + ", but its array has " + array.length);
        }
    }

    /** One product's parameters, owned by whoever holds the pool; part i computes a block of C. */
    private static final class GemmJob implements Parallel.Job {
        private GemmEngine engine;
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private float[] a;
        private int aOffset;
        private int[] aRows;
        private float[] b;
        private int bOffset;
        private float[] c;
        private int cOffset;
        private boolean accumulate;
        private boolean splitColumns;
        /** Split by blocks of the sum: part 0 adds its blocks into C, later parts each into a buffer. */
        private boolean splitSteps;
        private int stepBlock;
        private int blocks;
        /** The first block not computed into C by part 0. */
        private int laterBlock;
        /** {@code blockSums[q]}: block {@code laterBlock + q} of the sum alone, m x n. */
        private float[][] blockSums = new float[0][];
        /** Floats of B packed once for all parts ({@link GemmEngine#sharedPackLength}), or 0. */
        private int sharedLength;
        private float[] packedB = new float[0];
        /** Whether the parts being run pack B (before the parts that compute C). */
        private boolean packing;

        void set(GemmEngine engine, boolean transA, boolean transB, int m, int n, int k,
                 float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                 boolean accumulate, int parts) {
            this.engine = engine;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOffset = aOffset;
            this.aRows = aRows;
            this.b = b;
            this.bOffset = bOffset;
            this.c = c;
            this.cOffset = cOffset;
            this.accumulate = accumulate;
            this.splitColumns = engine.splitColumns(transA, transB, m, n, k, parts);
            this.splitSteps = engine.splitSteps(transA, transB, m, n, k, parts);
            this.sharedLength = splitColumns || splitSteps ? 0 : engine.sharedPackLength(transA, transB, m, n, k);
            if (packedB.length < sharedLength) {
                packedB = new float[sharedLength];
            }
            if (splitSteps) {
                stepBlock = engine.stepBlock(k);
                blocks = (k + stepBlock - 1) / stepBlock;
                laterBlock = blocks / parts;
                int later = blocks - laterBlock;
                if (blockSums.length < later) {
                    blockSums = java.util.Arrays.copyOf(blockSums, later);
                }
                for (int q = 0; q < later; q++) {
                    if (blockSums[q] == null || blockSums[q].length < m * n) {
                        blockSums[q] = new float[m * n];
                    }
                }
            }
        }

        /**
         * After a split of the sum: adds the later blocks into C one by one in block order, the
         * additions one thread would have done after the first blocks.
         */
        void addLaterBlocks() {
            if (!splitSteps) {
                return;
            }
            int size = m * n;
            for (int q = 0, later = blocks - laterBlock; q < later; q++) {
                float[] sum = blockSums[q];
                if (cOffset == 0) {
                    Kernels.ROWS.addScaledFlat(sum, 1f, c, 0, size); // c + 1 * s is c + s, vectorized
                } else {
                    for (int i = 0; i < size; i++) {
                        c[cOffset + i] += sum[i];
                    }
                }
            }
        }

        /** Drops the references, so a finished job keeps no array alive; ends a packing that threw. */
        void clear() {
            packing = false;
            a = null;
            aRows = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int part, int parts) {
            if (packing) {
                engine.packShared(n, k, b, bOffset, packedB, part, parts);
                return;
            }
            if (splitSteps) {
                // part 0: blocks [0, laterBlock) into C; the others: their blocks, each alone
                if (part == 0) {
                    engine.computeSteps(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate,
                            0, m, 0, n, 0, Math.min(k, laterBlock * stepBlock));
                    return;
                }
                int later = blocks - laterBlock;
                int from = laterBlock + later * (part - 1) / (parts - 1);
                int to = laterBlock + later * part / (parts - 1);
                for (int block = from; block < to; block++) {
                    engine.computeSteps(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, blockSums[block - laterBlock],
                            0, false, 0, m, 0, n, block * stepBlock, Math.min(k, (block + 1) * stepBlock));
                }
                return;
            }
            if (splitColumns) {
                int grain = engine.colGrain();
                int units = ceilDiv(n, grain);
                int j0 = Math.min(n, (int) ((long) units * part / parts) * grain);
                int j1 = Math.min(n, (int) ((long) units * (part + 1) / parts) * grain);
                if (j0 < j1) {
                    engine.compute(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate,
                            0, m, j0, j1);
                }
            } else {
                int grain = engine.rowGrain();
                int units = ceilDiv(m, grain);
                int i0 = Math.min(m, (int) ((long) units * part / parts) * grain);
                int i1 = Math.min(m, (int) ((long) units * (part + 1) / parts) * grain);
                if (i0 < i1 && sharedLength > 0) {
                    engine.computeShared(m, n, k, a, aOffset, aRows, c, cOffset, accumulate, i0, i1, packedB);
                } else if (i0 < i1) {
                    engine.compute(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate,
                            i0, i1, 0, n);
                }
            }
        }
    }
}
