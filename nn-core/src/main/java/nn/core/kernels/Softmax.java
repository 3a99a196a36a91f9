package nn.core.kernels;

/**
 * Row-wise softmax fused with cross-entropy, the usual last step of a classifier.
 */
public final class Softmax {

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
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(logits[row + j] - max);
                probabilities[row + j] = e;
                sumExp += e;
            }
            float inv = (float) (1.0 / sumExp);
            for (int j = 0; j < cols; j++) {
                probabilities[row + j] *= inv;
            }
            double logSumExp = max + Math.log(sumExp);
            if (sparse) {
                int label = classIndex(target[r], r, cols);
                total += logSumExp - logits[row + label];
            } else {
                double tSum = 0;
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    tSum += target[row + j];
                    dot += (double) target[row + j] * logits[row + j];
                }
                total += logSumExp * tSum - dot;
            }
        }
        return total;
    }

    /** Adds {@code scale * (softmax * sum(t) - t)} into {@code grad}: the gradient of {@link #crossEntropy}. */
    public static void crossEntropyGradientInto(float[] probabilities, float[] target, float[] grad,
                                                int rows, int cols, boolean sparse, float scale) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            if (sparse) {
                int label = (int) target[r];
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
