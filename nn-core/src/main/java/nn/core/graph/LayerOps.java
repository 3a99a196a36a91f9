package nn.core.graph;

import java.util.Objects;
import nn.api.Value;

/**
 * The fused operations behind the built-in layers that {@link Value} does not offer: dropout,
 * batch normalization and layer normalization. Each makes one node whose forward and backward
 * are single kernels ({@link nn.core.kernels.Normalization}), not compositions of small ops, and
 * whose scratch tensors are its own, so a replayed graph allocates nothing.
 *
 * <p>Stateless; its methods may be called from any thread, and the nodes they make are not thread-safe.
 */
public final class LayerOps {

    private LayerOps() {
    }

    /**
     * Inverted dropout: each element is zeroed with probability {@code rate} and the others are
     * divided by {@code 1 - rate}, with a fresh mask from {@code masks} on every forward
     * computation (recording and each replay).
     *
     * @throws IllegalArgumentException if {@code rate} is not in {@code [0, 1)}
     */
    public static Node dropout(Value x, double rate, DropoutGenerator masks) {
        return new Dropout(Node.of(x), checkRate(rate), Objects.requireNonNull(masks, "masks"));
    }

    /**
     * Batch normalization of {@code x}, {@code [n, C]} or {@code [n, C, ...]}, per feature or
     * channel: with the batch's statistics in training (updating the running ones with
     * {@code momentum}, PyTorch's convention: {@code running = (1 - momentum) running + momentum
     * batch}, unbiased variance), with {@code runningMean} and {@code runningVar} at inference.
     * {@code gamma}, {@code beta} and the running statistics have {@code C} elements each; the
     * running statistics must be buffers (no gradient).
     *
     * @throws IllegalArgumentException if a shape does not fit, {@code eps <= 0}, momentum is
     *                                  outside {@code [0, 1]}, or a training batch has a single
     *                                  value per channel
     */
    public static Node batchNorm(Value x, Value gamma, Value beta, Value runningMean, Value runningVar, double eps,
                                 double momentum, boolean training) {
        return new BatchNormalization(Node.of(x), Node.of(gamma), Node.of(beta), Node.of(runningMean),
                Node.of(runningVar), (float) eps, (float) momentum, training);
    }

    /**
     * Layer normalization of {@code x} over its last {@code dims} dimensions (mean and biased
     * variance of each sample's group of {@code D} values), scaled by {@code gamma} and shifted by
     * {@code beta}, of {@code D} elements each.
     *
     * @throws IllegalArgumentException if a shape does not fit or {@code eps <= 0}
     */
    public static Node layerNorm(Value x, Value gamma, Value beta, int dims, double eps) {
        return new LayerNormalization(Node.of(x), Node.of(gamma), Node.of(beta), dims, (float) eps);
    }

    /**
     * {@code rate} as a float, if it is a dropout rate.
     *
     * @throws IllegalArgumentException if it is not in {@code [0, 1)}
     */
    public static float checkRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1) (the fraction of values set to"
                    + " zero during training), got " + rate);
        }
        return (float) rate;
    }
}
