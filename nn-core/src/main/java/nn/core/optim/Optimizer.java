package nn.core.optim;

import java.util.List;
import nn.core.graph.Parameter;

/**
 * Updates parameters in place from their gradients.
 *
 * <p>Implementations need not be thread-safe (the built-in ones are not): an optimizer belongs to
 * one trainer, which calls it from one thread.
 */
public interface Optimizer {

    /**
     * One update of every parameter that has a gradient. Parameters without one (no backward
     * pass reached them) are left as they are.
     */
    void step(List<Parameter> parameters);

    /**
     * The learning rate in force, for reports and schedules. The default implementation, for an
     * optimizer without one, returns {@code NaN}.
     */
    default double learningRate() {
        return Double.NaN;
    }

    /**
     * Changes the learning rate for the next steps, as a schedule does. The default
     * implementation, for an optimizer without one, throws {@link UnsupportedOperationException}.
     */
    default void setLearningRate(double learningRate) {
        throw new UnsupportedOperationException(this + " has no learning rate to set; a schedule needs an optimizer"
                + " such as RuleOptimizer or Sgd");
    }

    /**
     * What a checkpoint saves of this optimizer. The default implementation, for an optimizer
     * without state it can save, throws {@link UnsupportedOperationException}.
     */
    default OptimizerState snapshot() {
        throw new UnsupportedOperationException(this + " cannot save its state; checkpoints need an optimizer such as"
                + " RuleOptimizer or Sgd");
    }

    /**
     * Puts back a state {@link #snapshot()} gave. The default implementation throws
     * {@link UnsupportedOperationException}.
     */
    default void restore(OptimizerState state) {
        throw new UnsupportedOperationException(this + " cannot restore a saved state; checkpoints need an optimizer"
                + " such as RuleOptimizer or Sgd");
    }
}
