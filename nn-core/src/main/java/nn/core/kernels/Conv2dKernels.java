package nn.core.kernels;

import java.util.Arrays;

/**
 * The loops of a 2-D convolution around its matrix products ({@link Gemm}): unfolding patches
 * into columns (im2col) and folding them back (col2im), moving channels between the products'
 * layout and NCHW, and the bias gradient.
 *
 * <p>Layouts. A batch is NCHW: sample {@code b}, channel {@code c}, row {@code y}, column
 * {@code x} at {@code ((b * C + c) * H + y) * W + x}. The columns of a chunk of {@code n}
 * samples form a matrix {@code [C * KH * KW, n * P]} ({@code P = OH * OW}): row
 * {@code (c * KH + ky) * KW + kx}, column {@code s * P + oy * OW + ox} holds input
 * {@code (c, oy * SH - PT + ky, ox * SW - PL + kx)} of sample {@code s} of the chunk, or 0 in the
 * padding. A convolution's output before bias, in the products' layout, is
 * {@code [OC, n * P]}.
 *
 * <p>Calls big enough are split among {@link Parallel}'s threads by sample (or by channel for the
 * bias gradient); each sample's outputs are written by one thread, in a fixed order, so the bits
 * do not depend on the thread count. Nothing is allocated in steady state.
 *
 * <p>Stateless and thread-safe: the kernels write only the arrays they are given.
 */
public final class Conv2dKernels {

    private Conv2dKernels() {
    }

    /**
     * Unfolds samples {@code [firstSample, firstSample + samples)} of the NCHW batch {@code x}
     * into {@code col [patchSize, samples * outPlane]} (overwritten).
     */
    public static void im2col(float[] x, int firstSample, int samples, Window2d g, float[] col) {
        check("x", x, (long) (firstSample + samples) * g.channels() * g.inPlane());
        check("col", col, (long) g.patchSize() * samples * g.outPlane());
        SpatialJob job = SpatialJob.take((long) samples * g.patchSize() * g.outPlane(), samples);
        job.kind = SpatialJob.IM2COL;
        job.x0 = x;
        job.offset = firstSample;
        job.count = samples;
        job.window = g;
        job.x1 = col;
        job.execute();
    }

    /**
     * Folds {@code col [patchSize, samples * outPlane]} back and adds it into samples
     * {@code [firstSample, firstSample + samples)} of the NCHW gradient {@code dx}: each input
     * element receives the sum of the columns entries it was copied to.
     */
    public static void col2imAdd(float[] col, int firstSample, int samples, Window2d g, float[] dx) {
        check("col", col, (long) g.patchSize() * samples * g.outPlane());
        check("dx", dx, (long) (firstSample + samples) * g.channels() * g.inPlane());
        SpatialJob job = SpatialJob.take((long) samples * g.patchSize() * g.outPlane(), samples);
        job.kind = SpatialJob.COL2IM;
        job.x0 = col;
        job.offset = firstSample;
        job.count = samples;
        job.window = g;
        job.x1 = dx;
        job.execute();
    }

    /**
     * {@code y[b, c, p] = out[c, s * plane + p] + bias[c]} for the samples
     * {@code b = firstSample + s}, {@code s < samples}: from the products' layout to NCHW.
     *
     * @param bias {@code channels} values, or null for none
     */
    public static void spreadChannels(float[] out, float[] bias, int channels, int plane, int firstSample,
                                      int samples, float[] y) {
        long chunk = (long) channels * plane * samples;
        check("out", out, chunk);
        if (bias != null) {
            check("bias", bias, channels);
        }
        check("y", y, (long) (firstSample + samples) * channels * plane);
        SpatialJob job = SpatialJob.take(chunk, samples);
        job.kind = SpatialJob.SPREAD_CHANNELS;
        job.x0 = out;
        job.x1 = bias;
        job.channels = channels;
        job.plane = plane;
        job.count = samples;
        job.x2 = y;
        job.offset = firstSample * channels * plane;
        job.execute();
    }

    /**
     * {@code out[c, s * plane + p] = grad[b, c, p]} for {@code b = firstSample + s}: from NCHW to
     * the products' layout (overwritten).
     */
    public static void gatherChannels(float[] grad, int firstSample, int samples, int channels, int plane,
                                      float[] out) {
        long chunk = (long) channels * plane * samples;
        check("grad", grad, (long) (firstSample + samples) * channels * plane);
        check("out", out, chunk);
        SpatialJob job = SpatialJob.take(chunk, samples);
        job.kind = SpatialJob.GATHER_CHANNELS;
        job.x0 = grad;
        job.offset = firstSample * channels * plane;
        job.channels = channels;
        job.plane = plane;
        job.count = samples;
        job.x1 = out;
        job.execute();
    }

