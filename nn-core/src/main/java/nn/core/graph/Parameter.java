package nn.core.graph;

import nn.core.tensor.Tensor;

/**
 * A tensor a network owns and saves, such as a layer's weights: a leaf of the graph. A trainable
 * parameter gets gradients from backward passes and optimizers update it in place; a buffer
 * (not trainable, such as batch norm's running mean) gets no gradient and is changed only by its
 * layer.
 *
 * <p>Not thread-safe while it is trained; once training has stopped, any number of threads may
 * read it to predict.
 */
public final class Parameter extends Node {

    private final String name;
    private final boolean trainable;

    /** A trainable parameter named {@code name} (such as {@code "0.weights"}) over {@code value}. */
    public Parameter(String name, Tensor value) {
        this(name, value, true);
    }

    /** A parameter named {@code name} over {@code value}; a buffer if not {@code trainable}. */
    public Parameter(String name, Tensor value, boolean trainable) {
        super(value, trainable);
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.trainable = trainable;
    }

    /** Whether optimizers train it; {@code false} for a buffer such as a running mean. */
    public boolean trainable() {
        return trainable;
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
        return (trainable ? "parameter " : "buffer ") + name;
    }
}
