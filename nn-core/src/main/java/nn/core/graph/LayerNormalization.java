package nn.core.graph;

import nn.core.kernels.Normalization;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Layer normalization over the last {@code k} dimensions: each group of {@code D} (their product)
 * values is normalized by its own mean and biased variance, {@code xhat = (x - mean) / sqrt(var + eps)},
 * then scaled and shifted element by element, {@code y = gamma xhat + beta} ({@code gamma, beta}
 * of {@code D} elements). The fused backward, with {@code d = g gamma}:
 * {@code dx = (D d - sum d - xhat sum(d xhat)) / (D sqrt(var + eps))} per group,
 * {@code dgamma += sum g xhat}, {@code dbeta += sum g} over the groups. It keeps {@code xhat} and
 * one {@code 1 / sqrt(var + eps)} per group as scratch.
 */
final class LayerNormalization extends Node {

    private final int rows;
    private final int cols;
    private final float eps;
    private final float[] normalized;
    private final float[] invStd;

    LayerNormalization(Node x, Node gamma, Node beta, int dims, float eps) {
        super(Tensor.zeros(x.value.shape()), x, gamma, beta);
        int[] shape = x.value.shape();
        if (dims < 1 || dims >= shape.length) {
            throw new IllegalArgumentException("layer normalization over the last " + dims + " dimensions needs an"
                    + " input of more dimensions (one row per sample first), got " + Shapes.toString(shape));
        }
        int d = 1;
        for (int i = shape.length - dims; i < shape.length; i++) {
            d *= shape[i];
        }
        if (gamma.size() != d || beta.size() != d) {
            throw new IllegalArgumentException("layer normalization of " + Shapes.toString(shape) + " over the last "
                    + dims + " dimensions needs gamma and beta of " + d + " elements, got "
                    + Shapes.toString(gamma.shape()) + " and " + Shapes.toString(beta.shape()));
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        this.cols = d;
        this.rows = x.value.size() / d;
        this.eps = eps;
        this.normalized = new float[x.value.size()];
        this.invStd = new float[rows];
        forward();
    }

    @Override
    void forward() {
        Normalization.layerNorm(operand(0).value.data(), operand(1).value.data(), operand(2).value.data(), rows, cols,
                eps, invStd, normalized, value.data());
    }

    @Override
    void propagate() {
        Node x = inputs[0];
        Node gamma = inputs[1];
        Node beta = inputs[2];
        Normalization.layerNormBackward(grad.data(), normalized, invStd, gamma.value.data(), rows, cols,
                x.requiresGrad() ? x.gradBuffer().data() : null,
                gamma.requiresGrad() ? gamma.gradBuffer().data() : null,
                beta.requiresGrad() ? beta.gradBuffer().data() : null);
    }

    @Override
    String op() {
        return "layer_norm";
    }
}
