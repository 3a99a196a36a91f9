package nn.api;

/**
 * A differentiable block of a network, such as a fully connected layer, with trainable
 * parameters of its own.
 *
 * <p>A layer is built once, when its input shape is known: it creates its parameters through the
 * {@link ParameterFactory} it is given and keeps the {@link Value}s returned. Its
 * {@link #forward} then composes {@link Value} operations on the input and its parameters; the
 * engine differentiates through them, so a layer states no backward pass of its own.
 *
 * <p>Shapes here are those of one sample, without the batch dimension: a layer of a
 * fully connected network sees {@code [width]}.
 *
 * <p>Thread-safety: {@link #build} is called once, by the thread that makes the network; after
 * that {@link #forward} must not change the layer's fields (the built-in layers only read them),
 * so that a built network can predict from several threads at once.
 */
public interface Layer {

    /** A short lower-case name of the kind of layer, such as {@code "dense"}. */
    String name();

    /**
     * Creates the parameters for inputs of the given shape. Called once, before the first
     * {@link #forward}. The default implementation creates none.
     *
     * @throws IllegalArgumentException if the layer cannot take inputs of that shape
     */
    default void build(int[] inputShape, ParameterFactory parameters) {
    }

    /**
     * The shape of one output sample for one input sample of the given shape.
     *
     * @throws IllegalArgumentException if the layer cannot take inputs of that shape
     */
    int[] outputShape(int[] inputShape);

    /**
     * The output for a batch, one row per sample.
     *
     * @param training whether this is a training step (dropout and batch norm behave otherwise
     *                 at inference)
     */
    Value forward(Value input, boolean training);
}
