package nn.core.kernels;

/**
 * Row-wise softmax fused with cross-entropy, the usual last step of a classifier. Large batches
 * are split among {@link Parallel}'s threads by rows; the loss is the sum of the rows' losses in
 * row order, whatever the split. The exponentials are computed in float (within 2 units in the
 * last place; 0 where the shifted logit is below -87, whose exponential would be a subnormal
 * float and slow every operation on it), on the Vector API when it is there, with the same bits
 * when it is not; sums and the logarithm are in double.
 *
 * <p>Thread-safe: any number of threads may call it at once on different outputs.
 */
public final class Softmax {

    /** A row costs about this many simple operations per column (an exp among them). */
    private static final int COST_PER_ELEMENT = 8;

    private Softmax() {
    }

    /**
     * Writes the softmax of each row of {@code logits} into {@code probabilities} and returns the
     * summed cross-entropy {@code sum_rows (logsumexp(z) * sum(t) - t . z)}, with {@code t} a row
     * of {@code target} or, if {@code sparse}, the one-hot row of a class index.
     *
     * @throws IllegalArgumentException if a class index is not an integer in {@code [0, cols)}
     */
    public static double crossEntropy(float[] logits, float[] target, float[] probabilities,
                                      int rows, int cols, boolean sparse) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("logits", logits, n);
        Elementwise.check("target", target, sparse ? rows : n);
        Elementwise.check("probabilities", probabilities, n);
        RangeJob job = RangeJob.take((long) n * COST_PER_ELEMENT, rows, 1);
        job.kind = RangeJob.SOFTMAX_CE;
        job.x0 = logits;
        job.x1 = target;
        job.x2 = probabilities;
        job.cols = cols;
        job.flag = sparse;
        job.rowValues(rows);
        return job.executeAndSum(rows);
    }

    /** Rows {@code [r0, r1)} of {@link #crossEntropy}; row r's loss goes to {@code losses[r]}. */
    static void crossEntropyRows(float[] logits, float[] target, float[] probabilities, int cols,
                                 boolean sparse, double[] losses, int r0, int r1) {
        // the shifted logits z - max of every row, then their exponentials in one flat pass
        // (vectors across rows: a row of 10 classes is shorter than one vector)
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[row + j]);
            }
            for (int j = 0; j < cols; j++) {
                probabilities[row + j] = logits[row + j] - max;
            }
            losses[r] = max; // kept here until the row's loss replaces it
        }
        Kernels.ROWS.expNonPositive(probabilities, r0 * cols, r1 * cols);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            float max = (float) losses[r];
            double sumExp = 0;
            for (int j = 0; j < cols; j++) {
                sumExp += probabilities[row + j];
            }
            float inv = (float) (1.0 / sumExp);
            for (int j = 0; j < cols; j++) {
                probabilities[row + j] *= inv;
            }
            double logSumExp = max + Math.log(sumExp);
            if (sparse) {
                int label = classIndex(target[r], r, cols);
                losses[r] = logSumExp - logits[row + label];
            } else {
                double tSum = 0;
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    tSum += target[row + j];
                    dot += (double) target[row + j] * logits[row + j];
                }
                losses[r] = logSumExp * tSum - dot;
            }
        }
    }

    /** Adds {@code scale * (softmax * sum(t) - t)} into {@code grad}: the gradient of {@link #crossEntropy}. */
    public static void crossEntropyGradientInto(float[] probabilities, float[] target, float[] grad,
                                                int rows, int cols, boolean sparse, float scale) {
        int n = Elementwise.size(rows, cols);
        Elementwise.check("probabilities", probabilities, n);
        Elementwise.check("target", target, sparse ? rows : n);
        Elementwise.check("grad", grad, n);
        RangeJob job = RangeJob.take(n, rows, 1);
        job.kind = RangeJob.SOFTMAX_CE_GRAD;
        job.x0 = probabilities;
        job.x1 = target;
        job.x2 = grad;
        job.cols = cols;
        job.flag = sparse;
        job.f0 = scale;
        job.execute();
    }

    static void crossEntropyGradientRows(float[] probabilities, float[] target, float[] grad, int cols,
                                         boolean sparse, float scale, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            if (sparse) {
                int label = classIndex(target[r], r, cols);
                for (int j = 0; j < cols; j++) {
                    grad[row + j] += scale * probabilities[row + j];
                }
                grad[row + label] -= scale;
            } else {
                float tSum = 0;
                for (int j = 0; j < cols; j++) {
                    tSum += target[row + j];
                }
                for (int j = 0; j < cols; j++) {
                    grad[row + j] += scale * (probabilities[row + j] * tSum - target[row + j]);
                }
            }
        }
    }

    private static int classIndex(float value, int row, int cols) {
        int label = (int) value;
        if (label != value || label < 0 || label >= cols) {
            throw new IllegalArgumentException("class index " + value + " of row " + row
                    + " is not an integer in [0, " + cols + ")");
        }
        return label;
    }
}
