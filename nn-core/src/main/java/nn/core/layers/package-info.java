/**
 * The built-in layers: {@link nn.core.layers.Dense} ({@code x . W + b}, weights {@code [in, out]},
 * bias {@code [1, out]}, as in the tutorial) and {@link nn.core.layers.ActivationLayer}. Each
 * implements {@link nn.api.Layer} with {@link nn.api.Value} operations only, as a third party's
 * layer would.
 *
 * <p>{@link nn.core.layers.Dropout}, {@link nn.core.layers.BatchNorm} and
 * {@link nn.core.layers.LayerNorm} behave by mode (dropout and batch norm differ between training
 * and inference) and use the fused ops of {@link nn.core.graph.LayerOps}, whose single-kernel
 * backward passes a composition of {@code Value} operations could not match for speed.
 *
 * <p>The image layers work on NCHW batches ({@code [rows, channels, height, width]}) through the
 * engine's own operations ({@link nn.core.graph.Spatial}): {@link nn.core.layers.Reshape} (rows
 * of pixels to images), {@link nn.core.layers.Conv2D}, {@link nn.core.layers.MaxPool2D},
 * {@link nn.core.layers.AvgPool2D} (with a {@link nn.core.layers.Padding}) and
 * {@link nn.core.layers.Flatten} (images back to rows).
 *
 * <p>A layer with parameters ({@code Dense}, {@code Conv2D}, {@code BatchNorm}, {@code LayerNorm})
 * belongs to the one network that built it: building it again, into a second network or at a
 * second place in one, throws; make a new instance for each place.
 */
package nn.core.layers;
