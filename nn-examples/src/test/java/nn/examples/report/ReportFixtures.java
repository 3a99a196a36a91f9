package nn.examples.report;

import java.util.ArrayList;
import java.util.List;

/** Realistic fake results of a Fashion-MNIST run, for the tests and the preview. */
final class ReportFixtures {

    static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** A confusion matrix like a 784-256-128-10 MLP's on the 10,000 test images (accuracy 0.8862). */
    static final int[][] CONFUSION = {
        {850, 1, 15, 25, 4, 1, 98, 0, 6, 0},
        {4, 968, 2, 19, 4, 0, 2, 0, 1, 0},
        {16, 1, 800, 12, 100, 0, 69, 0, 2, 0},
        {24, 8, 11, 893, 33, 0, 27, 0, 4, 0},
        {1, 1, 92, 30, 830, 0, 44, 0, 2, 0},
        {0, 0, 0, 1, 0, 957, 0, 27, 2, 13},
        {128, 2, 86, 28, 70, 0, 675, 0, 11, 0},
        {0, 0, 0, 0, 0, 14, 0, 961, 0, 25},
        {5, 0, 4, 5, 3, 3, 6, 4, 969, 1},
        {0, 0, 0, 0, 0, 7, 1, 33, 0, 959},
    };

    private ReportFixtures() {
    }

    /** Labels whose confusion matrix is {@code matrix}: index 0 holds the true labels, 1 the predicted. */
    static int[][] labelsOf(int[][] matrix) {
        List<int[]> pairs = new ArrayList<>();
        for (int t = 0; t < matrix.length; t++) {
            for (int p = 0; p < matrix[t].length; p++) {
                for (int k = 0; k < matrix[t][p]; k++) {
                    pairs.add(new int[] {t, p});
                }
            }
        }
        int[] truth = new int[pairs.size()];
        int[] predicted = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            truth[i] = pairs.get(i)[0];
            predicted[i] = pairs.get(i)[1];
        }
        return new int[][] {truth, predicted};
    }

    static ClassificationMetrics fashionMetrics() {
        int[][] labels = labelsOf(CONFUSION);
        return ClassificationMetrics.of(labels[0], labels[1], FASHION_MNIST);
    }

    /** Ten epochs: loss falling from about 0.6 to 0.3, accuracy rising from 0.8 to 0.89. */
    static List<EpochRecord> history() {
        double[] trainLoss = {0.602, 0.432, 0.389, 0.362, 0.341, 0.326, 0.314, 0.303, 0.294, 0.286};
        double[] testLoss = {0.478, 0.421, 0.398, 0.383, 0.366, 0.371, 0.352, 0.349, 0.343, 0.338};
        double[] trainAcc = {0.792, 0.845, 0.859, 0.868, 0.875, 0.880, 0.884, 0.888, 0.891, 0.894};
        double[] testAcc = {0.803, 0.846, 0.857, 0.862, 0.869, 0.866, 0.875, 0.878, 0.882, 0.886};
        List<EpochRecord> history = new ArrayList<>();
        for (int e = 0; e < 10; e++) {
            history.add(new EpochRecord(e + 1, trainLoss[e], trainAcc[e], testLoss[e], testAcc[e], 4.2 + 0.1 * e));
        }
        return history;
    }
}
