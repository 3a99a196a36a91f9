package nn.core.kernels;

/**
 * A matrix-multiply implementation: {@link JavaGemm} in plain Java, or {@code VectorGemm} on the
 * Vector API. {@link Gemm} checks arguments, splits the output among threads and calls
 * {@link #compute} for each block.
 *
 * <p>Contract for determinism: every element of C is computed by the same sequence of
 * floating-point operations whichever block it falls in, so any split gives the same bits.
 */
interface GemmEngine {

    /** A short description for reports, such as {@code "Vector API, 16 floats per vector"}. */
    String describe();

    /** Output rows are split among threads in multiples of this. */
    int rowGrain();

    /** Output columns are split among threads in multiples of this. */
    int colGrain();

    /** Products of fewer flops than this run on the calling thread alone. */
    default long parallelMinFlops(boolean transA, boolean transB, int m, int n, int k) {
        return Gemm.PARALLEL_MIN_FLOPS;
    }

    /** Whether threads should split the columns of C (rather than its rows) for this shape. */
    boolean splitColumns(boolean transA, boolean transB, int m, int n, int k, int parts);

    /**
     * How many parts per thread a product of this shape is cut into when it is split: more than
     * one lets a thread that runs faster claim more of them (parts are claimed one by one). Only
     * for shapes whose rows are split ({@link #splitColumns} false for at most
     * {@code m / rowGrain()} parts).
     */
    default int partsPerThread(boolean transA, boolean transB, int m, int n, int k) {
        return 1;
    }

    /**
     * Whether threads should split the sum itself, each taking whole blocks of it
     * ({@link #stepBlock}, {@link #computeSteps}), for this shape. {@link Gemm} then adds the
     * blocks of the later threads into C one by one, in block order, as one thread would.
     */
    default boolean splitSteps(boolean transA, boolean transB, int m, int n, int k, int parts) {
        return false;
    }

    /** The steps of one block of a sum over {@code k}: its blocks start at multiples of it. */
    default int stepBlock(int k) {
        return k;
    }

    /**
     * {@link #compute} over the blocks of the sum in {@code [p0, p1)} only (block boundaries, see
     * {@link #stepBlock}): what one thread computing C would have added into C from those blocks.
     */
    default void computeSteps(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                              boolean accumulate, int i0, int i1, int j0, int j1, int p0, int p1) {
        if (p0 != 0 || p1 != k) {
            throw new UnsupportedOperationException(describe() + " computes whole sums only");
        }
        compute(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate, i0, i1, j0, j1);
    }

    /**
     * How many floats hold all of {@code op(B)} packed once for every part of a product of this
     * shape whose rows are split ({@link #packShared}, then {@link #computeShared} per part), or 0
     * when each part reads or packs B for itself ({@link #compute}).
     */
    default int sharedPackLength(boolean transA, boolean transB, int m, int n, int k) {
        return 0;
    }

    /** Packs part {@code part} of {@code parts} of B (row-major, k x n) into {@code packed}. */
    default void packShared(int n, int k, float[] b, int bOffset, float[] packed, int part, int parts) {
        throw new UnsupportedOperationException(describe() + " does not share a packed B");
    }

    /**
     * {@link #compute} of rows {@code [i0, i1)} of {@code C (+)= A . B}, all columns, A and B not
     * transposed, with B read from {@code packed} (filled by {@link #packShared}).
     */
    default void computeShared(int m, int n, int k, float[] a, int aOffset, int[] aRows, float[] c, int cOffset,
                               boolean accumulate, int i0, int i1, float[] packed) {
        throw new UnsupportedOperationException(describe() + " does not share a packed B");
    }

    /**
     * Whether {@link #compute} reads A's rows where they are for this shape when they are
     * scattered ({@code aRows}); if not, {@link Gemm} gathers them into a dense copy first.
     */
    default boolean readsScatteredRows(boolean transA, boolean transB, int m, int n, int k) {
        return false;
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of
     * {@code C (+)= op(A) . op(B)}, all matrices row-major: B and C dense from the given offsets,
     * A dense from {@code aOffset} when {@code aRows} is null, else with its stored row {@code r}
     * (a row of op(A), or a column when {@code transA}) at {@code a[aRows[r]]} (only for shapes
     * {@link #readsScatteredRows} accepts).
     */
    void compute(boolean transA, boolean transB, int m, int n, int k,
                 float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                 boolean accumulate, int i0, int i1, int j0, int j1);
}
