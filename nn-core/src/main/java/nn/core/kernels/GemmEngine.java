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
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of
     * {@code C (+)= op(A) . op(B)}, all matrices dense row-major from the given offsets.
     */
    void compute(boolean transA, boolean transB, int m, int n, int k,
                 float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
                 boolean accumulate, int i0, int i1, int j0, int j1);
}
