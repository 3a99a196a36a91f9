/**
 * The contracts of nn: {@link nn.api.Activation}, {@link nn.api.Loss}, {@link nn.api.Layer},
 * {@link nn.api.UpdateRule} (an optimizer's arithmetic) and {@link nn.api.Initializer}, plus the
 * few value types they need ({@link nn.api.Value}, {@link nn.api.Reduction},
 * {@link nn.api.ParameterFactory}, {@link nn.api.PluginSpec}).
 *
 * <p>Conventions shared by every contract:
 * <ul>
 *   <li>Names are the contract: lower-case, stable and unique ({@code relu}, {@code l2}). Models
 *       are saved by name, never by class name. Hyperparameters travel with the name in one
 *       form, {@code leaky_relu(alpha=0.1)} ({@link nn.api.PluginSpec}).</li>
 *   <li>Data is row-major: one row per sample. A batch of {@code rows} samples of width
 *       {@code cols} is a {@code float[]} of {@code rows * cols} numbers.</li>
 *   <li>The scalar and row forms work in {@code double} and <em>write</em> their result: they are
 *       the mathematics, used by the gradient checks. The bulk forms work in {@code float} over
 *       whole batches: forward forms write, backward forms <em>add into</em> the gradient array,
 *       so that a value used twice receives both contributions.</li>
 * </ul>
 */
package nn.api;
