package nn.core.train;

import java.util.List;

/**
 * Hears what a {@link Trainer} does: when training begins, after each batch, after each epoch
 * and when training ends. Every method does nothing by default. Called on the training thread,
 * in the order the listeners were added; keep {@link #onBatchEnd} cheap, it runs in every step.
 * Implementations need not be thread-safe.
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainBegin(TrainingContext context) {
    }

    /**
     * After batch {@code batch} (from 0) of {@code batches} in epoch {@code epoch} (from 1), whose
     * loss before the update was {@code loss}.
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, validation included. The default implementation calls {@link #onEpochEnd(EpochResult)}. */
    default void onEpochEnd(EpochResult result, TrainingContext context) {
        onEpochEnd(result);
    }

    /** After each epoch, for listeners that need only the result. */
    default void onEpochEnd(EpochResult result) {
    }

    /** After the last epoch, or after the epoch in which a listener asked to stop. */
    default void onTrainEnd(List<EpochResult> history, TrainingContext context) {
    }
}
