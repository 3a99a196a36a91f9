package nn.core.kernels;

/**
 * The parameters of one convolution or pooling kernel call, and its body over a range of units
 * (samples, planes or channels), as {@link RangeJob} does for the element-wise kernels. A call
 * takes the shared job when the pool is free and the work is big enough to split, otherwise its
 * thread's own job, which it runs at once over the whole range: no allocation either way.
 *
 * <p>Each unit writes outputs no other unit writes, and computes them in a fixed order, so any
 * split gives the same bits.
 */
final class SpatialJob extends SplitJob {

    /** Calls touching fewer elements than this run on the caller alone ({@code nn.parallelMinElements}). */
    static final long PARALLEL_MIN_ELEMENTS = RangeJob.PARALLEL_MIN_ELEMENTS;

    static final int IM2COL = 0;
    static final int COL2IM = 1;
    static final int SPREAD_CHANNELS = 2;
    static final int GATHER_CHANNELS = 3;
    static final int BIAS_GRADIENT = 4;
    static final int MAX_FORWARD = 5;
    static final int MAX_BACKWARD = 6;
    static final int AVG_FORWARD = 7;
    static final int AVG_BACKWARD = 8;

    private static final SpatialJob SHARED = new SpatialJob();
    private static final ThreadLocal<SpatialJob> OWN = ThreadLocal.withInitial(SpatialJob::new);

    int kind;
    Window2d window;
    float[] x0;
    float[] x1;
    float[] x2;
    int[] index;
    int offset;
    int count;
    int channels;
    int plane;


    /**
     * A job for a call that touches {@code work} elements and splits {@code units}: the shared
     * one, with the pool held, if worth it, or this thread's own. Fill it and call {@link #execute}.
     */
    static SpatialJob take(long work, int units) {
        int threads = Parallel.threads();
        if (threads > 1 && units > 1 && work >= PARALLEL_MIN_ELEMENTS && Parallel.tryAcquire()) {
            SpatialJob job = SHARED;
            job.shared = true;
            job.units = units;
            job.parts = Math.min(threads, units);
            return job;
        }
        SpatialJob job = OWN.get();
        job.shared = false;
        job.units = units;
        job.parts = 1;
        return job;
    }

    @Override
    void forget() {
        x0 = null;
        x1 = null;
        x2 = null;
        index = null;
        window = null;
    }

    @Override
    void body(int from, int to) {
        switch (kind) {
            case IM2COL -> Conv2dKernels.im2colRange(x0, offset, count, window, x1, from, to);
            case COL2IM -> Conv2dKernels.col2imRange(x0, count, window, x1, offset, from, to);
            case SPREAD_CHANNELS -> Conv2dKernels.spreadRange(x0, x1, channels, plane, count, x2, offset, from, to);
            case GATHER_CHANNELS -> Conv2dKernels.gatherRange(x0, offset, channels, plane, count, x1, from, to);
            case BIAS_GRADIENT -> Conv2dKernels.biasGradientRange(x0, count, channels, plane, x1, from, to);
            case MAX_FORWARD -> Pool2dKernels.maxForwardRange(x0, window, x1, index, from, to);
            case MAX_BACKWARD -> Pool2dKernels.maxBackwardRange(x0, index, window, x1, from, to);
            case AVG_FORWARD -> Pool2dKernels.averageForwardRange(x0, window, x1, from, to);
            case AVG_BACKWARD -> Pool2dKernels.averageBackwardRange(x0, window, x1, from, to);
            default -> throw new IllegalStateException("unknown kernel " + kind);
        }
    }
}
