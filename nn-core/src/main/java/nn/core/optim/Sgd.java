package nn.core.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nn.core.graph.Parameter;
import nn.core.kernels.Elementwise;

/**
 * Stochastic gradient descent, {@code w <- w - lr * g}, with optional momentum as in PyTorch:
 * {@code v <- momentum * v + g; w <- w - lr * v}.
 *
 * <p>Not thread-safe: it keeps a velocity per parameter; an optimizer belongs to one trainer.
 */
public final class Sgd implements Optimizer {

    private float learningRate;
    private final float momentum;
    private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();

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
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
    }

    /** The learning rate in force. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Changes the learning rate, as a schedule does between epochs; the momentum buffers stay.
     *
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public void setLearningRate(double learningRate) {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learning rate (%s) must be positive and finite", learningRate);
        this.learningRate = (float) learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (int i = 0, size = parameters.size(); i < size; i++) {
            Parameter p = parameters.get(i);
            if (p.grad() == null) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.grad().data();
            if (momentum == 0f) {
                Elementwise.addScaledInto(g, -learningRate, w, w.length);
            } else {
                float[] v = velocity.get(p);
                if (v == null) {
                    v = new float[w.length];
                    velocity.put(p, v);
                }
                Elementwise.momentumStep(w, g, v, learningRate, momentum, w.length);
            }
        }
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + (momentum == 0f ? "" : ", momentum=" + momentum) + ")";
    }
}
