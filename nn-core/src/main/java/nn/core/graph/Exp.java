package nn.core.graph;

import nn.core.kernels.Elementwise;
import nn.core.tensor.Tensor;

/** {@code y = exp(x)}; backward {@code dx += g y} (it keeps only its output). */
final class Exp extends Node {

    Exp(Node x) {
        super(Tensor.zeros(x.value.shape()), x);
        forward();
    }

    @Override
    void forward() {
        Elementwise.exp(operand(0).value.data(), value.data(), value.size());
    }

    @Override
    void propagate() {
        Elementwise.multiplyInto(grad.data(), value.data(), 1f, inputs[0].gradBuffer().data(),
                1, value.size(), false, false);
    }
}
