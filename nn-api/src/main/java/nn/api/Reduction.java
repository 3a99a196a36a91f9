package nn.api;

/**
 * How a {@link Loss} combines the losses of the samples in a batch into one number.
 *
 * <p>Immutable and thread-safe.
 */
public enum Reduction {
    /**
     * The sum over the samples, as in the tutorial: the gradient of a batch is the sum of the
     * samples' gradients, and a learning rate is divided by the batch size by whoever wants a mean.
     */
    SUM,
    /** The mean over the samples (the sum divided by the number of rows), as in PyTorch and Keras. */
    MEAN;

    /** The factor that turns a sum over {@code rows} samples into this reduction. */
    public double scale(int rows) {
        return this == SUM ? 1.0 : 1.0 / rows;
    }
}
