package nn.core.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import nn.core.graph.Parameter;

/**
 * Stochastic gradient descent, {@code w <- w - lr * g}, with optional momentum as in PyTorch:
 * {@code v <- momentum * v + g; w <- w - lr * v}. A convenience over a {@link RuleOptimizer} of
 * the {@code sgd} rule ({@link SgdRule}), which offers dampening, Nesterov and weight decay too.
 *
 * <p>Not thread-safe: it keeps a velocity per parameter; an optimizer belongs to one trainer.
 */
public final class Sgd implements Optimizer {

    private final RuleOptimizer engine;

    /** Plain SGD. */
    public Sgd(double learningRate) {
        this(learningRate, 0);
    }

    /**
     * SGD with momentum.
     *
     * @throws IllegalArgumentException if the learning rate is not positive and finite or the
     *                                  momentum is outside {@code [0, 1)}
     */
    public Sgd(double learningRate, double momentum) {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learning rate (%s) must be positive and finite", learningRate);
        checkArgument(momentum >= 0 && momentum < 1, "momentum (%s) must be in [0, 1)", momentum);
        this.engine = RuleOptimizer.of(SgdRule.of(learningRate, momentum));
    }

    /** The learning rate in force. */
    @Override
    public double learningRate() {
        return engine.learningRate();
    }

    /**
     * Changes the learning rate, as a schedule does between epochs; the momentum buffers stay.
     *
     * @throws IllegalArgumentException if it is not positive and finite
     */
    @Override
    public void setLearningRate(double learningRate) {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learning rate (%s) must be positive and finite", learningRate);
        engine.setLearningRate(learningRate);
    }

    @Override
    public void step(List<Parameter> parameters) {
        engine.step(parameters);
    }

    /** The state a checkpoint saves (see {@link RuleOptimizer#snapshot}). */
    public OptimizerState snapshot() {
        return engine.snapshot();
    }

    /** Restores a snapshot (see {@link RuleOptimizer#restore}). */
    public void restore(OptimizerState state) {
        engine.restore(state);
    }

    @Override
    public String toString() {
        return "Sgd(" + engine.rule().spec() + ")";
    }
}
