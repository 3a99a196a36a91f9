package nn.core.network;

import java.util.List;
import nn.core.tensor.Tensor;

/**
 * The gradients of the loss with respect to every layer's weights and biases, summed over the
 * batch: what the tutorial's {@code backprop} returns as {@code w_grad, b_grad}, but in layer
 * order (the first layer first), where the tutorial lists them from the last layer back.
 *
 * <p>Not thread-safe: the lists and tensors are not copied, so they are as safe as their tensors.
 *
 * @param weights {@code dL/dW} of each layer, shape {@code [in, out]}
 * @param biases  {@code dL/db} of each layer, shape {@code [1, out]}
 */
public record Gradients(List<Tensor> weights, List<Tensor> biases) {
    public Gradients {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
    }
}
