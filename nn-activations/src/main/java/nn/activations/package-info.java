/**
 * The built-in activations: one small class per function, with the formula and its derivative
 * in the class documentation, following PyTorch's definitions, defaults and conventions at kinks.
 *
 * <p>Each class states the mathematics in double precision ({@code apply}/{@code derivative},
 * or {@code applyRow}/{@code backwardRow} for the row-wise softmax and log_softmax) and overrides
 * the bulk {@code float} {@code forward} and {@code backward} with allocation-free loops.
 * Every bulk {@code forward} reads {@code x[i]} before it writes {@code y[i]}, so it may run in
 * place ({@code y == x}); every bulk {@code backward} adds into {@code gradX}.
 */
package nn.activations;
