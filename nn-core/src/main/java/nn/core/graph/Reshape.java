package nn.core.graph;

import nn.core.kernels.Elementwise;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/** The same elements in another shape (a copy, so the input is never aliased); backward reshapes the gradient back. */
final class Reshape extends Node {

    Reshape(Node x, int[] shape) {
        super(Tensor.of(x.value.data().clone(), check(x, shape)), x);
    }

    @Override
    void forward() {
        System.arraycopy(operand(0).value.data(), 0, value.data(), 0, value.size());
    }

    private static int[] check(Node x, int[] shape) {
        if (Shapes.size(shape) != x.size()) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.toString(x.shape()) + " ("
                    + x.size() + " elements) to " + Shapes.toString(shape));
        }
        return shape;
    }

    @Override
    void propagate() {
        Elementwise.addScaledInto(grad.data(), 1f, inputs[0].gradBuffer().data(), value.size());
    }
}
