/**
 * Initializers: how a new parameter's first values are drawn, always from the seeded
 * {@link java.util.Random} the network hands over, so one seed gives one network. The built-in
 * ones ({@code normal}, {@code uniform}, {@code glorot_uniform}, {@code glorot_normal},
 * {@code he_uniform}, {@code he_normal}, {@code lecun_uniform}, {@code lecun_normal},
 * {@code zeros}, {@code constant}) are plugins found by name through
 * {@link java.util.ServiceLoader}, like a third party's; {@link nn.core.init.Initializers} makes
 * them by factory method and {@link nn.core.init.Fans} says how fans are read from a shape.
 */
package nn.core.init;
