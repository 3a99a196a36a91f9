/**
 * The contracts of nn: {@link nn.api.Activation}, {@link nn.api.Loss} and {@link nn.api.Layer},
 * plus the few value types they need ({@link nn.api.Value}, {@link nn.api.Reduction},
 * {@link nn.api.ParameterFactory}, {@link nn.api.Initializer}).
 *
 * <p>Conventions shared by every contract:
 * <ul>
 *   <li>Names are the contract: lower-case, stable and unique ({@code relu}, {@code l2}). Models
 *       are saved by name, never by class name.</li>
 *   <li>Data is row-major: one row per sample. A batch of {@code rows} samples of width
 *       {@code cols} is a {@code float[]} of {@code rows * cols} numbers.</li>
 *   <li>The scalar and row forms work in {@code double} and <em>write</em> their result: they are
 *       the mathematics, used by the gradient checks. The bulk forms work in {@code float} over
 *       whole batches: forward forms write, backward forms <em>add into</em> the gradient array,
 *       so that a value used twice receives both contributions.</li>
 * </ul>
 */
package nn.api;
