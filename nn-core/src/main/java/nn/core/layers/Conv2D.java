package nn.core.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import java.util.Objects;
import nn.api.Initializer;
import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Value;
import nn.core.graph.Node;
import nn.core.graph.Spatial;
import nn.core.init.Initializers;
import nn.core.kernels.Window2d;

/**
 * A 2-D convolution over samples of shape {@code [inChannels, height, width]} (batches are NCHW,
 * {@code [rows, C, H, W]}), with a square {@code kernel x kernel} window, a stride and a
 * {@link Padding} (zeros): samples of shape {@code [outChannels, OH, OW]} with
 * {@code OH = (H + padding - kernel) / stride + 1}.
 *
 * <p>Weights {@code [inChannels * kernel * kernel, outChannels]}: row
 * {@code (c * kernel + ky) * kernel + kx} holds the weights from input channel {@code c} at
 * kernel position {@code (ky, kx)} to every output channel, so a convolution is a {@link Dense}
 * layer applied to every patch (PyTorch's {@code weight[o, c, ky, kx]} is
 * {@code weights[(c * k + ky) * k + kx, o]}). Bias {@code [1, outChannels]}. By default the
 * weights are He (Kaiming) normal with fan-in {@code inChannels * kernel * kernel}, for ReLU
 * networks, and the bias zero.
 *
 * <p>Not thread-safe: it keeps the parameters of the one network that built it.
 */
public final class Conv2D implements Layer {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final Padding padding;
    private final Initializer weightInit;
    private final Initializer biasInit;
    private Value weights;
    private Value bias;

    /** A convolution with stride 1 and no padding ("valid"). */
    public Conv2D(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, Padding.VALID);
    }

    /** A convolution padded with {@code padding} zeros on every side. */
    public Conv2D(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, Padding.of(padding));
    }

    /** A convolution with He-normal weights and zero bias. */
    public Conv2D(int inChannels, int outChannels, int kernel, int stride, Padding padding) {
        this(inChannels, outChannels, kernel, stride, padding, Initializers.heNormal(), Initializers.zeros());
    }

    /** A convolution with the given initializers (the weights' shape is {@code [in * k * k, out]}). */
    public Conv2D(int inChannels, int outChannels, int kernel, int stride, Padding padding,
                  Initializer weightInit, Initializer biasInit) {
        checkArgument(inChannels > 0 && outChannels > 0, "a Conv2D layer needs positive channel counts, got %s -> %s",
                inChannels, outChannels);
        checkArgument(kernel > 0 && stride > 0, "a Conv2D layer needs a positive kernel size and stride, got kernel %s,"
                + " stride %s", kernel, stride);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = Objects.requireNonNull(padding, "padding");
        this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
        this.biasInit = Objects.requireNonNull(biasInit, "biasInit");
    }

    @Override
    public String name() {
        return "conv2d";
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** The kernel's height and width. */
    public int kernel() {
        return kernel;
    }

    /** The stride in both directions. */
    public int stride() {
        return stride;
    }

    /** The padding. */
    public Padding padding() {
        return padding;
    }

    @Override
    public void build(int[] inputShape, ParameterFactory parameters) {
        checkState(weights == null, "%s is already built into a network;"
                + " make a new instance for each place it is used", this);
        outputShape(inputShape);
        weights = parameters.create("weights", new int[] {inChannels * kernel * kernel, outChannels}, weightInit);
        bias = parameters.create("bias", new int[] {1, outChannels}, biasInit);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Window2d w = Windows.of(this, inputShape, inChannels, kernel, stride, padding, false);
        return new int[] {outChannels, w.outHeight(), w.outWidth()};
    }

    @Override
    public Value forward(Value input, boolean training) {
        if (weights == null) {
            throw new IllegalStateException(this + " is not built yet: add it to a network, which builds it");
        }
        int[] shape = input.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException(this + " expects input of shape [rows, " + inChannels
                    + ", height, width], got " + Arrays.toString(shape));
        }
        Window2d w = Windows.of(this, Arrays.copyOfRange(shape, 1, 4), inChannels, kernel, stride, padding, false);
        return Spatial.conv2d(Node.of(input), Node.of(weights), Node.of(bias), w);
    }

    @Override
    public String toString() {
        return "Conv2D(" + inChannels + " -> " + outChannels + ", kernel " + kernel + ", stride " + stride
                + ", padding " + padding + ")";
    }
}
