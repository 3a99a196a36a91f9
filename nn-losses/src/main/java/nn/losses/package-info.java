/**
 * The built-in {@link nn.api.Loss losses}, one final class per loss, each found by its name
 * through {@link java.util.ServiceLoader}: {@code l2} (the tutorial's), {@code mse}, {@code mae},
 * {@code huber}, {@code log_cosh}, {@code binary_cross_entropy},
 * {@code categorical_cross_entropy}, {@code sparse_categorical_cross_entropy}, {@code hinge},
 * {@code squared_hinge}, {@code kl_divergence} and {@code poisson}.
 *
 * <p>Each class states the loss of one sample and its gradient in double precision, and
 * overrides the bulk {@code float} forms with allocation-free loops that accumulate in double.
 * "Mean" losses average over the numbers of a row (as Keras does); the batch is then combined by
 * the {@link nn.api.Reduction} the caller passes.
 */
package nn.losses;
