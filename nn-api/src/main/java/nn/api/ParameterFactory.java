package nn.api;

/**
 * Creates the trainable parameters of a {@link Layer} while it is built. The engine owns them:
 * it initialises, trains and saves them, in the order in which they are created.
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
}
