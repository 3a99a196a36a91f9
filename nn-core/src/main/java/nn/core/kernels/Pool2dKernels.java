package nn.core.kernels;

/**
 * Max and average pooling over NCHW batches, forward and backward. Each plane (one channel of
 * one sample) is pooled on its own: window {@code (oy, ox)} covers the input rows
 * {@code oy * SH - PT + [0, KH)} and columns {@code ox * SW - PL + [0, KW)} that lie inside the
 * plane; padding is never read.
 *
 * <ul>
 *   <li>Max: the largest element of the window; on a tie, the first in row-major order within the
 *       window, which alone receives the gradient (as PyTorch does). A NaN wins over any number.
 *       The forward records, per output, the index of the input element chosen.</li>
 *   <li>Average: the sum of the elements inside divided by their count, so padding does not
 *       count (as TensorFlow's "same" pooling; PyTorch's {@code count_include_pad=False}); the
 *       gradient spreads {@code g / count} over them.</li>
 * </ul>
 *
 * <p>Large calls are split among {@link Parallel}'s threads by plane; each plane is computed by
 * one thread in a fixed order, so the bits do not depend on the thread count. Nothing is
 * allocated in steady state.
 *
 * <p>Stateless and thread-safe: the kernels write only the arrays they are given.
 */
public final class Pool2dKernels {

    private Pool2dKernels() {
    }

    /**
     * Max pooling of {@code planes} planes of {@code x} into {@code y}, recording in
     * {@code argmax} the index into {@code x} of each output's element.
     *
     * @throws IllegalArgumentException if an array is too short or a window may hold only padding
     */
    public static void maxForward(float[] x, int planes, Window2d g, float[] y, int[] argmax) {
        checkSizes(x, planes, g, y);
        if (argmax == null || argmax.length < (long) planes * g.outPlane()) {
            throw new IllegalArgumentException("argmax needs " + (long) planes * g.outPlane() + " elements");
        }
        SpatialJob job = SpatialJob.take(work(planes, g), planes);
        job.kind = SpatialJob.MAX_FORWARD;
        job.x0 = x;
        job.window = g;
        job.x1 = y;
        job.index = argmax;
        job.execute();
    }

    /** {@code dx[argmax[i]] += gy[i]} for the outputs of {@code planes} planes, plane by plane. */
    public static void maxBackward(float[] gy, int[] argmax, int planes, Window2d g, float[] dx) {
        checkSizes(dx, planes, g, gy);
        SpatialJob job = SpatialJob.take((long) planes * g.outPlane(), planes);
        job.kind = SpatialJob.MAX_BACKWARD;
        job.x0 = gy;
        job.index = argmax;
        job.window = g;
        job.x1 = dx;
        job.execute();
    }

    /** Average pooling of {@code planes} planes of {@code x} into {@code y}. */
    public static void averageForward(float[] x, int planes, Window2d g, float[] y) {
        checkSizes(x, planes, g, y);
        SpatialJob job = SpatialJob.take(work(planes, g), planes);
        job.kind = SpatialJob.AVG_FORWARD;
        job.x0 = x;
        job.window = g;
        job.x1 = y;
        job.execute();
    }

    /** Adds the gradient of average pooling, {@code gy / count} over each window's elements, into {@code dx}. */
    public static void averageBackward(float[] gy, int planes, Window2d g, float[] dx) {
        checkSizes(dx, planes, g, gy);
        SpatialJob job = SpatialJob.take(work(planes, g), planes);
        job.kind = SpatialJob.AVG_BACKWARD;
        job.x0 = gy;
        job.window = g;
        job.x1 = dx;
        job.execute();
    }

    private static long work(int planes, Window2d g) {
        return (long) planes * g.outPlane() * g.kernelHeight() * g.kernelWidth();
    }

    private static void checkSizes(float[] in, int planes, Window2d g, float[] out) {
        if (!g.everyWindowTouchesInput()) {
            throw new IllegalArgumentException("pooling needs padding smaller than the window on every side,"
                    + " so no window holds only padding; got " + g);
        }
        Conv2dKernels.check("input", in, (long) planes * g.inPlane());
        Conv2dKernels.check("output", out, (long) planes * g.outPlane());
    }

    // ---- bodies, over a range of planes --------------------------------------------------------

    static void maxForwardRange(float[] x, Window2d g, float[] y, int[] argmax, int from, int to) {
        int h = g.height();
        int w = g.width();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int pt = g.padTop();
        int pl = g.padLeft();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        for (int q = from; q < to; q++) {
            int xBase = q * h * w;
            int o = q * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * sh - pt;
                int iy0 = Math.max(0, y0);
                int iy1 = Math.min(h, y0 + kh);
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * sw - pl;
                    int ix0 = Math.max(0, x0);
                    int ix1 = Math.min(w, x0 + kw);
                    int best = xBase + iy0 * w + ix0;
                    float max = x[best];
                    for (int iy = iy0; iy < iy1; iy++) {
                        int row = xBase + iy * w;
                        for (int ix = ix0; ix < ix1; ix++) {
                            float v = x[row + ix];
                            if (v > max) {
                                max = v;
                                best = row + ix;
                            } else if (v != v && max == max) {
                                max = v; // NaN wins
                                best = row + ix;
                            }
                        }
                    }
                    y[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    static void maxBackwardRange(float[] gy, int[] argmax, Window2d g, float[] dx, int from, int to) {
        int plane = g.outPlane();
        for (int q = from; q < to; q++) {
            for (int o = q * plane, end = o + plane; o < end; o++) {
                dx[argmax[o]] += gy[o];
            }
        }
    }

    static void averageForwardRange(float[] x, Window2d g, float[] y, int from, int to) {
        int h = g.height();
        int w = g.width();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int pt = g.padTop();
        int pl = g.padLeft();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        for (int q = from; q < to; q++) {
            int xBase = q * h * w;
            int o = q * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * sh - pt;
                int iy0 = Math.max(0, y0);
                int iy1 = Math.min(h, y0 + kh);
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * sw - pl;
                    int ix0 = Math.max(0, x0);
                    int ix1 = Math.min(w, x0 + kw);
                    float sum = 0f;
                    for (int iy = iy0; iy < iy1; iy++) {
                        int row = xBase + iy * w;
                        for (int ix = ix0; ix < ix1; ix++) {
                            sum += x[row + ix];
                        }
                    }
                    y[o] = sum / ((iy1 - iy0) * (ix1 - ix0));
                }
            }
        }
    }

    static void averageBackwardRange(float[] gy, Window2d g, float[] dx, int from, int to) {
        int h = g.height();
        int w = g.width();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int pt = g.padTop();
        int pl = g.padLeft();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        for (int q = from; q < to; q++) {
            int xBase = q * h * w;
            int o = q * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * sh - pt;
                int iy0 = Math.max(0, y0);
                int iy1 = Math.min(h, y0 + kh);
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * sw - pl;
                    int ix0 = Math.max(0, x0);
                    int ix1 = Math.min(w, x0 + kw);
                    float share = gy[o] / ((iy1 - iy0) * (ix1 - ix0));
                    for (int iy = iy0; iy < iy1; iy++) {
                        int row = xBase + iy * w;
                        for (int ix = ix0; ix < ix1; ix++) {
                            dx[row + ix] += share;
                        }
                    }
                }
            }
        }
    }
}
