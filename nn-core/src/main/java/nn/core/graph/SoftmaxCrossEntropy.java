package nn.core.graph;

import nn.api.Reduction;
import nn.core.kernels.Elementwise;
import nn.core.kernels.Softmax;
import nn.core.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, fused: for logits {@code z} and target {@code t} (rows of
 * probabilities, or one class index per row), the loss of a row is
 * {@code logsumexp(z) * sum(t) - t . z}, computed with the row's maximum subtracted so it never
 * overflows, and its gradient is {@code softmax(z) * sum(t) - t}. Keeps the softmax for backward.
 */
final class SoftmaxCrossEntropy extends Node {

    private final Node target;
    private final Reduction reduction;
    private final boolean sparse;
    private final float[] probabilities;

    SoftmaxCrossEntropy(Node logits, Node target, Reduction reduction) {
        super(Tensor.zeros(1, 1), logits);
        int cols = logits.value.cols();
        this.sparse = target.value.rank() == 2 && target.value.cols() == 1 && cols != 1;
        LossNode.check("softmax_cross_entropy", logits, target, sparse ? 1 : cols);
        this.target = target;
        this.reduction = reduction;
        this.probabilities = new float[logits.size()];
        forward();
    }

    @Override
    void forward() {
        Tensor logits = operand(0).value;
        double total = Softmax.crossEntropy(logits.data(), target.value.data(), probabilities,
                logits.rows(), logits.cols(), sparse);
        value.data()[0] = (float) (total * reduction.scale(logits.rows()));
    }

    @Override
    String op() {
        return "softmax_cross_entropy";
    }

    @Override
    void propagate() {
        Node logits = inputs[0];
        int rows = logits.value.rows();
        float scale = (float) (grad.data()[0] * reduction.scale(rows));
        float[] dz = logits.gradBuffer().data();
        Softmax.crossEntropyGradientInto(probabilities, target.value.data(), dz, rows, logits.value.cols(), sparse,
                scale);
        // probabilities that (nearly) underflowed would slow the products below (see flushTiny)
        Elementwise.flushTiny(dz, rows * logits.value.cols());
    }
}
