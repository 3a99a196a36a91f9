package nn.core.train;

import nn.core.network.Sequential;
import nn.core.optim.Optimizer;

/**
 * What a {@link TrainingListener} may see and do while {@link Trainer#fit(nn.core.tensor.Tensor,
 * nn.core.tensor.Tensor, Fit)} runs: the model and optimizer being trained, and a way to stop
 * after the current epoch. Used on the training thread only; not thread-safe.
 */
public interface TrainingContext {

    /** The network being trained. */
    Sequential model();

    /** The optimizer updating it. */
    Optimizer optimizer();

    /** The epoch running or just finished, from 1; 0 before the first. */
    int epoch();

    /**
     * Asks training to stop once the current epoch's listeners have run. The first reason
     * given is kept.
     */
    void stop(String reason);

    /** Why training was asked to stop, or {@code null} if it was not. */
    String stopReason();
}
