package nn.examples.app;

import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.network.Sequential;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;

/**
 * Runs a classifier over a whole data set in chunks, without recording a graph: the mean loss,
 * the accuracy and every predicted class.
 *
 * @param loss      the objective's mean over the samples
 * @param accuracy  the share of samples whose largest output is the true class
 * @param predicted the predicted class of every sample
 */
public record Evaluation(double loss, double accuracy, int[] predicted) {

    private static final int CHUNK = 1000;

    /**
     * Evaluates {@code model} on images {@code x [n, in]} whose targets for the objective are
     * {@code targets} and whose classes are {@code labels}. The loss reported is the objective per
     * sample: a SUM objective is divided by the number of samples, a MEAN one is averaged over chunks.
     */
    public static Evaluation of(Sequential model, Objective objective, Tensor x, Tensor targets, int[] labels) {
        return of(model, objective, x, targets, labels, true);
    }

    /** As {@link #of(Sequential, Objective, Tensor, Tensor, int[])}, for an objective that sums over rows if {@code meanReduced} is false. */
    public static Evaluation of(Sequential model, Objective objective, Tensor x, Tensor targets, int[] labels,
                                boolean meanReduced) {
        int n = x.rows();
        int[] predicted = new int[n];
        double lossSum = 0;
        int correct = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                Tensor bx = x.sliceRows(from, to);
                Tensor by = targets.sliceRows(from, to);
                Node out = model.forward(Node.constant(bx), false);
                lossSum += objective.apply(out, Node.constant(by)).item() * (meanReduced ? to - from : 1);
                Tensor scores = out.value();
                for (int r = 0; r < to - from; r++) {
                    int best = argmax(scores, r);
                    predicted[from + r] = best;
                    correct += best == labels[from + r] ? 1 : 0;
                }
            }
        }
        return new Evaluation(lossSum / n, correct / (double) n, predicted);
    }

    /** The column of the largest value in row {@code r}. */
    public static int argmax(Tensor scores, int r) {
        int cols = scores.cols();
        int best = 0;
        for (int c = 1; c < cols; c++) {
            if (scores.get(r, c) > scores.get(r, best)) {
                best = c;
            }
        }
        return best;
    }
}
