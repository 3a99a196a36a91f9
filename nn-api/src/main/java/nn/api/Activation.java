package nn.api;

import java.util.Map;

/**
 * An activation function, applied element by element (relu, tanh, ...) or row by row (softmax).
 *
 * <p>An implementation has a {@linkplain #name() name}, the function {@link #apply(double)} and
 * its derivative {@link #derivative(double)}; everything else has a default built on those two.
 * The bulk {@code float} methods are what the engine calls in a training step: override them for
 * speed (for example, sigmoid's derivative from its output, {@code y (1 - y)}).
 *
 * <p>An activation that is not element-wise, such as softmax, extends {@link RowActivation}
 * instead: it maps a whole row to a row and states its vector-Jacobian product.
 *
 * <p>Implementations must be stateless and thread-safe, and need a public no-argument
 * constructor to be found by {@link java.util.ServiceLoader}: register the class in
 * {@code META-INF/services/nn.api.Activation} and with {@code provides} in {@code module-info}.
 */
public interface Activation {

    /**
     * The unique, stable, lower-case name by which networks and model files refer to this
     * activation, such as {@code "relu"}. Letters, digits and underscores only.
     */
    String name();

    /**
     * The hyperparameters of this instance with their values, every one of them (defaults
     * included), in a stable order; empty for a plugin that takes none. A model file stores them
     * with the name, as {@link #spec()}.
     */
    default Map<String, Double> hyperparameters() {
        return Map.of();
    }

    /**
     * An instance with the given hyperparameters changed and the others as they are here, as
     * {@code leaky_relu(alpha=0.1)} asks. The default implementation, for a plugin that takes
     * none, returns {@code this} for an empty map.
     *
     * @throws IllegalArgumentException naming the key if the plugin has no such hyperparameter
     *                                  (see {@link Hyperparameters#requireKnown}), or the value
     *                                  and the range expected if a value is out of range
     */
    default Activation with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireNone(name(), hyperparameters);
        return this;
    }

    /** The name with every hyperparameter, such as {@code leaky_relu(alpha=0.01)}. */
    default PluginSpec spec() {
        return new PluginSpec(name(), hyperparameters());
    }

    /** The function at {@code x}. */
    double apply(double x);

    /** The derivative of the function at {@code x}. */
    double derivative(double x);

    /**
     * Whether each output depends on the input at the same place only. The default
     * implementation returns {@code true}; {@link RowActivation} returns {@code false}.
     */
    default boolean isElementwise() {
        return true;
    }

    /**
     * The function over one row, in double precision: writes {@code y[i] = f(x)[i]}.
     * The default implementation applies {@link #apply(double)} to each element.
     */
    default void applyRow(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = apply(x[i]);
        }
    }

    /**
     * The vector-Jacobian product over one row, in double precision: writes
     * {@code gradX = gradY . J(x)}, where {@code y = f(x)} is passed for activations whose
     * derivative is cheaper from the output. The default implementation writes
     * {@code gradX[i] = gradY[i] * derivative(x[i])}.
     */
    default void backwardRow(double[] x, double[] y, double[] gradY, double[] gradX) {
        for (int i = 0; i < x.length; i++) {
            gradX[i] = gradY[i] * derivative(x[i]);
        }
    }

    /**
     * The function over a block of whole rows: writes {@code y[i] = f(x)[i]} for
     * {@code offset <= i < offset + length}. {@code offset} and {@code length} are multiples of
     * {@code rowLength}; element-wise activations may ignore it. The default implementation
     * computes each element in double precision with {@link #apply(double)}.
     */
    default void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = (float) apply(x[i]);
        }
    }

    /**
     * The vector-Jacobian product over a block of whole rows: <em>adds</em> {@code gradY . J(x)}
     * into {@code gradX}, given the input {@code x} and the output {@code y} of
     * {@link #forward}. The default implementation adds {@code gradY[i] * derivative(x[i])}.
     */
    default void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                          int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += (float) (gradY[i] * derivative(x[i]));
        }
    }
}
