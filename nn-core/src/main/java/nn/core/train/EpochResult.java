package nn.core.train;

/**
 * What one epoch of training gave.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epoch   the epoch, from 1
 * @param loss    the mean over the epoch's batches of the objective
 * @param seconds wall-clock time of the epoch
 */
public record EpochResult(int epoch, double loss, double seconds) {
}
