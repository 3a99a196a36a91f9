package nn.core.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;
import nn.api.Layer;
import nn.api.Value;
import nn.core.graph.Node;
import nn.core.kernels.Window2d;

/** What {@link MaxPool2D} and {@link AvgPool2D} share: a square window, a stride, a padding; no parameters. */
abstract class Pool2D implements Layer {

    private final int kernel;
    private final int stride;
    private final Padding padding;

    Pool2D(int kernel, int stride, Padding padding) {
        checkArgument(kernel > 0 && stride > 0, "a pooling layer needs a positive window size and stride, got"
                + " window %s, stride %s", kernel, stride);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = Objects.requireNonNull(padding, "padding");
    }

    /** The window's height and width. */
    public int kernel() {
        return kernel;
    }

    /** The stride in both directions. */
    public int stride() {
        return stride;
    }

    /** The padding (never read: windows cover only the input elements inside them). */
    public Padding padding() {
        return padding;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Window2d w = Windows.of(this, inputShape, -1, kernel, stride, padding, true);
        return new int[] {inputShape[0], w.outHeight(), w.outWidth()};
    }

    @Override
    public Value forward(Value input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException(this + " expects input of shape [rows, channels, height, width], got "
                    + Arrays.toString(shape));
        }
        return pool(Node.of(input), Windows.of(this, Arrays.copyOfRange(shape, 1, 4), -1, kernel, stride, padding, true));
    }

    abstract Node pool(Node x, Window2d window);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + kernel + ", stride " + stride + ", padding " + padding + ")";
    }
}
