package nn.api;

/**
 * Creates the trainable parameters of a {@link Layer} while it is built. The engine owns them:
 * it initialises, trains and saves them, in the order in which they are created.
 *
 * <p>Not thread-safe: a factory is used by one thread, while a network builds its layers.
 */
public interface ParameterFactory {

    /**
     * A new trainable parameter.
     *
     * @param name  its name within the layer, such as {@code "weights"}; unique per layer
     * @param shape its shape, such as {@code [in, out]}
     * @param init  how its first values are drawn
     */
    Value create(String name, int[] shape, Initializer init);

    /**
     * A new buffer: state the layer keeps and the engine saves with the model, but does not
     * train, such as batch normalization's running mean. It gets no gradient; the layer changes
     * it itself. Names share one space with the parameters.
     *
     * @throws UnsupportedOperationException if this factory keeps no buffers; the default
     *                                       implementation does
     */
    default Value buffer(String name, int[] shape, Initializer init) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no buffers; cannot make '" + name + "'");
    }
}
