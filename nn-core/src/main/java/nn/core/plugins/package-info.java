/**
 * The plugin registries: activations, losses, update rules (optimizers) and initializers found
 * by name through {@link java.util.ServiceLoader}, each read once into an immutable map. A third
 * party's plugin takes exactly the path the built-in ones take.
 */
package nn.core.plugins;
