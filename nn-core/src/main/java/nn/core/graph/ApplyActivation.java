package nn.core.graph;

import nn.api.Activation;
import nn.core.kernels.Elementwise;
import nn.core.tensor.Tensor;

/**
 * An {@link Activation} over a tensor, element by element or row by row (the last dimension is
 * the row); backward is the activation's own vector-Jacobian product, given the input and the
 * output it kept. Floats below {@code 2^-100} in the output and in the gradient it passes back
 * are set to zero ({@link Elementwise#flushTiny}): they, and the subnormal products they make,
 * would slow every later product a hundredfold.
 */
final class ApplyActivation extends Node {

    private final Activation activation;

    ApplyActivation(Node x, Activation activation) {
        super(Tensor.zeros(x.value.shape()), x);
        this.activation = activation;
        forward();
    }

    @Override
    void forward() {
        activation.forward(operand(0).value.data(), value.data(), 0, value.size(), Math.max(1, value.cols()));
        Elementwise.flushTiny(value.data(), value.size());
    }

    @Override
    String op() {
        return activation.name();
    }

    @Override
    void propagate() {
        Node x = inputs[0];
        float[] dx = x.gradBuffer().data();
        activation.backward(x.value.data(), value.data(), grad.data(), dx, 0, value.size(), Math.max(1, value.cols()));
        Elementwise.flushTiny(dx, value.size());
    }
}
