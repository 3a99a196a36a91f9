/**
 * The built-in layers: {@link nn.core.layers.Dense} ({@code x . W + b}, weights {@code [in, out]},
 * bias {@code [1, out]}, as in the tutorial) and {@link nn.core.layers.ActivationLayer}. Each
 * implements {@link nn.api.Layer} with {@link nn.api.Value} operations only, as a third party's
 * layer would.
 */
package nn.core.layers;
