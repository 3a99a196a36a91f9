package nn.core.graph;

import nn.core.kernels.Pool2dKernels;
import nn.core.kernels.Window2d;
import nn.core.tensor.Tensor;

/**
 * Average pooling of an NCHW batch, each plane on its own: {@code y[b, c, oy, ox]} is the mean of
 * the inputs inside the window (padding does not count); backward spreads {@code g / count} over
 * them.
 */
final class AveragePooling extends Node {

    private final Window2d window;
    private final int planes;

    AveragePooling(Node x, Window2d window, int[] outShape) {
        super(Tensor.zeros(outShape), x);
        this.window = window;
        this.planes = outShape[0] * outShape[1];
        forward();
    }

    @Override
    void forward() {
        Pool2dKernels.averageForward(operand(0).value.data(), planes, window, value.data());
    }

    @Override
    String op() {
        return "avg_pool2d";
    }

    @Override
    void propagate() {
        Pool2dKernels.averageBackward(grad.data(), planes, window, inputs[0].gradBuffer().data());
    }
}
