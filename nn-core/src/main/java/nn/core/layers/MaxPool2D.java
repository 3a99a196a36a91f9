package nn.core.layers;

import nn.core.graph.Node;
import nn.core.graph.Spatial;
import nn.core.kernels.Window2d;

/**
 * Max pooling: each output is the largest input in its window; on a tie the first in row-major
 * order wins and alone gets the gradient (as in PyTorch). Over samples {@code [C, H, W]}, each channel on its own, with a square window, a stride
 * and a {@link Padding}: samples {@code [C, OH, OW]}. No parameters.
 *
 * <p>Immutable (it has no parameters) and thread-safe.
 */
public final class MaxPool2D extends Pool2D {

    /** A window of {@code kernel x kernel} moved by its own size, no padding (Keras' {@code MaxPooling2D(k)}). */
    public MaxPool2D(int kernel) {
        this(kernel, kernel, Padding.VALID);
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, no padding. */
    public MaxPool2D(int kernel, int stride) {
        this(kernel, stride, Padding.VALID);
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, over the input padded by {@code padding} on every side. */
    public MaxPool2D(int kernel, int stride, int padding) {
        this(kernel, stride, Padding.of(padding));
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, with {@code padding}. */
    public MaxPool2D(int kernel, int stride, Padding padding) {
        super(kernel, stride, padding);
    }

    @Override
    public String name() {
        return "max_pool2d";
    }

    @Override
    Node pool(Node x, Window2d window) {
        return Spatial.maxPool2d(x, window);
    }
}
