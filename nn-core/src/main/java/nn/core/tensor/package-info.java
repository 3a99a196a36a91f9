/**
 * Dense float32 tensors: a shape over one row-major {@code float[]}, and shape helpers.
 * Tensors hold numbers; the graph in {@link nn.core.graph} gives them gradients.
 */
package nn.core.tensor;
