package nn.core.kernels;

/**
 * The loops of batch normalization, layer normalization and dropout, forward and fused backward.
 *
 * <p><b>Layouts.</b> Batch normalization sees its input as {@code [batch, channels, spatial]},
 * row-major: {@code [n, features]} is {@code spatial = 1}, {@code [n, C, H, W]} is
 * {@code spatial = H * W}; each channel's statistics run over its {@code batch * spatial}
 * values. Layer normalization sees {@code [rows, cols]} and normalizes each row.
 *
 * <p><b>Precision and determinism.</b> Means, variances and the sums of the backward passes are
 * accumulated in double, in index order. Large calls are split among {@link Parallel}'s threads
 * by output only: batch normalization by channel; layer normalization by row (and its
 * {@code gamma}/{@code beta} gradients by column); dropout by element, whose mask is a pure
 * function of (seed, stream, index). So 1 and 2 threads give the same bits. Nothing is allocated
 * once a thread has run a call (each thread keeps one job object).
 *
 * <p>Stateless and thread-safe: the kernels write only the arrays they are given.
 */
public final class Normalization {

    /** Calls touching fewer elements than this run on the caller alone. */
    private static final long PARALLEL_MIN_ELEMENTS = RangeJob.PARALLEL_MIN_ELEMENTS;
    private static final int ELEMENT_GRAIN = 4096;
    private static final int COLUMN_GRAIN = 16;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Dropout decisions compare 24 random bits with {@code rate * 2^24}. */
    private static final int MASK_BITS = 24;

    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private Normalization() {
    }

    // ---- batch normalization -------------------------------------------------------------------

    /**
     * Batch normalization with the batch's statistics: for each channel {@code c},
     * {@code mean[c]} and the biased {@code variance[c]} over its values, {@code invStd[c] =
     * 1 / sqrt(variance[c] + eps)}, {@code normalized = (x - mean) invStd} and
     * {@code y = gamma[c] normalized + beta[c]}. Writes {@code mean, variance, invStd}
     * ({@code channels} long), {@code normalized} and {@code y} (as long as {@code x}).
     */
    public static void batchNormTraining(float[] x, float[] gamma, float[] beta, int batch, int channels, int spatial,
                                         float eps, float[] mean, float[] variance, float[] invStd,
                                         float[] normalized, float[] y) {
        int n = checkBatchNorm(x, gamma, beta, batch, channels, spatial);
        Elementwise.check("mean", mean, channels);
        Elementwise.check("variance", variance, channels);
        Elementwise.check("invStd", invStd, channels);
        Elementwise.check("normalized", normalized, n);
        Elementwise.check("y", y, n);
        Job job = JOBS.get();
        job.kind = Job.BN_TRAIN;
        job.set(x, gamma, beta, mean, variance, invStd, normalized, y);
        job.batch = batch;
        job.channels = channels;
        job.spatial = spatial;
        job.eps = eps;
        job.execute(n, channels, 1);
    }

    /**
     * Batch normalization with fixed statistics, as at inference: {@code invStd[c] =
     * 1 / sqrt(runningVar[c] + eps)}, {@code normalized = (x - runningMean[c]) invStd[c]},
     * {@code y = gamma[c] normalized + beta[c]}. Writes {@code invStd}, {@code normalized}, {@code y}.
     */
    public static void batchNormInference(float[] x, float[] gamma, float[] beta, float[] runningMean,
                                          float[] runningVar, int batch, int channels, int spatial, float eps,
                                          float[] invStd, float[] normalized, float[] y) {
        int n = checkBatchNorm(x, gamma, beta, batch, channels, spatial);
        Elementwise.check("runningMean", runningMean, channels);
        Elementwise.check("runningVar", runningVar, channels);
        Elementwise.check("invStd", invStd, channels);
        Elementwise.check("normalized", normalized, n);
        Elementwise.check("y", y, n);
        Job job = JOBS.get();
        job.kind = Job.BN_INFER;
        job.set(x, gamma, beta, runningMean, runningVar, invStd, normalized, y);
        job.batch = batch;
        job.channels = channels;
        job.spatial = spatial;
        job.eps = eps;
        job.execute(n, channels, 1);
    }

