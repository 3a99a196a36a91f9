/**
 * The hot loops of nn, and nothing else: matrix multiply, element-wise arithmetic with row
 * broadcasting, reductions. Every method works on flat row-major {@code float[]} arrays, writes
 * or accumulates into an array it is given, and allocates nothing.
 *
 * <p>The rest of nn calls these kernels and never repeats a loop of its own; making nn faster
 * means making this package faster.
 */
package nn.core.kernels;
