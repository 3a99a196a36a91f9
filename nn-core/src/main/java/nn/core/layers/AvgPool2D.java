package nn.core.layers;

import nn.core.graph.Node;
import nn.core.graph.Spatial;
import nn.core.kernels.Window2d;

/**
 * Average pooling: each output is the mean of the inputs inside its window; padding does not
 * count (TensorFlow's "same" pooling, PyTorch's {@code count_include_pad=False}). Over samples {@code [C, H, W]}, each channel on its own, with a square window, a stride
 * and a {@link Padding}: samples {@code [C, OH, OW]}. No parameters.
 *
 * <p>Immutable (it has no parameters) and thread-safe.
 */
public final class AvgPool2D extends Pool2D {

    /** A window of {@code kernel x kernel} moved by its own size, no padding (Keras' {@code AvgPooling2D(k)}). */
    public AvgPool2D(int kernel) {
        this(kernel, kernel, Padding.VALID);
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, no padding. */
    public AvgPool2D(int kernel, int stride) {
        this(kernel, stride, Padding.VALID);
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, over the input padded by {@code padding} on every side. */
    public AvgPool2D(int kernel, int stride, int padding) {
        this(kernel, stride, Padding.of(padding));
    }

    /** A window of {@code kernel x kernel} moved by {@code stride}, with {@code padding}. */
    public AvgPool2D(int kernel, int stride, Padding padding) {
        super(kernel, stride, padding);
    }

    @Override
    public String name() {
        return "avg_pool2d";
    }

    @Override
    Node pool(Node x, Window2d window) {
        return Spatial.avgPool2d(x, window);
    }
}
