package nn.core.graph;

import nn.core.kernels.Reductions;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/** The transpose of a matrix; backward adds the transpose of the gradient. */
final class Transpose extends Node {

    Transpose(Node x) {
        super(Tensor.zeros(check(x)[1], check(x)[0]), x);
        forward();
    }

    @Override
    void forward() {
        Reductions.transpose(operand(0).value.data(), value.data(), value.dim(1), value.dim(0));
    }

    private static int[] check(Node x) {
        if (x.value.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a matrix, got shape " + Shapes.toString(x.shape()));
        }
        return x.value.shape();
    }

    @Override
    void propagate() {
        Reductions.addTransposedInto(grad.data(), inputs[0].gradBuffer().data(), value.dim(0), value.dim(1));
    }
}