    /**
     * The fused backward pass of batch normalization, given the output's gradient {@code g} and
     * what the forward pass wrote. Per channel, with {@code m = batch * spatial} values,
     * {@code dBeta[c] += sum g}, {@code dGamma[c] += sum g normalized}, and
     * <ul>
     *   <li>with batch statistics ({@code batchStatistics}): {@code dx += gamma invStd / m
     *       (m g - sum g - normalized sum g normalized)}, the derivative through the mean and
     *       variance included;</li>
     *   <li>with fixed statistics: {@code dx += gamma invStd g}.</li>
     * </ul>
     * Any of {@code dx, dGamma, dBeta} may be {@code null}: not wanted.
     */
    public static void batchNormBackward(float[] g, float[] normalized, float[] invStd, float[] gamma, int batch,
                                         int channels, int spatial, boolean batchStatistics, float[] dx,
                                         float[] dGamma, float[] dBeta) {
        int n = checkBatchNorm(g, gamma, gamma, batch, channels, spatial);
        Elementwise.check("normalized", normalized, n);
        Elementwise.check("invStd", invStd, channels);
        if (dx != null) {
            Elementwise.check("dx", dx, n);
        }
        if (dGamma != null) {
            Elementwise.check("dGamma", dGamma, channels);
        }
        if (dBeta != null) {
            Elementwise.check("dBeta", dBeta, channels);
        }
        Job job = JOBS.get();
        job.kind = Job.BN_BACKWARD;
        job.set(g, normalized, invStd, gamma, dx, dGamma, dBeta, null);
        job.batch = batch;
        job.channels = channels;
        job.spatial = spatial;
        job.flag = batchStatistics;
        job.execute(n, channels, 1);
    }

    /**
     * The exponential moving average of a statistic:
     * {@code running[c] = (1 - momentum) running[c] + momentum correction batchValue[c]}, with
     * {@code correction} {@code m / (m - 1)} to turn a biased variance into the unbiased one.
     */
    public static void updateRunning(float[] running, float[] batchValue, float momentum, double correction,
                                     int channels) {
        Elementwise.check("running", running, channels);
        Elementwise.check("batchValue", batchValue, channels);
        double keep = 1.0 - momentum;
        for (int c = 0; c < channels; c++) {
            running[c] = (float) (keep * running[c] + momentum * (correction * batchValue[c]));
        }
    }