    /**
     * {@code db[c] += sum over b, p of grad[b, c, p]}, each channel summed in double in the order
     * of samples, then positions.
     */
    public static void biasGradient(float[] grad, int batch, int channels, int plane, float[] db) {
        check("grad", grad, (long) batch * channels * plane);
        check("db", db, channels);
        SpatialJob job = SpatialJob.take((long) batch * channels * plane, channels);
        job.kind = SpatialJob.BIAS_GRADIENT;
        job.x0 = grad;
        job.count = batch;
        job.channels = channels;
        job.plane = plane;
        job.x1 = db;
        job.execute();
    }

    // ---- bodies, over a range of units ---------------------------------------------------------

    static void im2colRange(float[] x, int firstSample, int samples, Window2d g, float[] col, int from, int to) {
        int channels = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int pt = g.padTop();
        int pl = g.padLeft();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = oh * ow;
        int rowStride = samples * plane;
        for (int s = from; s < to; s++) {
            int xBase = (firstSample + s) * channels * h * w;
            int r = 0;
            for (int c = 0; c < channels; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++, r++) {
                        int dst = r * rowStride + s * plane;
                        int lo = firstInside(pl - kx, sw, ow);
                        int hi = endInside(w - 1 + pl - kx, sw, ow, lo);
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - pt + ky;
                            int d = dst + oy * ow;
                            if (iy < 0 || iy >= h) {
                                Arrays.fill(col, d, d + ow, 0f);
                                continue;
                            }
                            int src = xBase + (c * h + iy) * w - pl + kx;
                            if (lo > 0) {
                                Arrays.fill(col, d, d + lo, 0f);
                            }
                            if (sw == 1) {
                                System.arraycopy(x, src + lo, col, d + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    col[d + ox] = x[src + ox * sw];
                                }
                            }
                            if (hi < ow) {
                                Arrays.fill(col, d + hi, d + ow, 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    static void col2imRange(float[] col, int samples, Window2d g, float[] dx, int firstSample, int from, int to) {
        int channels = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int pt = g.padTop();
        int pl = g.padLeft();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = oh * ow;
        int rowStride = samples * plane;
        for (int s = from; s < to; s++) {
            int xBase = (firstSample + s) * channels * h * w;
            int r = 0;
            for (int c = 0; c < channels; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++, r++) {
                        int src = r * rowStride + s * plane;
                        int lo = firstInside(pl - kx, sw, ow);
                        int hi = endInside(w - 1 + pl - kx, sw, ow, lo);
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - pt + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int d = xBase + (c * h + iy) * w - pl + kx;
                            int sr = src + oy * ow;
                            if (sw == 1) {
                                for (int ox = lo; ox < hi; ox++) {
                                    dx[d + ox] += col[sr + ox];
                                }
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    dx[d + ox * sw] += col[sr + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose window column lands inside: {@code ox * stride >= before}. */
    private static int firstInside(int before, int stride, int outWidth) {
        return before <= 0 ? 0 : Math.min(outWidth, (before + stride - 1) / stride);
    }

    /** One past the last output column whose window column lands inside: {@code ox * stride <= last}. */
    private static int endInside(int last, int stride, int outWidth, int lo) {
        int hi = last < 0 ? 0 : Math.min(outWidth, last / stride + 1);
        return Math.max(lo, hi);
    }

    static void spreadRange(float[] out, float[] bias, int channels, int plane, int samples, float[] y, int yOffset,
                            int from, int to) {
        int rowStride = samples * plane;
        for (int s = from; s < to; s++) {
            for (int c = 0; c < channels; c++) {
                int src = c * rowStride + s * plane;
                int dst = yOffset + (s * channels + c) * plane;
                if (bias == null) {
                    System.arraycopy(out, src, y, dst, plane);
                } else {
                    float b = bias[c];
                    for (int p = 0; p < plane; p++) {
                        y[dst + p] = out[src + p] + b;
                    }
                }
            }
        }
    }

    static void gatherRange(float[] grad, int gradOffset, int channels, int plane, int samples, float[] out,
                            int from, int to) {
        int rowStride = samples * plane;
        for (int s = from; s < to; s++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(grad, gradOffset + (s * channels + c) * plane, out, c * rowStride + s * plane, plane);
            }
        }
    }

    static void biasGradientRange(float[] grad, int batch, int channels, int plane, float[] db, int from, int to) {
        for (int c = from; c < to; c++) {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                int base = (b * channels + c) * plane;
                for (int p = 0; p < plane; p++) {
                    sum += grad[base + p];
                }
            }
            db[c] += (float) sum;
        }
    }

    static void check(String name, float[] array, long needed) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (array.length < needed) {
            throw new IllegalArgumentException(name + " needs at least " + needed + " elements, but its array has "
                    + array.length);
        }
    }
}
