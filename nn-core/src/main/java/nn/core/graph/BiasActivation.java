package nn.core.graph;

import java.util.Arrays;
import nn.api.Activation;
import nn.core.kernels.Elementwise;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * A bias added to every row and then an activation, {@code y = a(z + b)}, as one node: what a
 * dense layer and the activation after it would record as two ({@code z.add(b).apply(a)}).
 * Forward adds the bias and applies the activation block of rows by block, while a block is in
 * cache. Backward writes the activation's vector-Jacobian product straight into z's gradient
 * when nothing of this pass has reached it yet (the usual case: z is the layer's product), so
 * the intermediate gradient of {@code z + b}, its zeroing and the pass that adds it into z's are
 * skipped; the bias gradient sums its columns.
 *
 * <p>The same operations in the same order as {@link Binary} followed by {@link ApplyActivation},
 * flushing of tiny values included: the same bits.
 */
final class BiasActivation extends Node {

    private final Activation activation;
    private final int rows;
    private final int cols;
    /** {@code z + b}, kept for the activation's backward. */
    private final Tensor sum;
    /** The gradient of {@code z + b} when it cannot be z's own; made on first need. */
    private Tensor sumGrad;
    /** Where the current backward writes the gradient of {@code z + b}. */
    private float[] target;
    /** The forward and backward over a range of rows, made once: large tensors split by rows. */
    private final Elementwise.RowsBody forwardRows = this::forwardRows;
    private final Elementwise.RowsBody backwardRows = this::backwardRows;

    BiasActivation(Node z, Node bias, Activation activation) {
        super(Tensor.zeros(z.value.shape()), z, bias);
        int[] shape = z.value.shape();
        if (shape.length != 2 || !Arrays.equals(bias.value.shape(), new int[] {1, shape[1]})) {
            throw new IllegalArgumentException("a bias and activation need a matrix [rows, cols] and a bias [1, cols]"
                    + ", got " + Shapes.toString(shape) + " and " + Shapes.toString(bias.value.shape()));
        }
        this.activation = activation;
        this.rows = shape[0];
        this.cols = shape[1];
        this.sum = Tensor.zeros(shape);
        forward();
    }

    @Override
    void forward() {
        Elementwise.forRows(rows, cols, forwardRows);
    }

    private void forwardRows(int fromRow, int toRow) {
        float[] y = value.data();
        Elementwise.addRowInto(operand(0).value.data(), operand(1).value.data(), sum.data(), cols, fromRow, toRow);
        activation.forward(sum.data(), y, fromRow * cols, (toRow - fromRow) * cols, cols);
        Elementwise.flushTiny(y, fromRow * cols, toRow * cols);
    }

    @Override
    String op() {
        return "add+" + activation.name();
    }

    @Override
    void propagate() {
        Node z = inputs[0];
        Node bias = inputs[1];
        boolean intoZ = z.requiresGrad() && !z.hasGrad();
        if (intoZ) {
            target = z.gradBuffer().data(); // zeroed now, before the rows split
        } else {
            if (sumGrad == null) {
                sumGrad = Tensor.zeros(value.shape());
            } else {
                sumGrad.fill(0f);
            }
            target = sumGrad.data();
        }
        Elementwise.forRows(rows, cols, backwardRows);
        if (!intoZ && z.requiresGrad()) {
            Elementwise.addScaledInto(target, 1f, z.gradBuffer().data(), rows * cols);
        }
        if (bias.requiresGrad()) {
            Elementwise.addScaledInto(target, 1f, bias.gradBuffer().data(), rows, cols, true);
        }
        target = null;
    }

    private void backwardRows(int fromRow, int toRow) {
        activation.backward(sum.data(), value.data(), grad.data(), target, fromRow * cols, (toRow - fromRow) * cols,
                cols);
        Elementwise.flushTiny(target, fromRow * cols, toRow * cols);
    }
}
