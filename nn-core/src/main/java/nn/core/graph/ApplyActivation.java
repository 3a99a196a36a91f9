package nn.core.graph;

import nn.api.Activation;
import nn.core.kernels.Elementwise;
import nn.core.tensor.Tensor;

/**
 * An {@link Activation} over a tensor, element by element or row by row (the last dimension is
 * the row); backward is the activation's own vector-Jacobian product, given the input and the
 * output it kept. Floats below {@code 2^-100} in the output and in the gradient it passes back
 * are set to zero ({@link Elementwise#flushTiny}): they, and the subnormal products they make,
 * would slow every later product a hundredfold. Large tensors are split among the kernels'
 * threads by whole rows (activations are stateless and thread-safe by contract).
 */
final class ApplyActivation extends Node {

    private final Activation activation;
    /** The forward and backward over a range of rows, made once: large tensors split by rows. */
    private final Elementwise.RowsBody forwardRows = this::forwardRows;
    private final Elementwise.RowsBody backwardRows = this::backwardRows;

    ApplyActivation(Node x, Activation activation) {
        super(Tensor.zeros(x.value.shape()), x);
        this.activation = activation;
        forward();
    }

    private int rowLength() {
        return Math.max(1, value.cols());
    }

    @Override
    void forward() {
        Elementwise.forRows(value.size() / rowLength(), rowLength(), forwardRows);
    }

    private void forwardRows(int fromRow, int toRow) {
        int cols = rowLength();
        float[] y = value.data();
        activation.forward(operand(0).value.data(), y, fromRow * cols, (toRow - fromRow) * cols, cols);
        Elementwise.flushTiny(y, fromRow * cols, toRow * cols);
    }

    @Override
    String op() {
        return activation.name();
    }

    @Override
    void propagate() {
        inputs[0].gradBuffer(); // a cleared gradient is zeroed here, before the rows split
        Elementwise.forRows(value.size() / rowLength(), rowLength(), backwardRows);
    }

    private void backwardRows(int fromRow, int toRow) {
        int cols = rowLength();
        Node x = inputs[0];
        float[] dx = x.gradBuffer().data();
        activation.backward(x.value.data(), value.data(), grad.data(), dx, fromRow * cols, (toRow - fromRow) * cols,
                cols);
        Elementwise.flushTiny(dx, fromRow * cols, toRow * cols);
    }
}
