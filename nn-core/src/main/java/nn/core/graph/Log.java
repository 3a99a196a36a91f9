package nn.core.graph;

import nn.core.kernels.Elementwise;
import nn.core.tensor.Tensor;

/** {@code y = ln(x)}; backward {@code dx += g / x}. */
final class Log extends Node {

    Log(Node x) {
        super(Tensor.zeros(x.value.shape()), x);
        forward();
    }

    @Override
    void forward() {
        Elementwise.log(operand(0).value.data(), value.data(), value.size());
    }

    @Override
    void propagate() {
        Node x = inputs[0];
        Elementwise.divideInto(grad.data(), x.value.data(), x.gradBuffer().data(), 1, value.size(), false);
    }
}
