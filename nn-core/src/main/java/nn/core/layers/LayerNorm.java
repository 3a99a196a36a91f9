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
 * Layer normalization: each sample is normalized over its last {@code dims} dimensions by its
 * own mean and (biased) variance, then scaled and shifted element by element:
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}. The same in training and at inference.
 *
 * <p>Parameters: {@code gamma} (starts at 1) and {@code beta} (0), shaped as the normalized
 * dimensions, such as {@code [features]}. Defaults: the last dimension, {@code eps = 1e-5}.
 *
 * <p>Not thread-safe: it keeps the parameters of the one network that built it.
 */
public final class LayerNorm implements Layer {

    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int dims;
    private final double eps;
    private int[] normalizedShape;
    private Value gamma;
    private Value beta;

    /** Layer normalization over the last dimension, {@code eps = 1e-5}. */
    public LayerNorm() {
        this(1, DEFAULT_EPS);
    }

    /**
     * Layer normalization over the last {@code dims} dimensions of each sample.
     *
     * @throws IllegalArgumentException if {@code dims < 1} or {@code eps <= 0}
     */
    public LayerNorm(int dims, double eps) {
        checkArgument(dims >= 1, "layer norm: dims (%s) must be at least 1", dims);
        checkArgument(eps > 0 && Double.isFinite(eps), "layer norm: eps (%s) must be positive", eps);
        this.dims = dims;
        this.eps = eps;
    }

    /** How many trailing dimensions are normalized together. */
    public int dims() {
        return dims;
    }

    /** The number added to the variance. */
    public double eps() {
        return eps;
    }

    /** The normalized trailing dimensions of a sample, the shape of gamma and beta, once built (empty before). */
    public int[] normalizedShape() {
        return normalizedShape == null ? new int[0] : normalizedShape.clone();
    }

    @Override
    public String name() {
        return "layer_norm";
    }

    @Override
    public void build(int[] inputShape, ParameterFactory parameters) {
        checkState(gamma == null, "%s is already built into a network;"
                + " make a new instance for each place it is used", this);
        outputShape(inputShape);
        normalizedShape = Arrays.copyOfRange(inputShape, inputShape.length - dims, inputShape.length);
        gamma = parameters.create("gamma", normalizedShape.clone(), Initializers.constant(1));
        beta = parameters.create("beta", normalizedShape.clone(), Initializers.zeros());
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        checkArgument(inputShape.length >= dims, "%s normalizes the last %s dimensions of a sample, got samples of"
                + " shape %s", this, dims, Arrays.toString(inputShape));
        return inputShape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        if (gamma == null) {
            throw new IllegalStateException(this + " is not built yet: add it to a network, which builds it");
        }
        int[] shape = input.shape();
        if (shape.length <= dims
                || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - dims, shape.length), normalizedShape)) {
            throw new IllegalArgumentException(this + " expects input [rows, ..., " + joined(normalizedShape)
                    + "], got " + Arrays.toString(shape));
        }
        return LayerOps.layerNorm(input, gamma, beta, dims, eps);
    }

    private static String joined(int[] shape) {
        String s = Arrays.toString(shape);
        return s.substring(1, s.length() - 1);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + (normalizedShape != null ? Arrays.toString(normalizedShape) + ", " : "")
                + (dims != 1 ? "dims=" + dims + ", " : "") + "eps=" + eps + ")";
    }
}
