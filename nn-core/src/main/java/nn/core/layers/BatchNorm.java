package nn.core.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Value;
import nn.core.graph.LayerOps;
import nn.core.init.Initializers;

/**
 * Batch normalization, per feature of samples {@code [features]} or per channel of samples
 * {@code [channels, ...]} (such as {@code [C, H, W]}): {@code y = gamma (x - mean) /
 * sqrt(var + eps) + beta}.
 *
 * <p>In training, {@code mean} and {@code var} are the batch's (biased variance), and the running
 * statistics move toward them: {@code running = (1 - momentum) running + momentum batch}, with the
 * unbiased variance, as in PyTorch. At inference ({@code training = false}) the running
 * statistics are used. Training needs at least two values per channel in a batch.
 *
 * <p>Parameters, one element per channel: {@code gamma [C]} (starts at 1), {@code beta [C]}
 * (0), and the buffers {@code running_mean [C]} (0) and {@code running_var [C]} (1), which the
 * model file saves and no optimizer trains. Defaults: {@code eps = 1e-5}, {@code momentum = 0.1}.
 *
 * <p>Not thread-safe: it keeps the parameters of the one network that built it, and its running statistics change in training.
 */
public final class BatchNorm implements Layer {

    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final double eps;
    private final double momentum;
    private int channels;
    private Value gamma;
    private Value beta;
    private Value runningMean;
    private Value runningVar;

    /** Batch normalization with {@code eps = 1e-5}, {@code momentum = 0.1}. */
    public BatchNorm() {
        this(DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /**
     * Batch normalization with the given {@code eps} (added to the variance) and {@code momentum}
     * (the weight of each batch in the running statistics).
     *
     * @throws IllegalArgumentException if {@code eps <= 0} or momentum is outside {@code [0, 1]}
     */
    public BatchNorm(double eps, double momentum) {
        checkArgument(eps > 0 && Double.isFinite(eps), "batch norm: eps (%s) must be positive", eps);
        checkArgument(momentum >= 0 && momentum <= 1, "batch norm: momentum (%s) must be in [0, 1]", momentum);
        this.eps = eps;
        this.momentum = momentum;
    }

    /** The number added to the variance. */
    public double eps() {
        return eps;
    }

    /** The weight of each training batch in the running statistics. */
    public double momentum() {
        return momentum;
    }

    /** The number of features or channels, once built (0 before). */
    public int channels() {
        return channels;
    }

    @Override
    public String name() {
        return "batch_norm";
    }

    @Override
    public void build(int[] inputShape, ParameterFactory parameters) {
        checkState(gamma == null, "%s is already built into a network;"
                + " make a new instance for each place it is used", this);
        outputShape(inputShape);
        channels = inputShape[0];
        int[] shape = {channels};
        gamma = parameters.create("gamma", shape, Initializers.constant(1));
        beta = parameters.create("beta", shape, Initializers.zeros());
        runningMean = parameters.buffer("running_mean", shape, Initializers.zeros());
        runningVar = parameters.buffer("running_var", shape, Initializers.constant(1));
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        checkArgument(inputShape.length >= 1 && inputShape[0] > 0,
                "%s expects samples of shape [features] or [channels, ...], got %s", this,
                Arrays.toString(inputShape));
        return inputShape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        if (gamma == null) {
            throw new IllegalStateException(this + " is not built yet: add it to a network, which builds it");
        }
        int[] shape = input.shape();
        if (shape.length < 2 || shape[1] != channels) {
            throw new IllegalArgumentException(this + " expects input [rows, " + channels + (shape.length > 2 ? ", ...]"
                    : "]") + " with " + channels + " channels, got " + Arrays.toString(shape));
        }
        return LayerOps.batchNorm(input, gamma, beta, runningMean, runningVar, eps, momentum, training);
    }

    @Override
    public String toString() {
        return "BatchNorm(" + (channels > 0 ? channels + ", " : "") + "eps=" + eps + ", momentum=" + momentum + ")";
    }
}
