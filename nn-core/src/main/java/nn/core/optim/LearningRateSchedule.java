package nn.core.optim;

import java.util.function.IntToDoubleFunction;

/**
 * The learning rate of each epoch (from 1), and optionally of each batch within it. Made by
 * {@link Schedules}; {@link ReduceLrOnPlateau} is the stateful one, fed a validation metric.
 *
 * <p>To apply one, set the optimizer's rate before each epoch, {@code apply(optimizer, epoch)},
 * or before each batch with {@link #apply(Optimizer, int, int, int)} (a warm-up that rises within
 * the epoch). With a {@code Trainer}: apply epoch 1 before {@code fit}, and in the
 * {@code TrainingListener}'s {@code onEpochEnd} apply the next epoch (or in {@code onBatchEnd} the
 * next batch).
 *
 * <p>The schedules of Schedules are immutable and thread-safe; ReduceLrOnPlateau is not.
 */
@FunctionalInterface
public interface LearningRateSchedule extends IntToDoubleFunction {

    /** The learning rate of epoch {@code epoch}, from 1. */
    double rate(int epoch);

    /**
     * The learning rate of batch {@code batch} (from 0) of {@code batches} in epoch {@code epoch}.
     * The default implementation returns {@link #rate(int)}: the rate changes between epochs only.
     */
    default double rate(int epoch, int batch, int batches) {
        return rate(epoch);
    }

    /** {@link #rate(int)}, so that a schedule is an {@link IntToDoubleFunction}. */
    @Override
    default double applyAsDouble(int epoch) {
        return rate(epoch);
    }

    /** Sets the optimizer's learning rate to this epoch's. */
    default void apply(Optimizer optimizer, int epoch) {
        optimizer.setLearningRate(rate(epoch));
    }

    /** Sets the optimizer's learning rate to this batch's. */
    default void apply(Optimizer optimizer, int epoch, int batch, int batches) {
        optimizer.setLearningRate(rate(epoch, batch, batches));
    }
}
