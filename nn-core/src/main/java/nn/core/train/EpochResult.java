package nn.core.train;

/**
 * What one epoch of training gave. Immutable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epoch              the epoch, from 1
 * @param loss               the mean over the epoch's batches of the objective
 * @param validationLoss     the objective over the validation data after the epoch, as
 *                           {@link Trainer#evaluate} computes it; {@code NaN} without validation data
 * @param validationAccuracy the fraction of validation rows whose largest output is the target
 *                           class; {@code NaN} without validation data or when the targets are
 *                           not classes
 * @param learningRate       the learning rate in force at the end of the epoch; {@code NaN} if
 *                           the optimizer does not say
 * @param seconds            wall-clock time of the epoch's training steps
 */
public record EpochResult(int epoch, double loss, double validationLoss, double validationAccuracy,
                          double learningRate, double seconds) {

    /** The result of an epoch without validation data. */
    public EpochResult(int epoch, double loss, double seconds) {
        this(epoch, loss, Double.NaN, Double.NaN, Double.NaN, seconds);
    }

    /** Whether the epoch was validated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /**
     * A metric by its Keras name: {@code "loss"}, {@code "val_loss"} or {@code "val_accuracy"}.
     *
     * @throws IllegalArgumentException naming the metrics that exist, for any other name
     */
    public double metric(String name) {
        return switch (name) {
            case "loss" -> loss;
            case "val_loss" -> validationLoss;
            case "val_accuracy" -> validationAccuracy;
            default -> throw new IllegalArgumentException("metric '" + name
                    + "' not found; available: loss, val_loss, val_accuracy");
        };
    }
}
