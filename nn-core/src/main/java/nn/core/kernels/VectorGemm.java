package nn.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix multiply on the Vector API, GotoBLAS style. The sum is cut into equal blocks of at most
 * {@link #KC} steps ({@link #blockSteps}); for each, {@code op(B)} is read in place when it is
 * row-major and not too big, and otherwise packed into panels of {@code NR} columns (a
 * transposed B with gathers); {@code op(A)} is read in place when small and packed into panels
 * of {@value #MR} rows when big. A register tile of {@value #MR} rows by two vectors
 * ({@code 8 x 32} floats with 512-bit vectors: sixteen accumulators) takes one fused multiply-add
 * per vector and step, and is then added into C (or copied, for the first block when not
 * accumulating).
 *
 * <p>Two shapes take paths of their own, chosen by the whole product's shape: one or two rows of
 * C with a row-major B run as matrix-vector products ({@link #gemv}; {@link #sparseGemv} when
 * an eighth or more of the row of A is zeros), and 3 to
 * {@value #SMALL_M_MAX} rows with row-major A and B as one tile of up to 12 rows over the whole
 * sum ({@link #smallRows}).
 *
 * <p>A's rows may also lie scattered in an array (a batch in its data set, {@code aRows}); each
 * path then reads them where they are, the same operations on the same values, but the
 * matrix-vector one of a transposed A, for which {@link Gemm} gathers them first.
 *
 * <p>So each element of C is {@code fma(a_ip, b_pj, acc)} over one block's steps in increasing
 * {@code p}, starting from 0, added into C block after block (the 3-12-row path: one block): the
 * same operations wherever the element falls in a tile and whichever thread computes it.
 *
 * <p>This file is compiled on its own with {@code --add-modules jdk.incubator.vector} (see the
 * pom) and is loaded by {@link Kernels} only when that module is present.
 */
final class VectorGemm implements GemmEngine {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;
    /** {@code PREFIX[r]}: the first r lanes, made once (a mask made per call would allocate). */
    private static final VectorMask<Float>[] PREFIX = prefixes();
    // Block sizes, read once; the nn.gemm.* properties are for tuning experiments.

    /** At most this many steps of the sum per block: a B panel of KC x NR floats stays in L1. */
    static final int KC = Integer.getInteger("nn.gemm.kc", 256);
    /** Rows of A per packed block (a multiple of MR): MC x KC floats stay in L2. */
    static final int MC = roundUp(Integer.getInteger("nn.gemm.mc", 64), MR);
    /** Columns of C per block (a multiple of NR). */
    static final int NC = roundUp(Integer.getInteger("nn.gemm.nc", 1024), NR);
    /**
     * A weight gradient ({@code transA}) with at least this many rows packs B: its panels, read in
     * place, stride by a row of B onto few L1 sets and come back from L2 for each block of MC
     * rows; packed, each is contiguous and stays in L1 ((64x784)T.(64x256), alternating in one
     * JVM: 197 -> 179 us on two threads, 336 -> 298 on one; (64x256)T.(64x128), with 4 blocks
     * of rows, lost 28 -> 32 us packed).
     */
    static final int PACK_B_TRANS_A_MIN_ROWS = 512;
    /**
     * B is packed when transposed, when A is packed, for a weight gradient of
     * {@link #PACK_B_TRANS_A_MIN_ROWS} rows or more, or when it has at least this many elements.
     */
    static final long PACK_B_MIN = Long.getLong("nn.gemm.packBMin", 1L << 18);
    /**
     * A is packed when it has at least this many elements; smaller ones are read in place, which
     * measured as fast or faster for the shapes of a batch-64 training step.
     */
    static final long PACK_A_MIN = Long.getLong("nn.gemm.packAMin", 1L << 17);

    /**
     * Products with at most this many rows of C and a row-major B run as matrix-vector products,
     * one row of C at a time ({@link #gemv}).
     */
    static final int GEMV_MAX_M = Integer.getInteger("nn.gemm.gemvMaxM", 2);

    /**
     * Products with more rows than {@link #GEMV_MAX_M} and at most this many, A and B row-major,
     * run as one register tile of all the rows over the whole sum, per panel of columns, with B
     * read in place once ({@link #smallRows}): a batch of 10 through a 784x30 layer, say, which
     * the 8-row tile would compute as 16 rows in four blocks of the sum, through a packed copy of B.
     */
    static final int SMALL_M_MAX = 12;

    /**
     * Matrix-vector products of fewer flops than this run on the calling thread; larger ones split
     * their columns between threads, so that each core streams half of B from its own cache:
     * single-sample inference through 784-256-128-10 measured 25-27 us with the first layer
     * (401,408 flops) on one thread and 14.3-14.8 us with it and the second (65,536) split, in
     * alternating runs (`MlpBench --infer`). Since products skip the zeros of A, the second
     * layer is too small to share: 11.9-12.7 us with it on one thread against 14.7-16.6 split
     * (threshold 2^17 against 2^15, alternating runs of 12 x 5,000 calls), 12.3-16.2 with the
     * first on one thread too.
     */
    static final long GEMV_PARALLEL_MIN_FLOPS = Long.getLong("nn.gemm.gemvParallelMinFlops", 1L << 17);

    /** Parts per thread of a product with A packed whole: see {@link #partsPerThread}. */
    static final int PACKED_PARTS_PER_THREAD = Integer.getInteger("nn.gemm.ppt", 4);

    /** Whether a product whose A is packed whole packs B once for all its parts ({@link #sharedPackLength}). */
    static final boolean SHARE_B = Boolean.parseBoolean(System.getProperty("nn.gemm.shareB", "true"));

    /** Whether panels narrower than NR are read in place when they can be (else packed). */
    static final boolean NARROW_IN_PLACE = Boolean.parseBoolean(System.getProperty("nn.gemm.narrowInPlace", "false"));

    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[Math.max(MR, SMALL_M_MAX) * NR];
        /** {@code j * k} for the lanes of a gather down the rows of a transposed B. */
        final int[] gather = new int[L];
        /** Where lane i of a gather packing A reads: row i % MR, step i / MR. */
        final int[] rowMap = new int[L];
        /** The steps p of a matrix-vector product whose element of A is not zero. */
        int[] steps = new int[0];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    VectorGemm() {
        if (L < 4) {
            throw new IllegalStateException("vectors of " + L + " floats are too short to help");
        }
    }

    @Override
    public String describe() {
        return "Vector API, " + L + " floats per vector, " + MR + "x" + NR + " register tile";
    }

    /**
     * The steps per block of a sum over k: k cut into as few blocks of at most {@link #KC} as it
     * takes, of equal length but the last (784 = 4 x 196). Equal blocks put the middle block
     * boundary at k / 2 for an even count of blocks, where {@link Gemm} splits the sum between two
     * threads, the same row of B where a weight gradient and the optimizer split that B.
     */
    static int blockSteps(int k) {
        int blocks = Math.max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    @Override
    public int stepBlock(int k) {
        return blockSteps(k);
    }

    @Override
    public boolean splitSteps(boolean transA, boolean transB, int m, int n, int k, int parts) {
        // a batch through a wide layer, X . W with many rows of W: each thread takes whole blocks
        // of the sum, so the rows of W it reads are those it computed the gradient of and updated
        int kb = blockSteps(k);
        return !transA && !transB && m > SMALL_M_MAX && (long) m * k < PACK_A_MIN && (k + kb - 1) / kb >= parts;
    }

    @Override
    public int rowGrain() {
        return MR;
    }

    @Override
    public int colGrain() {
        return NR;
    }

    @Override
    public long parallelMinFlops(boolean transA, boolean transB, int m, int n, int k) {
        return !transB && m <= GEMV_MAX_M ? GEMV_PARALLEL_MIN_FLOPS : Gemm.PARALLEL_MIN_FLOPS;
    }

    /**
     * A product whose A is packed whole and whose rows are split (batch inference) is cut into
     * {@link #PACKED_PARTS_PER_THREAD} parts per thread, claimed as threads free up: the two
     * virtual CPUs of the machine this was measured on take turns running vector code at up to
     * half speed, and halves fixed in advance wait for the slow one. Batch-1000 inference,
     * medians of 25 passes in alternating JVMs: 3.19-4.32 ms a batch with 4 parts per thread
     * (median of six runs 3.87) against 3.94-4.81 with 1 (4.31); 8 parts per thread 3.84-4.99.
     * The parts share one packing of B ({@link #sharedPackLength}).
     */
    @Override
    public int partsPerThread(boolean transA, boolean transB, int m, int n, int k) {
        return !transA && !transB && (long) m * k >= PACK_A_MIN ? PACKED_PARTS_PER_THREAD : 1;
    }

    @Override
    public boolean splitColumns(boolean transA, boolean transB, int m, int n, int k, int parts) {
        // Rows when A is packed whole (batch inference, convolutions): each thread then packs only
        // the rows it computes (batch-1000 inference, alternating: 3.1-4.5 ms per batch against
        // 4.1-5.6 with both threads packing all of A).
        if (!transB && (long) m * k >= PACK_A_MIN && m >= parts * MR) {
            return false;
        }
        // Rows for a weight gradient X^T . dY: the rows of W each thread then writes are those
        // the optimizer's split gives it (the first half of the elements is the first half of the
        // rows) and those its blocks of the sum in the forward product read (splitSteps)
        if (transA && !transB && m >= parts * MR) {
            return false;
        }
        // Otherwise columns when there are enough: a layer's product X . W whose sum is not split
        // (splitSteps) then reads half of W per thread. Alone, rows and columns measure the same;
        // in training (MlpBench modern, 2 threads, alternating) columns gave the first layer's
        // product 395-425 us against 440-528, and the update after it 190-199 us against 219-262,
        // before splitSteps took that product over.
        return n >= parts * NR;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] prefixes() {
        VectorMask<Float>[] masks = new VectorMask[L + 1];
        for (int r = 0; r <= L; r++) {
            masks[r] = S.indexInRange(0, r);
        }
        return masks;
    }

    /**
     * How many of the reads of {@code width} floats at {@code start}, {@code start + stride}, ...
     * (at most {@code rows} of them) stay inside an array of {@code length}: the rows of a narrow
     * panel of B that can be read by whole vectors running on past the panel.
     */
    private static int rowsInside(int length, int start, int width, int stride, int rows) {
        long room = (long) length - start - width;
        return room < 0 ? 0 : (int) Math.min(rows, room / stride + 1);
    }

    private static int roundUp(int x, int to) {
        return Math.max(to, (x + to - 1) / to * to);
    }

    @Override
    public void compute(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                        boolean accumulate, int i0, int i1, int j0, int j1) {
        computeSteps(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate,
                i0, i1, j0, j1, 0, k);
    }

    /** Every path reads scattered rows but the matrix-vector one's columns of a transposed A. */
    @Override
    public boolean readsScatteredRows(boolean transA, boolean transB, int m, int n, int k) {
        return !(transA && !transB && m <= GEMV_MAX_M);
    }

    /** Where A's stored row {@code r} starts: dense from {@code aOffset}, rows {@code len} apart, or scattered. */
    private static int rowStart(int[] aRows, int aOffset, int len, int r) {
        return aRows == null ? aOffset + r * len : aRows[r];
    }

    @Override
    public void computeSteps(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c, int cOffset,
                             boolean accumulate, int i0, int i1, int j0, int j1, int p0, int p1) {
        computeBlocks(transA, transB, m, n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate,
                i0, i1, j0, j1, p0, p1, null);
    }

    /**
     * B is packed once, by all threads, for all the parts of a product whose A is packed whole
     * and whose rows are split ({@link #partsPerThread}), where each part packed all of B for
     * itself before (8 packings of B for 2 threads). Alternating JVMs: batch-1000 inference
     * 3.47-4.69 ms a batch (median of ten 4.16) against 3.71-5.13 (4.42); 512^3 on two threads
     * 127-171 GFLOP/s against 41-99, 1024^3 103-161 against 99-142 (four pairs each).
     */
    @Override
    public int sharedPackLength(boolean transA, boolean transB, int m, int n, int k) {
        // the products cut into several parts per thread; a few rows take the paths of their own
        if (!SHARE_B || m <= SMALL_M_MAX || partsPerThread(transA, transB, m, n, k) == 1) {
            return 0;
        }
        return sharedBlocks(k) * ((n + NR - 1) / NR) * blockSteps(k) * NR;
    }

    private static int sharedBlocks(int k) {
        int kb = blockSteps(k);
        return (k + kb - 1) / kb;
    }

    /** Where panel {@code q} of the sum's block {@code block} lies in a shared packing of B. */
    private static int sharedOffset(int n, int k, int block, int panel) {
        return (block * ((n + NR - 1) / NR) + panel) * blockSteps(k) * NR;
    }

    /**
     * Packs this part's share of all of B's panels, every block of the sum, into {@code packed}
     * ({@link #sharedPackLength} floats), each panel as {@link #computeSteps} would pack it for
     * itself.
     */
    @Override
    public void packShared(int n, int k, float[] b, int bOffset, float[] packed, int part, int parts) {
        int kb = blockSteps(k);
        int panels = (n + NR - 1) / NR;
        int units = sharedBlocks(k) * panels;
        int u1 = (int) ((long) units * (part + 1) / parts);
        for (int u = (int) ((long) units * part / parts); u < u1; u++) {
            int block = u / panels;
            int q = u % panels;
            int pc = block * kb;
            int jj = q * NR;
            int nw = Math.min(NR, n - jj);
            packB(false, n, k, b, bOffset, pc, Math.min(kb, k - pc), jj, nw, packed, sharedOffset(n, k, block, q),
                    nw <= L ? L : NR, null);
        }
    }

    @Override
    public void computeShared(int m, int n, int k, float[] a, int aOffset, int[] aRows, float[] c, int cOffset,
                              boolean accumulate, int i0, int i1, float[] packed) {
        computeBlocks(false, false, m, n, k, a, aOffset, aRows, null, 0, c, cOffset, accumulate, i0, i1, 0, n, 0, k,
                packed);
    }

    /** {@link #computeSteps}, with B read from {@code shared} (see {@link #packShared}) when not null. */
    private static void computeBlocks(boolean transA, boolean transB, int m, int n, int k,
                                      float[] a, int aOffset, int[] aRows, float[] b, int bOffset, float[] c,
                                      int cOffset, boolean accumulate, int i0, int i1, int j0, int j1, int p0, int p1,
                                      float[] shared) {
        Workspace w = WORKSPACE.get();
        int kb = blockSteps(k);
        if ((!transB && m <= GEMV_MAX_M || !transA && !transB && m <= SMALL_M_MAX) && (p0 != 0 || p1 != k)) {
            throw new IllegalStateException("the sum of a product of " + m + " rows is not split");
        }
        if (!transB && m <= GEMV_MAX_M) {
            // a few rows: each a matrix-vector product streaming B once, no packing, no wasted rows
            int aStep = transA ? m : 1;
            for (int i = i0; i < i1; i++) {
                int ai = transA ? aOffset + i : rowStart(aRows, aOffset, k, i);
                if (w.steps.length < k) {
                    w.steps = new int[k];
                }
                int nonzero = nonzeroSteps(k, a, ai, aStep, w.steps);
                if (nonzero < k - k / 8) {
                    sparseGemv(k, n, a, ai, aStep, b, bOffset, c, cOffset + i * n, accumulate, j0, j1, w.tile,
                            w.steps, nonzero);
                } else {
                    gemv(k, n, a, ai, aStep, b, bOffset, c, cOffset + i * n, accumulate, j0, j1, w.tile);
                }
            }
            return;
        }
        if (!transA && !transB && m <= SMALL_M_MAX) {
            smallRows(n, k, a, aOffset, aRows, b, bOffset, c, cOffset, accumulate, i0, i1, j0, j1, w.tile);
            return;
        }
        boolean packAllA = (long) m * k >= PACK_A_MIN;
        // B too when A is packed, or for a tall weight gradient: its panels then serve many row
        // tiles each, from L1 when contiguous (a panel read in place strides by a row of B, which
        // maps onto few L1 sets)
        boolean packAllB = transB || (long) k * n >= PACK_B_MIN || packAllA
                || transA && m >= PACK_B_TRANS_A_MIN_ROWS;
        if (transB && w.gather[1] != k) {
            for (int j = 0; j < L; j++) {
                w.gather[j] = j * k;
            }
        }
        float[] t = w.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int panels = (nc + NR - 1) / NR;
            for (int pc = p0; pc < p1; pc += kb) {
                int kc = Math.min(kb, p1 - pc);
                boolean overwrite = !accumulate && pc == p0;
                float[] bp = shared;
                if (shared == null) {
                    if (w.b.length < panels * kc * NR) {
                        w.b = new float[panels * kc * NR];
                    }
                    bp = w.b;
                    for (int q = 0; q < panels; q++) {
                        int jj = jc + q * NR;
                        int nw = Math.min(NR, jc + nc - jj);
                        if (!inPlace(packAllB, n, b, bOffset, pc, kc, jj, nw)) {
                            packB(transB, n, k, b, bOffset, pc, kc, jj, nw, bp, q * kc * NR, nw <= L ? L : NR,
                                    w.gather);
                        }
                    }
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int aSize = (mc + MR - 1) / MR * MR * kc;
                    if (w.a.length < aSize) {
                        w.a = new float[aSize];
                    }
                    float[] ap = w.a;
                    if (packAllA) {
                        packA(transA, m, k, a, aOffset, aRows, ic, mc, pc, kc, ap, w.rowMap);
                    } else if (transA && mc % MR != 0) {
                        // only the last, partial panel: reading it in place would run past A
                        int last = mc / MR * MR;
                        packA(true, m, k, a, aOffset, aRows, ic + last, mc - last, pc, kc, ap, w.rowMap);
                    }
                    for (int q = 0; q < panels; q++) {
                        int jj = jc + q * NR;
                        int nw = Math.min(NR, jc + nc - jj);
                        float[] bs;
                        int bi;
                        int bStep;
                        if (!inPlace(packAllB, n, b, bOffset, pc, kc, jj, nw)) {
                            bs = bp;
                            bi = shared == null ? q * kc * NR : sharedOffset(n, k, pc / kb, jj / NR);
                            bStep = nw <= L ? L : NR;
                        } else {
                            bs = b;
                            bi = bOffset + pc * n + jj;
                            bStep = n;
                        }
                        boolean wide = nw > L;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int row0 = ic + ir;
                            int ci = cOffset + row0 * n + jj;
                            // a whole tile that overwrites C is stored there at once; so is one
                            // of a single narrow panel (n = 10, 30) whose whole vectors run on
                            // into rows this call writes later anyway; any other goes through
                            // the scratch tile and is then added (or copied)
                            boolean direct = overwrite && mr == MR && (nw == NR || nw == L
                                    || narrowSpill(n, panels, row0, i1, j0, j1, nw <= L ? L : NR));
                            float[] dst = direct ? c : t;
                            int di = direct ? ci : 0;
                            int ld = direct ? n : NR;
                            if (packAllA) {
                                tile(wide, kc, ap, ir * kc, MR, bs, bi, bStep, dst, di, ld);
                            } else if (transA) {
                                if (mr == MR && aRows == null) {
                                    tile(wide, kc, a, aOffset + pc * m + row0, m, bs, bi, bStep, dst, di, ld);
                                } else if (mr == MR) {
                                    if (wide) {
                                        kernel2Indexed(kc, a, aRows, pc, row0, bs, bi, bStep, dst, di, ld);
                                    } else {
                                        kernel1Indexed(kc, a, aRows, pc, row0, bs, bi, bStep, dst, di, ld);
                                    }
                                } else {
                                    tile(wide, kc, ap, 0, MR, bs, bi, bStep, dst, di, ld);
                                }
                            } else {
                                // rows past the end repeat the last row; their results are not kept
                                int last = i1 - 1;
                                int r0 = rowStart(aRows, aOffset, k, row0) + pc;
                                int r1 = rowStart(aRows, aOffset, k, Math.min(row0 + 1, last)) + pc;
                                int r2 = rowStart(aRows, aOffset, k, Math.min(row0 + 2, last)) + pc;
                                int r3 = rowStart(aRows, aOffset, k, Math.min(row0 + 3, last)) + pc;
                                int r4 = rowStart(aRows, aOffset, k, Math.min(row0 + 4, last)) + pc;
                                int r5 = rowStart(aRows, aOffset, k, Math.min(row0 + 5, last)) + pc;
                                int r6 = rowStart(aRows, aOffset, k, Math.min(row0 + 6, last)) + pc;
                                int r7 = rowStart(aRows, aOffset, k, Math.min(row0 + 7, last)) + pc;
                                if (wide) {
                                    kernel2Rows(kc, a, r0, r1, r2, r3, r4, r5, r6, r7, bs, bi, bStep, dst, di, ld);
                                } else {
                                    kernel1Rows(kc, a, r0, r1, r2, r3, r4, r5, r6, r7, bs, bi, bStep, dst, di, ld);
                                }
                            }
                            if (!direct) {
                                merge(t, c, ci, n, mr, nw, overwrite, wholeRows(n, nw, row0, mr, i1, j0, j1));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether a panel of op(B) is read in place rather than packed: a row-major B not packed
     * whole, and, for a last panel narrower than NR, only when its reads of width L or NR (which
     * run on into the next row of B; those lanes are dropped) stay inside the array.
     */
    private static boolean inPlace(boolean packAllB, int n, float[] b, int bOffset, int pc, int kc, int jj, int nw) {
        if (packAllB) {
            return false;
        }
        if (nw == NR || !NARROW_IN_PLACE) {
            return nw == NR;
        }
        int width = nw <= L ? L : NR;
        return (long) bOffset + (long) (pc + kc - 1) * n + jj + width <= b.length;
    }

    /** A tile from A columns: element (r, p) of the tile's rows at {@code a[ai + p * aStep + r]}. */
    private static void tile(boolean wide, int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep,
                             float[] t, int ti, int ldt) {
        if (wide) {
            kernel2(kc, a, ai, aStep, b, bi, bStep, t, ti, ldt);
        } else {
            kernel1(kc, a, ai, aStep, b, bi, bStep, t, ti, ldt);
        }
    }

    /**
     * Packs rows {@code [ic, ic + mc)} and steps {@code [pc, pc + kc)} of op(A) into panels of MR
     * rows: panel t holds {@code ap[t * MR * kc + p * MR + r] = op(A)[ic + t * MR + r, pc + p]},
     * rows past the end as zeros. {@code rowMap} is this thread's scratch for the gathers.
     */
    private static void packA(boolean transA, int m, int k, float[] a, int aOffset, int[] aRows,
                              int ic, int mc, int pc, int kc, float[] ap, int[] rowMap) {
        for (int t = 0; t * MR < mc; t++) {
            int rows = Math.min(MR, mc - t * MR);
            int base = t * MR * kc;
            int row0 = ic + t * MR;
            if (!transA && rows == MR && L % MR == 0) {
                // a gather reads L / MR steps of all MR rows at once, in the panel's order: batch-1000
                // inference, 4.4-4.8 -> 4.2-4.4 ms a batch (three runs each, medians of 30 passes)
                int steps = L / MR;
                for (int i = 0; i < L; i++) {
                    rowMap[i] = rowStart(aRows, aOffset, k, row0 + i % MR) + i / MR;
                }
                int p = 0;
                for (; p + steps <= kc; p += steps) {
                    FloatVector.fromArray(S, a, pc + p, rowMap, 0).intoArray(ap, base + p * MR);
                }
                for (; p < kc; p++) {
                    for (int r = 0; r < MR; r++) {
                        ap[base + p * MR + r] = a[rowStart(aRows, aOffset, k, row0 + r) + pc + p];
                    }
                }
            } else if (!transA) {
                for (int r = 0; r < rows; r++) {
                    int src = rowStart(aRows, aOffset, k, row0 + r) + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = a[src + p];
                    }
                }
            } else if (rows == MR) {
                for (int p = 0; p < kc; p++) {
                    int src = rowStart(aRows, aOffset, m, pc + p) + row0;
                    int dst = base + p * MR;
                    ap[dst] = a[src];
                    ap[dst + 1] = a[src + 1];
                    ap[dst + 2] = a[src + 2];
                    ap[dst + 3] = a[src + 3];
                    ap[dst + 4] = a[src + 4];
                    ap[dst + 5] = a[src + 5];
                    ap[dst + 6] = a[src + 6];
                    ap[dst + 7] = a[src + 7];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = rowStart(aRows, aOffset, m, pc + p) + row0;
                    for (int r = 0; r < rows; r++) {
                        ap[base + p * MR + r] = a[src + r];
                    }
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    ap[base + p * MR + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs columns {@code [jj, jj + nw)} and steps {@code [pc, pc + kc)} of op(B) into one panel
     * of {@code width} columns: {@code bp[off + p * width + j] = op(B)[pc + p, jj + j]}; columns
     * past {@code nw} hold zeros or, for a narrow row-major panel, the values that follow in B:
     * either way only dropped columns of a tile are computed from them.
     */
    private static void packB(boolean transB, int n, int k, float[] b, int bOffset, int pc, int kc,
                              int jj, int nw, float[] bp, int off, int width, int[] gather) {
        if (!transB) {
            int src = bOffset + pc * n + jj;
            int p = 0;
            if (nw < width) {
                // a narrow panel (n = 30, say): whole vectors, whose lanes past nw carry the start
                // of the next row; those lanes only ever meet columns of the tile that merge drops.
                // Rows whose whole vectors would run past the end of B take the copy below.
                int rows = rowsInside(b.length, src, width, n, kc);
                for (; p < rows; p++) {
                    int from = src + p * n;
                    int dst = off + p * width;
                    FloatVector.fromArray(S, b, from).intoArray(bp, dst);
                    if (width > L) {
                        FloatVector.fromArray(S, b, from + L).intoArray(bp, dst + L);
                    }
                }
            }
            for (; p < kc; p++) {
                int dst = off + p * width;
                System.arraycopy(b, src + p * n, bp, dst, nw);
                for (int j = nw; j < width; j++) {
                    bp[dst + j] = 0f;
                }
            }
            return;
        }
        int j = 0;
        for (; j + L <= nw; j += L) {
            // a gather reads L rows of B at once: twice as fast here as a scalar transpose
            int src = bOffset + (jj + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(S, b, src + p, gather, 0).intoArray(bp, off + p * width + j);
            }
        }
        for (; j < nw; j++) {
            int src = bOffset + (jj + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                bp[off + p * width + j] = b[src + p];
            }
        }
        if (nw < width) {
            for (int p = 0; p < kc; p++) {
                int dst = off + p * width;
                for (int jz = nw; jz < width; jz++) {
                    bp[dst + jz] = 0f;
                }
            }
        }
    }

    /**
     * Adds the first {@code mr x nw} of a tile into C, or copies them when {@code overwrite}. The
     * register kernels only ever store (into C or the tile): C2 then keeps all their vectors in
     * registers (kernels that also added into C outgrew C2's inlining budget and boxed vectors).
     *
     * <p>A row's last, partial vector of columns (n = 30 is 16 + 14) is added lane by lane, except
     * in the first {@code wholeRows} rows of the tile: there it is read, added and written as a
     * whole vector whose lanes past {@code nw} are given back their own bits (a blend), for the
     * caller has checked that those lanes are elements of C that only this thread writes (the
     * start of the next row, in a product this call computes all columns of).
     */
    private static void merge(float[] t, float[] c, int ci, int ldc, int mr, int nw, boolean overwrite,
                              int wholeRows) {
        int rem = nw % L;
        VectorMask<Float> kept = PREFIX[rem];
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int tr = r * NR;
            int j = 0;
            if (overwrite) {
                // vector moves: System.arraycopy of 32 floats costs more than the copy
                for (; j + L <= nw; j += L) {
                    FloatVector.fromArray(S, t, tr + j).intoArray(c, row + j);
                }
            } else {
                for (; j + L <= nw; j += L) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, t, tr + j)).intoArray(c, row + j);
                }
            }
            if (j == nw) {
                continue;
            }
            if (r < wholeRows) {
                FloatVector old = FloatVector.fromArray(S, c, row + j);
                FloatVector tv = FloatVector.fromArray(S, t, tr + j);
                FloatVector sum = overwrite ? tv : old.add(tv);
                old.blend(sum, kept).intoArray(c, row + j);
            } else if (overwrite) {
                for (; j < nw; j++) {
                    c[row + j] = t[tr + j];
                }
            } else {
                for (; j < nw; j++) {
                    c[row + j] = c[row + j] + t[tr + j];
                }
            }
        }
    }

    /**
     * Whether a tile of {@value #MR} rows from {@code row0}, of the only panel of a product this
     * call computes all columns of, may be stored into C by whole vectors of {@code width} lanes
     * although C has {@code n < width} columns: the lanes past a row's end land on the rows after
     * it, which the rows of this tile written next, or the tiles after it, overwrite (stores run
     * row by row, tiles in increasing rows, in one block of the sum that overwrites). It needs the
     * last vector to end inside this call's rows.
     */
    private static boolean narrowSpill(int n, int panels, int row0, int i1, int j0, int j1, int width) {
        return panels == 1 && j0 == 0 && j1 == n && n < width
                && (long) (row0 + MR - 1) * n + width <= (long) i1 * n;
    }

    /**
     * How many leading rows of a tile at rows {@code [row0, row0 + mr)}, {@code nw} columns wide,
     * may write a partial last vector whole ({@link #merge}): none unless this call computes every
     * column of C (so the lanes past a row's end are the start of the rows after it), and then
     * those whose vector ends inside this call's rows {@code [.., i1)}.
     */
    private static int wholeRows(int n, int nw, int row0, int mr, int i1, int j0, int j1) {
        int rem = nw % L;
        if (rem == 0 || j0 != 0 || j1 != n) {
            return 0;
        }
        // the vector of row r covers [r * n + n - rem, r * n + n - rem + L)
        long limit = (long) i1 * n - (n - rem) - L;
        if (limit < 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(mr, limit / n - row0 + 1));
    }

    /**
     * The 8 x 2L register tile: {@code t[8, 2L] = Apanel[8, kc] . B[kc, 2L]}, written from
     * {@code t[ti]} with rows {@code ldt} apart (C itself, or the scratch tile).
     */
    private static void kernel2(int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep,
                                float[] t, int ti, int ldt) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0, ao = ai, bo = bi; p < kc; p++, ao += aStep, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ao + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ao + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ao + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ao + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, ti);
        c01.intoArray(t, ti + L);
        c10.intoArray(t, ti + ldt);
        c11.intoArray(t, ti + ldt + L);
        c20.intoArray(t, ti + 2 * ldt);
        c21.intoArray(t, ti + 2 * ldt + L);
        c30.intoArray(t, ti + 3 * ldt);
        c31.intoArray(t, ti + 3 * ldt + L);
        c40.intoArray(t, ti + 4 * ldt);
        c41.intoArray(t, ti + 4 * ldt + L);
        c50.intoArray(t, ti + 5 * ldt);
        c51.intoArray(t, ti + 5 * ldt + L);
        c60.intoArray(t, ti + 6 * ldt);
        c61.intoArray(t, ti + 6 * ldt + L);
        c70.intoArray(t, ti + 7 * ldt);
        c71.intoArray(t, ti + 7 * ldt + L);
    }

    /** The 8 x L register tile, for panels at most one vector wide, as {@link #kernel2}. */
    private static void kernel1(int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep,
                                float[] t, int ti, int ldt) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0, ao = ai, bo = bi; p < kc; p++, ao += aStep, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7]).fma(b0, c7);
        }
        c0.intoArray(t, ti);
        c1.intoArray(t, ti + ldt);
        c2.intoArray(t, ti + 2 * ldt);
        c3.intoArray(t, ti + 3 * ldt);
        c4.intoArray(t, ti + 4 * ldt);
        c5.intoArray(t, ti + 5 * ldt);
        c6.intoArray(t, ti + 6 * ldt);
        c7.intoArray(t, ti + 7 * ldt);
    }

    /**
     * {@link #kernel2} on a transposed A whose stored rows are scattered (a weight gradient
     * {@code X^T . dY} on a batch read where it lies in a data set): the tile's element (r, p) at
     * {@code a[aRows[p0 + p] + col + r]}.
     */
    private static void kernel2Indexed(int kc, float[] a, int[] aRows, int p0, int col, float[] b, int bi, int bStep,
                                       float[] t, int ti, int ldt) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            int ao = aRows[p0 + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ao + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ao + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ao + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ao + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, ti);
        c01.intoArray(t, ti + L);
        c10.intoArray(t, ti + ldt);
        c11.intoArray(t, ti + ldt + L);
        c20.intoArray(t, ti + 2 * ldt);
        c21.intoArray(t, ti + 2 * ldt + L);
        c30.intoArray(t, ti + 3 * ldt);
        c31.intoArray(t, ti + 3 * ldt + L);
        c40.intoArray(t, ti + 4 * ldt);
        c41.intoArray(t, ti + 4 * ldt + L);
        c50.intoArray(t, ti + 5 * ldt);
        c51.intoArray(t, ti + 5 * ldt + L);
        c60.intoArray(t, ti + 6 * ldt);
        c61.intoArray(t, ti + 6 * ldt + L);
        c70.intoArray(t, ti + 7 * ldt);
        c71.intoArray(t, ti + 7 * ldt + L);
    }

    /** {@link #kernel1} on a transposed A with scattered stored rows, as {@link #kernel2Indexed}. */
    private static void kernel1Indexed(int kc, float[] a, int[] aRows, int p0, int col, float[] b, int bi, int bStep,
                                       float[] t, int ti, int ldt) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            int ao = aRows[p0 + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7]).fma(b0, c7);
        }
        c0.intoArray(t, ti);
        c1.intoArray(t, ti + ldt);
        c2.intoArray(t, ti + 2 * ldt);
        c3.intoArray(t, ti + 3 * ldt);
        c4.intoArray(t, ti + 4 * ldt);
        c5.intoArray(t, ti + 5 * ldt);
        c6.intoArray(t, ti + 6 * ldt);
        c7.intoArray(t, ti + 7 * ldt);
    }

    /** {@link #kernel2} with the tile's rows of A read in place: row r from {@code a[ar + p]}. */
    private static void kernel2Rows(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                    int a7, float[] b, int bi, int bStep, float[] t, int ti, int ldt) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, ti);
        c01.intoArray(t, ti + L);
        c10.intoArray(t, ti + ldt);
        c11.intoArray(t, ti + ldt + L);
        c20.intoArray(t, ti + 2 * ldt);
        c21.intoArray(t, ti + 2 * ldt + L);
        c30.intoArray(t, ti + 3 * ldt);
        c31.intoArray(t, ti + 3 * ldt + L);
        c40.intoArray(t, ti + 4 * ldt);
        c41.intoArray(t, ti + 4 * ldt + L);
        c50.intoArray(t, ti + 5 * ldt);
        c51.intoArray(t, ti + 5 * ldt + L);
        c60.intoArray(t, ti + 6 * ldt);
        c61.intoArray(t, ti + 6 * ldt + L);
        c70.intoArray(t, ti + 7 * ldt);
        c71.intoArray(t, ti + 7 * ldt + L);
    }

    /** {@link #kernel1} with the tile's rows of A read in place. */
    private static void kernel1Rows(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                    int a7, float[] b, int bi, int bStep, float[] t, int ti, int ldt) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[a4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[a5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[a6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[a7 + p]).fma(b0, c7);
        }
        c0.intoArray(t, ti);
        c1.intoArray(t, ti + ldt);
        c2.intoArray(t, ti + 2 * ldt);
        c3.intoArray(t, ti + 3 * ldt);
        c4.intoArray(t, ti + 4 * ldt);
        c5.intoArray(t, ti + 5 * ldt);
        c6.intoArray(t, ti + 6 * ldt);
        c7.intoArray(t, ti + 7 * ldt);
    }

    /**
     * C rows {@code [i0, i1)} (at most {@link #SMALL_M_MAX} of them at a time) by columns
     * {@code [j0, j1)}: per panel of NR columns (L for the last, if that is enough), one register
     * tile of all the rows (8, 10 or 12 rows, the smallest that holds them) runs over the whole
     * sum reading A's rows and B's rows in place; rows past i1 repeat the last one and are not
     * kept. A narrow panel's reads run on into B's next row, lanes that are dropped; the last
     * steps, where they would run past the end of B, continue on the tile in scalar fused
     * multiply-adds, the same operation as a lane's. Each element of C is the fma chain over all
     * of p, from 0, then added into C (or stored): the same bits whichever tile computes it.
     */
    private static void smallRows(int n, int k, float[] a, int aOffset, int[] aRows, float[] b, int bOffset,
                                  float[] c, int cOffset, boolean accumulate, int i0, int i1, int j0, int j1,
                                  float[] t) {
        for (int r0 = i0; r0 < i1; r0 += SMALL_M_MAX) {
            int mr = Math.min(SMALL_M_MAX, i1 - r0);
            int last = r0 + mr - 1;
            int a0 = rowStart(aRows, aOffset, k, r0);
            int a1 = rowStart(aRows, aOffset, k, Math.min(r0 + 1, last));
            int a2 = rowStart(aRows, aOffset, k, Math.min(r0 + 2, last));
            int a3 = rowStart(aRows, aOffset, k, Math.min(r0 + 3, last));
            int a4 = rowStart(aRows, aOffset, k, Math.min(r0 + 4, last));
            int a5 = rowStart(aRows, aOffset, k, Math.min(r0 + 5, last));
            int a6 = rowStart(aRows, aOffset, k, Math.min(r0 + 6, last));
            int a7 = rowStart(aRows, aOffset, k, Math.min(r0 + 7, last));
            int a8 = rowStart(aRows, aOffset, k, Math.min(r0 + 8, last));
            int a9 = rowStart(aRows, aOffset, k, Math.min(r0 + 9, last));
            int a10 = rowStart(aRows, aOffset, k, Math.min(r0 + 10, last));
            int a11 = rowStart(aRows, aOffset, k, Math.min(r0 + 11, last));
            for (int jj = j0; jj < j1; jj += NR) {
                int nw = Math.min(NR, j1 - jj);
                int width = nw <= L ? L : NR;
                int bi = bOffset + jj;
                int safe = rowsInside(b.length, bi, width, n, k);
                // the smallest tile that holds the rows: the fewest multiply-adds on repeated rows
                if (mr <= MR) {
                    if (width == NR) {
                        kernel2Rows(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, b, bi, n, t, 0, NR);
                    } else {
                        kernel1Rows(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, b, bi, n, t, 0, NR);
                    }
                } else if (mr <= 10) {
                    if (width == NR) {
                        kernel10x2(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b, bi, n, t);
                    } else {
                        kernel10x1(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b, bi, n, t);
                    }
                } else if (width == NR) {
                    kernel12x2(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, b, bi, n, t);
                } else {
                    kernel12x1(safe, a, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, b, bi, n, t);
                }
                for (int p = safe; p < k; p++) {
                    int bp = bi + p * n;
                    for (int r = 0; r < mr; r++) {
                        float x = a[rowStart(aRows, aOffset, k, r0 + r) + p];
                        int tr = r * NR;
                        for (int j = 0; j < nw; j++) {
                            t[tr + j] = Math.fma(x, b[bp + j], t[tr + j]);
                        }
                    }
                }
                merge(t, c, cOffset + r0 * n + jj, n, mr, nw, !accumulate, wholeRows(n, nw, r0, mr, i1, j0, j1));
            }
        }
    }

    /**
     * {@code t[12, 2L] = A[12 rows, 0..kc) . B[0..kc, 2L]}, row r of A read from {@code a[ar + p]}
     * and row p of B from {@code b[bi + p * bStep]}; tile rows NR apart.
     */
    private static void kernel12x2(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                   int a7, int a8, int a9, int a10, int a11, float[] b, int bi, int bStep,
                                   float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        FloatVector c80 = c00;
        FloatVector c81 = c00;
        FloatVector c90 = c00;
        FloatVector c91 = c00;
        FloatVector ca0 = c00;
        FloatVector ca1 = c00;
        FloatVector cb0 = c00;
        FloatVector cb1 = c00;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[a8 + p]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[a9 + p]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, a[a10 + p]);
            ca0 = x.fma(b0, ca0);
            ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(S, a[a11 + p]);
            cb0 = x.fma(b0, cb0);
            cb1 = x.fma(b1, cb1);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + L);
        c80.intoArray(t, 8 * NR);
        c81.intoArray(t, 8 * NR + L);
        c90.intoArray(t, 9 * NR);
        c91.intoArray(t, 9 * NR + L);
        ca0.intoArray(t, 10 * NR);
        ca1.intoArray(t, 10 * NR + L);
        cb0.intoArray(t, 11 * NR);
        cb1.intoArray(t, 11 * NR + L);
    }

    /** {@link #kernel12x2} on one vector of columns. */
    private static void kernel12x1(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                   int a7, int a8, int a9, int a10, int a11, float[] b, int bi, int bStep,
                                   float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector ca = c0;
        FloatVector cb = c0;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[a4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[a5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[a6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[a7 + p]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[a8 + p]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[a9 + p]).fma(b0, c9);
            ca = FloatVector.broadcast(S, a[a10 + p]).fma(b0, ca);
            cb = FloatVector.broadcast(S, a[a11 + p]).fma(b0, cb);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, NR);
        c2.intoArray(t, 2 * NR);
        c3.intoArray(t, 3 * NR);
        c4.intoArray(t, 4 * NR);
        c5.intoArray(t, 5 * NR);
        c6.intoArray(t, 6 * NR);
        c7.intoArray(t, 7 * NR);
        c8.intoArray(t, 8 * NR);
        c9.intoArray(t, 9 * NR);
        ca.intoArray(t, 10 * NR);
        cb.intoArray(t, 11 * NR);
    }

    /**
     * {@link #kernel12x2} on 10 rows: a batch of 10 (the tutorial's) then spends no multiply-adds
     * on rows it drops (10 x 784 . 784 x 30, alternating in one JVM: 12-20% faster).
     */
    private static void kernel10x2(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                   int a7, int a8, int a9, float[] b, int bi, int bStep, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        FloatVector c80 = c00;
        FloatVector c81 = c00;
        FloatVector c90 = c00;
        FloatVector c91 = c00;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[a8 + p]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[a9 + p]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + L);
        c80.intoArray(t, 8 * NR);
        c81.intoArray(t, 8 * NR + L);
        c90.intoArray(t, 9 * NR);
        c91.intoArray(t, 9 * NR + L);
    }

    /** {@link #kernel12x1} on 10 rows. */
    private static void kernel10x1(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6,
                                   int a7, int a8, int a9, float[] b, int bi, int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        for (int p = 0, bo = bi; p < kc; p++, bo += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[a4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[a5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[a6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[a7 + p]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[a8 + p]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[a9 + p]).fma(b0, c9);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, NR);
        c2.intoArray(t, 2 * NR);
        c3.intoArray(t, 3 * NR);
        c4.intoArray(t, 4 * NR);
        c5.intoArray(t, 5 * NR);
        c6.intoArray(t, 6 * NR);
        c7.intoArray(t, 7 * NR);
        c8.intoArray(t, 8 * NR);
        c9.intoArray(t, 9 * NR);
    }

    /**
     * One row of C, columns {@code [j0, j1)}: {@code c[j] (+)= sum_p a[ai + p * aStep] * B[p, j]},
     * B row-major read in place, row by row, into 8, 4 or 1 vector accumulators (then scalar
     * fused multiply-adds for the last columns). Each element is, as in the tile kernels,
     * {@code fma(a_p, b_pj, acc)} over one block ({@link #blockSteps}) of steps in increasing {@code p} from
     * 0, added into C block after block: the same bits as a row of a larger product.
     */
    private static void gemv(int k, int n, float[] a, int ai, int aStep, float[] b, int bOffset,
                             float[] c, int ci, boolean accumulate, int j0, int j1, float[] t) {
        int kb = blockSteps(k);
        int j = j0;
        for (; j + 8 * L <= j1; j += 8 * L) {
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                gemv8(kc, a, ai + pc * aStep, aStep, b, bOffset + pc * n + j, n, t);
                merge(t, c, ci + j, n, 1, 8 * L, !accumulate && pc == 0, 0);
            }
        }
        for (; j + 4 * L <= j1; j += 4 * L) {
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                gemv4(kc, a, ai + pc * aStep, aStep, b, bOffset + pc * n + j, n, t);
                merge(t, c, ci + j, n, 1, 4 * L, !accumulate && pc == 0, 0);
            }
        }
        for (; j + L <= j1; j += L) {
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                gemv1(kc, a, ai + pc * aStep, aStep, b, bOffset + pc * n + j, n, t);
                merge(t, c, ci + j, n, 1, L, !accumulate && pc == 0, 0);
            }
        }
        if (j < j1) {
            // the last columns, fewer than L: an L-wide read of a row runs on into the next row,
            // whose lanes are dropped; the last rows, where it would run past the array, go scalar
            int rem = j1 - j;
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                int ao = ai + pc * aStep;
                int bo = bOffset + pc * n + j;
                int safe = rowsInside(b.length, bo, L, n, kc);
                gemv1(safe, a, ao, aStep, b, bo, n, t);
                for (int p = safe; p < kc; p++) {
                    float x = a[ao + p * aStep];
                    int bp = bo + p * n;
                    for (int jj = 0; jj < rem; jj++) {
                        t[jj] = Math.fma(x, b[bp + jj], t[jj]);
                    }
                }
                merge(t, c, ci + j, n, 1, rem, !accumulate && pc == 0, 0);
            }
        }
    }

    /**
     * Writes into {@code steps} the p in {@code [0, k)}, increasing, whose {@code a[ai + p * aStep]}
     * is not zero (either sign); returns how many. Branch-free: half the pixels of an image and
     * of a relu layer's outputs are zero, in no order a branch could predict.
     */
    private static int nonzeroSteps(int k, float[] a, int ai, int aStep, int[] steps) {
        int count = 0;
        for (int p = 0; p < k; p++) {
            steps[count] = p;
            count += a[ai + p * aStep] != 0f ? 1 : 0;
        }
        return count;
    }

    /**
     * {@link #gemv} for a row of A with zeros, visiting only the rows of B whose element of A is
     * not zero ({@code steps[0, count)}): a zero's multiply-add would leave the sum as it is
     * (unless that row of B holds an infinity or NaN, whose product with 0 is NaN: skipped, it
     * adds nothing), so the sums are the same, block for block ({@link #blockSteps}). Columns past
     * the last whole vector take the dense path.
     */
    private static void sparseGemv(int k, int n, float[] a, int ai, int aStep, float[] b, int bOffset,
                                   float[] c, int ci, boolean accumulate, int j0, int j1, float[] t,
                                   int[] steps, int count) {
        int kb = blockSteps(k);
        int j = j0;
        for (; j + 8 * L <= j1; j += 8 * L) {
            for (int pc = 0, q = 0; pc < k; pc += kb) {
                int qe = blockEnd(steps, q, count, pc + kb);
                sparseGemv8(steps, q, qe, a, ai, aStep, b, bOffset + j, n, t);
                merge(t, c, ci + j, n, 1, 8 * L, !accumulate && pc == 0, 0);
                q = qe;
            }
        }
        for (; j + L <= j1; j += L) {
            for (int pc = 0, q = 0; pc < k; pc += kb) {
                int qe = blockEnd(steps, q, count, pc + kb);
                sparseGemv1(steps, q, qe, a, ai, aStep, b, bOffset + j, n, t);
                merge(t, c, ci + j, n, 1, L, !accumulate && pc == 0, 0);
                q = qe;
            }
        }
        if (j < j1) {
            gemv(k, n, a, ai, aStep, b, bOffset, c, ci, accumulate, j, j1, t);
        }
    }

    /** The first index from {@code q} on whose step is {@code end} or more ({@code count} if none). */
    private static int blockEnd(int[] steps, int q, int count, int end) {
        while (q < count && steps[q] < end) {
            q++;
        }
        return q;
    }

    /** {@link #gemv8} over the steps {@code steps[q0, q1)} only, touching rows {@link #AHEAD} steps ahead. */
    private static void sparseGemv8(int[] steps, int q0, int q1, float[] a, int ai, int aStep, float[] b, int bi,
                                    int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        int touched = 0;
        for (int q = q0; q < q1; q++) {
            int p = steps[q];
            int bo = bi + p * bStep;
            int fo = bi + steps[Math.min(q + AHEAD, q1 - 1)] * bStep; // a row this call reads later
            touched |= Float.floatToRawIntBits(b[fo]) | Float.floatToRawIntBits(b[fo + L])
                    | Float.floatToRawIntBits(b[fo + 2 * L]) | Float.floatToRawIntBits(b[fo + 3 * L])
                    | Float.floatToRawIntBits(b[fo + 4 * L]) | Float.floatToRawIntBits(b[fo + 5 * L])
                    | Float.floatToRawIntBits(b[fo + 6 * L]) | Float.floatToRawIntBits(b[fo + 7 * L]);
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aStep]);
            c0 = x.fma(FloatVector.fromArray(S, b, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bo + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bo + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bo + 3 * L), c3);
            c4 = x.fma(FloatVector.fromArray(S, b, bo + 4 * L), c4);
            c5 = x.fma(FloatVector.fromArray(S, b, bo + 5 * L), c5);
            c6 = x.fma(FloatVector.fromArray(S, b, bo + 6 * L), c6);
            c7 = x.fma(FloatVector.fromArray(S, b, bo + 7 * L), c7);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
        c5.intoArray(t, 5 * L);
        c6.intoArray(t, 6 * L);
        c7.intoArray(t, 7 * L);
        touchedSink = touched;
    }

    /**
     * How many listed steps ahead {@link #sparseGemv8} touches the row of B it will read: the
     * rows of a sparse product are scattered, so the hardware's prefetchers, which follow
     * sequential lines, do not fetch them early, and Java has no prefetch instruction. One load
     * per cache line of a row a few steps ahead sets its lines on their way while the current
     * row's multiply-adds run (a product of 267 of 784 rows by 256 columns, one thread: 8.3-9.3
     * to 7.9-8.7 us alternating in one JVM, 10.7 to 6.8 us in separate runs).
     */
    private static final int AHEAD = 4;
    /** Where the touched values go, so the compiler keeps the loads; never read. */
    @SuppressWarnings("unused")
    private static int touchedSink;

    /** {@link #sparseGemv8} on L columns. */
    private static void sparseGemv1(int[] steps, int q0, int q1, float[] a, int ai, int aStep, float[] b, int bi,
                                    int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        for (int q = q0; q < q1; q++) {
            int p = steps[q];
            c0 = FloatVector.broadcast(S, a[ai + p * aStep]).fma(FloatVector.fromArray(S, b, bi + p * bStep), c0);
        }
        c0.intoArray(t, 0);
    }

    /** {@code t[0, 8L) = sum_p a[ai + p * aStep] * b[bi + p * bStep, + 8L)}, fused, in increasing p. */
    private static void gemv8(int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0, ao = ai, bo = bi; p < kc; p++, ao += aStep, bo += bStep) {
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c0 = x.fma(FloatVector.fromArray(S, b, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bo + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bo + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bo + 3 * L), c3);
            c4 = x.fma(FloatVector.fromArray(S, b, bo + 4 * L), c4);
            c5 = x.fma(FloatVector.fromArray(S, b, bo + 5 * L), c5);
            c6 = x.fma(FloatVector.fromArray(S, b, bo + 6 * L), c6);
            c7 = x.fma(FloatVector.fromArray(S, b, bo + 7 * L), c7);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
        c5.intoArray(t, 5 * L);
        c6.intoArray(t, 6 * L);
        c7.intoArray(t, 7 * L);
    }

    /** {@link #gemv8} on 4L columns. */
    private static void gemv4(int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int p = 0, ao = ai, bo = bi; p < kc; p++, ao += aStep, bo += bStep) {
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c0 = x.fma(FloatVector.fromArray(S, b, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bo + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bo + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bo + 3 * L), c3);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
    }

    /** {@link #gemv8} on L columns. */
    private static void gemv1(int kc, float[] a, int ai, int aStep, float[] b, int bi, int bStep, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        for (int p = 0, ao = ai, bo = bi; p < kc; p++, ao += aStep, bo += bStep) {
            c0 = FloatVector.broadcast(S, a[ao]).fma(FloatVector.fromArray(S, b, bo), c0);
        }
        c0.intoArray(t, 0);
    }
}
