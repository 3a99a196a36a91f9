package nn.core.kernels;

/**
 * The loops of optimizers: the update rules of SGD, Adagrad, RMSProp and Adam over a range
 * {@code [from, to)} of a parameter, and the gradient clipping and regularization done before
 * them, plus {@link #forRanges}, which splits one parameter among {@link Parallel}'s threads.
 *
 * <p>Every update is element-wise: element {@code i} of the parameter and of its state depends
 * only on element {@code i} of the inputs, computed in {@code float} by the same operations
 * whichever thread and range computes it, so any split gives the same bits. Scalars that do not
 * depend on the element (bias corrections, {@code 1 - beta}) are computed once by the caller and
 * passed in. The only reductions, {@link #sumOfSquares} and {@link #sumOfSquaresClipped}, run on
 * the caller alone in one fixed order. Nothing here allocates.
 *
 * <p>The formulas are PyTorch's, as documented for {@code torch.optim}; see the rules in
 * {@code nn.core.optim} for the per-rule citations. One departure: decaying state is flushed to
 * zero below {@link #TINY}, as C libraries do with the processor's flush-to-zero mode. The loops
 * that run every step (SGD with momentum, Adam) are in {@code UpdateLoops}, on the Vector API when
 * it is present.
 *
 * <p>Stateless and thread-safe: the kernels write only the arrays they are given.
 */
public final class OptimizerKernels {

    /** Ranges are split among threads at multiples of this many elements. */
    private static final int GRAIN = 256;
    /**
     * Parameters smaller than this run on the caller alone ({@code nn.optimizerParallelMinElements});
     * below it the hand-off to a second thread costs more than the update (the seed network's
     * 23,520 weights: 5 us on one thread, 18.6 us split in two).
     */
    static final long PARALLEL_MIN_ELEMENTS = Long.getLong("nn.optimizerParallelMinElements", 1L << 16);

    private static final Ranges SHARED = new Ranges();

    private OptimizerKernels() {
    }

