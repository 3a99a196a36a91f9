package nn.examples.report;

import java.util.Locale;

/**
 * What one epoch of training measured, one point of the training history that
 * {@link TrainingPlots} draws. A value that was not measured (no test set, say) is
 * {@link Double#NaN}; the plots leave out values that are not finite (a diverged loss, too).
 *
 * @param epoch         the epoch, from 1
 * @param trainLoss     the mean loss on the training data
 * @param trainAccuracy the accuracy on the training data, in [0, 1]
 * @param testLoss      the mean loss on the test data
 * @param testAccuracy  the accuracy on the test data, in [0, 1]
 * @param seconds       wall-clock time of the epoch
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, double seconds) {

    /** The CSV header matching {@link #toCsvLine()}. */
    public static final String CSV_HEADER = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds";

    /** Checks the values: epoch at least 1, accuracies in [0, 1] or NaN, seconds finite and non-negative; losses may be anything. */
    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, got " + epoch);
        }
        checkAccuracy("trainAccuracy", trainAccuracy);
        checkAccuracy("testAccuracy", testAccuracy);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite and non-negative, got " + seconds);
        }
    }

    private static void checkAccuracy(String name, double value) {
        if (!Double.isNaN(value) && (value < 0 || value > 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] (or NaN if not measured), got " + value);
        }
    }

    /** The record as one CSV line, in the order of {@link #CSV_HEADER}; a value not measured is empty. */
    public String toCsvLine() {
        return epoch + "," + csv(trainLoss) + "," + csv(trainAccuracy) + "," + csv(testLoss) + ","
                + csv(testAccuracy) + "," + String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String csv(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
