package nn.core.graph;

import nn.core.kernels.Pool2dKernels;
import nn.core.kernels.Window2d;
import nn.core.tensor.Tensor;

/**
 * Max pooling of an NCHW batch, each plane on its own: {@code y[b, c, oy, ox]} is the largest
 * input in the window (padding is never chosen). It keeps the index of the element chosen for
 * each output (the first in row-major order on a tie); backward adds each output's gradient to
 * that element.
 */
final class MaxPooling extends Node {

    private final Window2d window;
    private final int planes;
    private final int[] argmax;

    MaxPooling(Node x, Window2d window, int[] outShape) {
        super(Tensor.zeros(outShape), x);
        this.window = window;
        this.planes = outShape[0] * outShape[1];
        this.argmax = new int[value.size()];
        forward();
    }

    @Override
    void forward() {
        Pool2dKernels.maxForward(operand(0).value.data(), planes, window, value.data(), argmax);
    }

    @Override
    String op() {
        return "max_pool2d";
    }

    @Override
    void propagate() {
        Pool2dKernels.maxBackward(grad.data(), argmax, planes, window, inputs[0].gradBuffer().data());
    }
}