    private static int checkBatchNorm(float[] x, float[] gamma, float[] beta, int batch, int channels, int spatial) {
        if (batch <= 0 || channels <= 0 || spatial <= 0) {
            throw new IllegalArgumentException("batch (" + batch + "), channels (" + channels + ") and spatial size ("
                    + spatial + ") must be positive");
        }
        long n = (long) batch * channels * spatial;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(batch + " x " + channels + " x " + spatial
                    + " elements do not fit in one array");
        }
        Elementwise.check("x", x, (int) n);
        Elementwise.check("gamma", gamma, channels);
        Elementwise.check("beta", beta, channels);
        return (int) n;
    }

    static void batchNormTrainingRange(float[] x, float[] gamma, float[] beta, int batch, int channels, int spatial,
                                       float eps, float[] mean, float[] variance, float[] invStd, float[] normalized,
                                       float[] y, int c0, int c1) {
        int plane = channels * spatial;
        double count = (double) batch * spatial;
        for (int c = c0; c < c1; c++) {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                int base = b * plane + c * spatial;
                for (int s = 0; s < spatial; s++) {
                    sum += x[base + s];
                }
            }
            double mu = sum / count;
            double squares = 0;
            for (int b = 0; b < batch; b++) {
                int base = b * plane + c * spatial;
                for (int s = 0; s < spatial; s++) {
                    double d = x[base + s] - mu;
                    squares += d * d;
                }
            }
            double var = squares / count;
            double inv = 1.0 / Math.sqrt(var + eps);
            mean[c] = (float) mu;
            variance[c] = (float) var;
            invStd[c] = (float) inv;
            normalizeChannel(x, gamma[c], beta[c], mu, inv, normalized, y, batch, plane, c * spatial, spatial);
        }
    }

    static void batchNormInferenceRange(float[] x, float[] gamma, float[] beta, float[] runningMean,
                                        float[] runningVar, int batch, int channels, int spatial, float eps,
                                        float[] invStd, float[] normalized, float[] y, int c0, int c1) {
        int plane = channels * spatial;
        for (int c = c0; c < c1; c++) {
            double inv = 1.0 / Math.sqrt((double) runningVar[c] + eps);
            invStd[c] = (float) inv;
            normalizeChannel(x, gamma[c], beta[c], runningMean[c], inv, normalized, y, batch, plane, c * spatial,
                    spatial);
        }
    }

    private static void normalizeChannel(float[] x, float gamma, float beta, double mu, double inv,
                                         float[] normalized, float[] y, int batch, int plane, int offset, int spatial) {
        for (int b = 0; b < batch; b++) {
            int base = b * plane + offset;
            for (int s = 0; s < spatial; s++) {
                float xh = (float) ((x[base + s] - mu) * inv);
                normalized[base + s] = xh;
                y[base + s] = gamma * xh + beta;
            }
        }
    }

    static void batchNormBackwardRange(float[] g, float[] normalized, float[] invStd, float[] gamma, int batch,
                                       int channels, int spatial, boolean batchStatistics, float[] dx,
                                       float[] dGamma, float[] dBeta, int c0, int c1) {
        int plane = channels * spatial;
        double count = (double) batch * spatial;
        for (int c = c0; c < c1; c++) {
            double sumG = 0;
            double sumGx = 0;
            for (int b = 0; b < batch; b++) {
                int base = b * plane + c * spatial;
                for (int s = 0; s < spatial; s++) {
                    double gi = g[base + s];
                    sumG += gi;
                    sumGx += gi * normalized[base + s];
                }
            }
            if (dBeta != null) {
                dBeta[c] += (float) sumG;
            }
            if (dGamma != null) {
                dGamma[c] += (float) sumGx;
            }
            if (dx == null) {
                continue;
            }
            double k = (double) gamma[c] * invStd[c];
            if (batchStatistics) {
                double scale = k / count;
                for (int b = 0; b < batch; b++) {
                    int base = b * plane + c * spatial;
                    for (int s = 0; s < spatial; s++) {
                        int i = base + s;
                        dx[i] += (float) (scale * (count * g[i] - sumG - normalized[i] * sumGx));
                    }
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    int base = b * plane + c * spatial;
                    for (int s = 0; s < spatial; s++) {
                        int i = base + s;
                        dx[i] += (float) (k * g[i]);
                    }
                }
            }
        }
    }

    // ---- layer normalization -------------------------------------------------------------------

    /**
     * Layer normalization of each row of {@code x [rows, cols]}: {@code invStd[r] =
     * 1 / sqrt(var + eps)} with the row's mean and biased variance, {@code normalized =
     * (x - mean) invStd}, {@code y = gamma[j] normalized + beta[j]}. Writes {@code invStd}
     * ({@code rows} long), {@code normalized} and {@code y}.
     */
    public static void layerNorm(float[] x, float[] gamma, float[] beta, int rows, int cols, float eps,
                                 float[] invStd, float[] normalized, float[] y) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("x", x, n);
        Elementwise.check("gamma", gamma, cols);
        Elementwise.check("beta", beta, cols);
        Elementwise.check("invStd", invStd, rows);
        Elementwise.check("normalized", normalized, n);
        Elementwise.check("y", y, n);
        Job job = JOBS.get();
        job.kind = Job.LN_FORWARD;
        job.set(x, gamma, beta, invStd, normalized, y, null, null);
        job.batch = rows;
        job.channels = cols;
        job.eps = eps;
        job.execute(n, rows, 1);
    }

    /**
     * The fused backward pass of layer normalization: with {@code d = g gamma} per element and
     * {@code D = cols}, {@code dx += invStd / D (D d - sum d - normalized sum d normalized)} per
     * row; {@code dGamma[j] += sum over rows g normalized}, {@code dBeta[j] += sum over rows g}.
     * Any of {@code dx, dGamma, dBeta} may be {@code null}.
     */
    public static void layerNormBackward(float[] g, float[] normalized, float[] invStd, float[] gamma, int rows,
                                         int cols, float[] dx, float[] dGamma, float[] dBeta) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("g", g, n);
        Elementwise.check("normalized", normalized, n);
        Elementwise.check("invStd", invStd, rows);
        Elementwise.check("gamma", gamma, cols);
        Job job = JOBS.get();
        if (dx != null) {
            Elementwise.check("dx", dx, n);
            job.kind = Job.LN_BACKWARD_ROWS;
            job.set(g, normalized, invStd, gamma, dx, null, null, null);
            job.batch = rows;
            job.channels = cols;
            job.execute(n, rows, 1);
        }
        if (dGamma != null || dBeta != null) {
            if (dGamma != null) {
                Elementwise.check("dGamma", dGamma, cols);
            }
            if (dBeta != null) {
                Elementwise.check("dBeta", dBeta, cols);
            }
            job.kind = Job.LN_BACKWARD_COLUMNS;
            job.set(g, normalized, null, null, null, dGamma, dBeta, null);
            job.batch = rows;
            job.channels = cols;
            job.execute(n, cols, COLUMN_GRAIN);
        }
    }

    static void layerNormRange(float[] x, float[] gamma, float[] beta, int cols, float eps, float[] invStd,
                               float[] normalized, float[] y, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int base = r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += x[base + j];
            }
            double mu = sum / cols;
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[base + j] - mu;
                squares += d * d;
            }
            double inv = 1.0 / Math.sqrt(squares / cols + eps);
            invStd[r] = (float) inv;
            for (int j = 0; j < cols; j++) {
                float xh = (float) ((x[base + j] - mu) * inv);
                normalized[base + j] = xh;
                y[base + j] = gamma[j] * xh + beta[j];
            }
        }
    }

    static void layerNormBackwardRows(float[] g, float[] normalized, float[] invStd, float[] gamma, int cols,
                                      float[] dx, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int base = r * cols;
            double sumD = 0;
            double sumDx = 0;
            for (int j = 0; j < cols; j++) {
                double d = (double) g[base + j] * gamma[j];
                sumD += d;
                sumDx += d * normalized[base + j];
            }
            double scale = invStd[r] / (double) cols;
            for (int j = 0; j < cols; j++) {
                double d = (double) g[base + j] * gamma[j];
                dx[base + j] += (float) (scale * (cols * d - sumD - normalized[base + j] * sumDx));
            }
        }
    }

    static void layerNormBackwardColumns(float[] g, float[] normalized, int rows, int cols, float[] dGamma,
                                         float[] dBeta, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double sumG = 0;
            double sumGx = 0;
            for (int r = 0; r < rows; r++) {
                double gi = g[r * cols + j];
                sumG += gi;
                sumGx += gi * normalized[r * cols + j];
            }
            if (dBeta != null) {
                dBeta[j] += (float) sumG;
            }
            if (dGamma != null) {
                dGamma[j] += (float) sumGx;
            }
        }
    }

    // ---- dropout -------------------------------------------------------------------------------

    /**
     * Inverted dropout of {@code n} values: element {@code i} is dropped ({@code mask[i] = 0})
     * with probability {@code rate} and otherwise kept and scaled ({@code mask[i] = 1 / (1 - rate)}),
     * so the expected value is unchanged; {@code y = x mask}. Whether an element is dropped is a
     * pure function of {@code (seed, stream, i)} (a SplitMix64 hash compared in 24 bits with
     * {@code rate}), so a seed and a stream number give one mask, whatever the thread count.
     *
     * @throws IllegalArgumentException if {@code rate} is not in {@code [0, 1)}
     */
    public static void dropout(float[] x, float[] mask, float[] y, int n, float rate, long seed, long stream) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + rate);
        }
        Elementwise.check("x", x, n);
        Elementwise.check("mask", mask, n);
        Elementwise.check("y", y, n);
        Job job = JOBS.get();
        job.kind = Job.DROPOUT;
        job.set(x, mask, y, null, null, null, null, null);
        job.eps = rate;
        job.seed = seed;
        job.stream = stream;
        job.execute(n, n, ELEMENT_GRAIN);
    }

    /** The backward pass of dropout: {@code dx += g mask}. */
    public static void dropoutBackward(float[] g, float[] mask, float[] dx, int n) {
        Elementwise.check("g", g, n);
        Elementwise.check("mask", mask, n);
        Elementwise.check("dx", dx, n);
        Job job = JOBS.get();
        job.kind = Job.DROPOUT_BACKWARD;
        job.set(g, mask, dx, null, null, null, null, null);
        job.execute(n, n, ELEMENT_GRAIN);
    }

    static void dropoutRange(float[] x, float[] mask, float[] y, float rate, long seed, long stream, int i0, int i1) {
        long threshold = Math.round(rate * (double) (1L << MASK_BITS));
        float keep = 1f / (1f - rate);
        long base = mix(seed ^ mix(stream * GOLDEN + 0x632BE59BD9B4E019L));
        for (int i = i0; i < i1; i++) {
            long bits = mix(base + (i + 1L) * GOLDEN) >>> (64 - MASK_BITS);
            float m = bits >= threshold ? keep : 0f;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    static void dropoutBackwardRange(float[] g, float[] mask, float[] dx, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            dx[i] += g[i] * mask[i];
        }
    }

    /** SplitMix64's finalizer: a bijection of 64-bit words that mixes every bit into every other. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The parameters of one call and its body over a range of channels, rows, columns or elements. */
    private static final class Job extends SplitJob {
        static final int BN_TRAIN = 0;
        static final int BN_INFER = 1;
        static final int BN_BACKWARD = 2;
        static final int LN_FORWARD = 3;
        static final int LN_BACKWARD_ROWS = 4;
        static final int LN_BACKWARD_COLUMNS = 5;
        static final int DROPOUT = 6;
        static final int DROPOUT_BACKWARD = 7;

        int kind;
        float[] a0;
        float[] a1;
        float[] a2;
        float[] a3;
        float[] a4;
        float[] a5;
        float[] a6;
        float[] a7;
        int batch;
        int channels;
        int spatial;
        float eps;
        boolean flag;
        long seed;
        long stream;

        void set(float[] b0, float[] b1, float[] b2, float[] b3, float[] b4, float[] b5, float[] b6, float[] b7) {
            a0 = b0;
            a1 = b1;
            a2 = b2;
            a3 = b3;
            a4 = b4;
            a5 = b5;
            a6 = b6;
            a7 = b7;
        }

        /** Runs the body over {@code units} split in multiples of {@code grain}; then forgets the arrays. */
        void execute(long work, int units, int grain) {
            this.units = units;
            this.grain = grain;
            int chunks = (units + grain - 1) / grain;
            int parts = work >= PARALLEL_MIN_ELEMENTS ? Math.min(Parallel.threads(), chunks) : 1;
            try {
                if (parts > 1) {
                    Parallel.run(this, parts);
                } else {
                    body(0, units);
                }
            } finally {
                forget();
            }
        }

        @Override
        void forget() {
            set(null, null, null, null, null, null, null, null);
        }

        @Override
        void body(int from, int to) {
            switch (kind) {
                case BN_TRAIN -> batchNormTrainingRange(a0, a1, a2, batch, channels, spatial, eps, a3, a4, a5, a6, a7,
                        from, to);
                case BN_INFER -> batchNormInferenceRange(a0, a1, a2, a3, a4, batch, channels, spatial, eps, a5, a6, a7,
                        from, to);
                case BN_BACKWARD -> batchNormBackwardRange(a0, a1, a2, a3, batch, channels, spatial, flag, a4, a5, a6,
                        from, to);
                case LN_FORWARD -> layerNormRange(a0, a1, a2, channels, eps, a3, a4, a5, from, to);
                case LN_BACKWARD_ROWS -> layerNormBackwardRows(a0, a1, a2, a3, channels, a4, from, to);
                case LN_BACKWARD_COLUMNS -> layerNormBackwardColumns(a0, a1, batch, channels, a5, a6, from, to);
                case DROPOUT -> dropoutRange(a0, a1, a2, eps, seed, stream, from, to);
                case DROPOUT_BACKWARD -> dropoutBackwardRange(a0, a1, a2, from, to);
                default -> throw new IllegalStateException("unknown kernel " + kind);
            }
        }
    }
}
