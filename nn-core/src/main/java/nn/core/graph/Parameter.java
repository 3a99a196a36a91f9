package nn.core.graph;

import nn.core.tensor.Tensor;

/**
 * A trainable tensor of a network, such as a layer's weights: a leaf of the graph that
 * backward passes compute gradients for and optimizers update in place.
 */
public final class Parameter extends Node {

    private final String name;

    /** A parameter named {@code name} (such as {@code "0.weights"}) over {@code value}. */
    public Parameter(String name, Tensor value) {
        super(value, true);
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /** The name, unique within its network. */
    public String name() {
        return name;
    }

    @Override
    void forward() {
        // a parameter's value is set by initialisation and optimizers
    }

    @Override
    void propagate() {
        // a leaf has no inputs to pass gradients on to
    }

    @Override
    String op() {
        return "parameter " + name;
    }
}