    /** The work on one range {@code [from, to)} of a parameter, run by {@link #forRanges}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Does the work on elements {@code [from, to)}. */
        void run(int from, int to);
    }

    /** The shared job that splits a {@link RangeBody}; only the holder of the pool touches it. */
    private static final class Ranges extends SplitJob {
        RangeBody body;

        Ranges() {
            grain = GRAIN;
        }

        @Override
        void body(int from, int to) {
            body.run(from, to);
        }

        @Override
        void forget() {
            body = null;
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)}: on the caller alone for a small {@code n}, when there
     * is one thread, or when the pool is busy; otherwise split into ranges at multiples of 256
     * elements, run on the caller and the pool's workers. The body must be element-wise for the
     * result not to depend on the split. Allocates nothing.
     */
    public static void forRanges(int n, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int threads = Parallel.threads();
        int chunks = (n + GRAIN - 1) / GRAIN;
        if (threads > 1 && n >= PARALLEL_MIN_ELEMENTS && chunks > 1 && Parallel.tryAcquire()) {
            Ranges job = SHARED;
            job.body = body;
            job.units = n;
            try {
                Parallel.runAcquired(job, Math.min(threads, chunks));
            } finally {
                job.forget();
                Parallel.release();
            }
        } else {
            body.run(0, n);
        }
    }

    /**
     * Optimizer state whose magnitude falls below this, {@code 2^-100}, is stored as zero (and so
     * are activations and their gradients in the graph: {@link Elementwise#flushTiny}). State
     * that decays (a momentum buffer whose gradient stays 0, as for a dead unit or an always-blank
     * pixel) would otherwise sink into the subnormal floats below {@code 2^-126}, where every x86
     * operation on them takes a microcode assist about a hundred times slower: measured here, a
     * momentum step over 235,000 elements of which a fifth were subnormal took 2.0 ms instead of
     * 0.13 ms, a quarter of the modern network's whole training time. C libraries avoid it by
     * setting the processor's flush-to-zero mode, which Java cannot. A step this small cannot
     * change any weight above {@code 2^-76} in magnitude (times any learning rate up to 1, it is
     * below half an ulp of such a weight).
     */
    public static final float TINY = 0x1p-100f;

    /** {@code x}, or 0 when {@code |x| < TINY}; NaN stays NaN. */
    static float flush(float x) {
        return Math.abs(x) < TINY ? 0f : x;
    }

    // ---- reductions for clipping by norm: the caller alone, in element order

    /** {@code sum of g[i]^2} over {@code [0, n)}, accumulated in double in element order. */
    public static double sumOfSquares(float[] g, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = g[i];
            sum += x * x;
        }
        return sum;
    }

    /**
     * {@code sum of clip(g[i])^2} over {@code [0, n)}, where {@code clip} clamps to
     * {@code [-limit, limit]}: the squared norm the gradient will have after {@link #clipRange}.
     */
    public static double sumOfSquaresClipped(float[] g, int n, float limit) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.max(-limit, Math.min(limit, g[i]));
            sum += x * x;
        }
        return sum;
    }

    // ---- gradient preprocessing, in place

    /** {@code g[i] = clamp(g[i], -limit, limit)}: clipping by value. */
    public static void clipRange(float[] g, float limit, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = Math.max(-limit, Math.min(limit, g[i]));
        }
    }

    /** {@code g[i] *= scale}: clipping by norm, once the scale is known. */
    public static void scaleRange(float[] g, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] *= scale;
        }
    }

    /** {@code g[i] += l2 * w[i]}: the gradient of {@code l2 / 2 * sum w^2}. */
    public static void addL2Range(float[] g, float[] w, float l2, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += l2 * w[i];
        }
    }

    /** {@code g[i] += l1 * sign(w[i])}: the (sub)gradient of {@code l1 * sum |w|}, 0 at 0. */
    public static void addL1Range(float[] g, float[] w, float l1, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += l1 * Math.signum(w[i]);
        }
    }

    // ---- update rules

    /**
     * Plain SGD, {@code w[i] += -lr * (g[i] + weightDecay * w[i])}; with {@code weightDecay} 0 the
     * decay term is left out, so the result is {@code w[i] += -lr * g[i]} exactly.
     */
    public static void sgdRange(float[] w, float[] g, float lr, float weightDecay, int from, int to) {
        if (weightDecay == 0f) {
            for (int i = from; i < to; i++) {
                w[i] += -lr * g[i];
            }
        } else {
            for (int i = from; i < to; i++) {
                float gi = g[i] + weightDecay * w[i];
                w[i] += -lr * gi;
            }
        }
    }

    /**
     * SGD with momentum, PyTorch's form: {@code d = g + weightDecay * w};
     * {@code v = first ? d : momentum * v + oneMinusDampening * d}; then {@code w += -lr * v}, or
     * with Nesterov {@code w += -lr * (d + momentum * v)}.
     *
     * <p>With no decay, no dampening, not Nesterov and not the first step this is
     * {@code v = momentum * v + g; w += -lr * v}; on the first step {@code v} is still zero, so the
     * general form gives the same values.
     */
    public static void sgdMomentumRange(float[] w, float[] g, float[] v, float lr, float momentum,
                                        float oneMinusDampening, float weightDecay, boolean nesterov,
                                        boolean first, int from, int to) {
        Kernels.UPDATES.sgdMomentum(w, g, v, lr, momentum, oneMinusDampening, weightDecay, nesterov, first, from, to);
    }

    /**
     * Adagrad, PyTorch's form: {@code d = g + weightDecay * w}; {@code s = (first ? initial : s) + d^2};
     * {@code w -= clr * d / (sqrt(s) + eps)}, where {@code clr} is the decayed learning rate
     * {@code lr / (1 + (t - 1) * lrDecay)} the caller computes.
     */
    public static void adagradRange(float[] w, float[] g, float[] sum, float clr, float eps, float weightDecay,
                                    float initialAccumulator, boolean first, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * w[i];
            float s = flush((first ? initialAccumulator : sum[i]) + d * d);
            sum[i] = s;
            w[i] -= clr * d / ((float) Math.sqrt(s) + eps);
        }
    }

    /**
     * RMSProp, PyTorch's form: {@code d = g + weightDecay * w};
     * {@code v = alpha * v + (1 - alpha) d^2}; if centered, {@code a = alpha * a + (1 - alpha) d}
     * and the denominator uses {@code v - a^2}; {@code q = d / (sqrt(v~) + eps)}; then
     * {@code w -= lr * q}, or with momentum {@code b = momentum * b + q; w -= lr * b}.
     *
     * @param average the centered running mean {@code a}, or null if not centered
     * @param buffer  the momentum buffer {@code b}, or null without momentum
     */
    public static void rmspropRange(float[] w, float[] g, float[] squareAverage, float[] average, float[] buffer,
                                    float lr, float alpha, float oneMinusAlpha, float eps, float weightDecay,
                                    float momentum, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * w[i];
            float v = flush(alpha * squareAverage[i] + oneMinusAlpha * d * d);
            squareAverage[i] = v;
            float denominatorSquare = v;
            if (average != null) {
                float a = flush(alpha * average[i] + oneMinusAlpha * d);
                average[i] = a;
                denominatorSquare = v - a * a;
            }
            float q = d / ((float) Math.sqrt(denominatorSquare) + eps);
            if (buffer != null) {
                float b = flush(momentum * buffer[i] + q);
                buffer[i] = b;
                w[i] -= lr * b;
            } else {
                w[i] -= lr * q;
            }
        }
    }

    /**
     * Adam and AdamW, PyTorch's form: first {@code w *= decoupledFactor} (AdamW's
     * {@code 1 - lr * weightDecay}; 1 for Adam), {@code d = g + coupledDecay * w} (Adam's
     * weight decay; 0 for AdamW), {@code m = beta1 m + (1 - beta1) d},
     * {@code v = beta2 v + (1 - beta2) d^2},
     * {@code w -= stepSize * m / (sqrt(v) / sqrtCorrection2 + eps)}, where the caller passes
     * {@code stepSize = lr / (1 - beta1^t)} and {@code sqrtCorrection2 = sqrt(1 - beta2^t)}.
     */
    public static void adamRange(float[] w, float[] g, float[] m, float[] v, float beta1, float oneMinusBeta1,
                                 float beta2, float oneMinusBeta2, float eps, float stepSize, float sqrtCorrection2,
                                 float coupledDecay, float decoupledFactor, int from, int to) {
        Kernels.UPDATES.adam(w, g, m, v, beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, stepSize, sqrtCorrection2,
                coupledDecay, decoupledFactor, from, to);
    }
}
