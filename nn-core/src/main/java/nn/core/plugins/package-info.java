/**
 * The plugin registries: activations and losses found by name through
 * {@link java.util.ServiceLoader}, read once into an immutable map. A third party's plugin takes
 * exactly the path the built-in ones take.
 */
package nn.core.plugins;
