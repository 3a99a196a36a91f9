package nn.core.graph;

import nn.core.kernels.Elementwise;
import nn.core.tensor.Tensor;

/** Scalar arithmetic {@code y = scale * x + shift}; backward {@code dx += scale * g}. */
final class Affine extends Node {

    private final float scale;

    Affine(Node x, float scale, float shift) {
        super(Tensor.zeros(x.value.shape()), x);
        this.scale = scale;
        this.shift = shift;
        forward();
    }

    private final float shift;

    @Override
    void forward() {
        Elementwise.affine(operand(0).value.data(), scale, shift, value.data(), value.size());
    }

    @Override
    void propagate() {
        Elementwise.addScaledInto(grad.data(), scale, inputs[0].gradBuffer().data(), value.size());
    }
}
