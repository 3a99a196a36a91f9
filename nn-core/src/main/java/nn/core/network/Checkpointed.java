package nn.core.network;

import java.util.Map;
import nn.core.tensor.Tensor;

/**
 * A part of training with state that a checkpoint ({@code nn.core.train.Checkpoint}) saves, so that
 * training resumed from it behaves as if it had never stopped: a listener such as early
 * stopping (its best value and patience count), a schedule, a dropout layer (how many masks it
 * has drawn). The trainer saves those of its listeners, its schedule and the network's layers.
 * Keys are the object's own; the trainer adds a prefix.
 *
 * <p>Implementations need not be thread-safe: the trainer calls them on its own thread.
 */
public interface Checkpointed {

    /** Writes the state as strings (exact: use {@link Double#toString}) and tensors. */
    void saveState(Map<String, String> values, Map<String, Tensor> tensors);

    /**
     * Puts back what {@link #saveState} wrote, after {@code onTrainBegin}.
     *
     * @throws IllegalArgumentException naming the key if a value is missing or malformed
     */
    void restoreState(Map<String, String> values, Map<String, Tensor> tensors);
}
