package nn.api;

import java.util.Map;

import java.util.Random;

/**
 * Fills a new parameter with its initial values. It must draw all its randomness from the
 * {@code random} it is given, so that one seed gives one network.
 *
 * <p>Implementations must be stateless and thread-safe: all their state is the {@code random} they
 * are given.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Writes the initial values of a parameter of the given shape (row-major) into {@code values}.
     */
    void initialize(float[] values, int[] shape, Random random);

    /**
     * The unique, stable, lower-case name by which this initializer is found, such as
     * {@code "he_normal"}. The default, for a lambda, is {@code "custom"}; a plugin found by
     * {@link java.util.ServiceLoader} must override it.
     */
    default String name() {
        return "custom";
    }

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
    default Initializer with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireNone(name(), hyperparameters);
        return this;
    }

    /** The name with every hyperparameter, such as {@code leaky_relu(alpha=0.01)}. */
    default PluginSpec spec() {
        return new PluginSpec(name(), hyperparameters());
    }
}
