/**
 * Initializers: how a new parameter's first values are drawn, always from the seeded
 * {@link java.util.Random} the network hands over, so one seed gives one network.
 */
package nn.core.init;
