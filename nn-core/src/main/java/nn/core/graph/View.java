package nn.core.graph;

import nn.core.kernels.Elementwise;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * The same elements in another shape, sharing the input's array (no copy): the output is always
 * the input's current value, also when a replayed graph refills a constant input that is not
 * itself replayed. Backward adds the gradient into the input's, element by element.
 */
final class View extends Node {

    View(Node x, int[] shape) {
        super(x.value.reshape(check(x, shape)), x);
    }

    private static int[] check(Node x, int[] shape) {
        if (Shapes.size(shape) != x.size()) {
            throw new IllegalArgumentException("cannot view " + Shapes.toString(x.shape()) + " (" + x.size()
                    + " elements) as " + Shapes.toString(shape));
        }
        return shape;
    }

    @Override
    void forward() {
        // the value shares the input's array
    }

    @Override
    String op() {
        return "view";
    }

    @Override
    void propagate() {
        Elementwise.addScaledInto(grad.data(), 1f, inputs[0].gradBuffer().data(), value.size());
    }
}
