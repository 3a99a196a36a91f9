package nn.core.train;

/**
 * Hears what a {@link Trainer} does: after each batch and after each epoch. Both methods do
 * nothing by default. Called on the training thread; keep {@link #onBatchEnd} cheap, it runs
 * in every step.
 *
 * <p>A trainer calls its listener on the training thread only, so an implementation need not be
 * thread-safe.
 */
public interface TrainingListener {

    /**
     * After batch {@code batch} (from 0) of {@code batches} in epoch {@code epoch} (from 1), whose
     * loss before the update was {@code loss}.
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch. */
    default void onEpochEnd(EpochResult result) {
    }
}
