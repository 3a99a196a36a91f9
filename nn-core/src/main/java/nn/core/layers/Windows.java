package nn.core.layers;

import java.util.Arrays;
import nn.core.kernels.Window2d;

/** The window of a 2-D layer over one sample of shape {@code [C, H, W]}, with messages naming the layer. */
final class Windows {

    private Windows() {
    }

    /**
     * The window of {@code layer} (described by {@code what}) over samples of {@code sampleShape}.
     *
     * @param channels the channels the layer expects, or -1 for any
     * @throws IllegalArgumentException naming the layer, the shape and what it expects
     */
    static Window2d of(Object layer, int[] sampleShape, int channels, int kernel, int stride, Padding padding,
                       boolean pooling) {
        if (sampleShape.length != 3 || (channels > 0 && sampleShape[0] != channels)) {
            throw new IllegalArgumentException(layer + " expects samples of shape ["
                    + (channels > 0 ? channels : "channels") + ", height, width], got " + Arrays.toString(sampleShape)
                    + (sampleShape.length == 1 ? " (put a Reshape layer before it, such as new Reshape(1, 28, 28))"
                    : ""));
        }
        int h = sampleShape[1];
        int w = sampleShape[2];
        int[] py = padding.resolve(h, kernel, stride);
        int[] px = padding.resolve(w, kernel, stride);
        if (h + py[0] + py[1] < kernel || w + px[0] + px[1] < kernel) {
            throw new IllegalArgumentException(layer + ": the " + (pooling ? "window" : "kernel") + " " + kernel + "x"
                    + kernel + " is larger than the padded input " + (h + py[0] + py[1]) + "x" + (w + px[0] + px[1])
                    + " (samples of shape " + Arrays.toString(sampleShape) + ", padding " + padding + ")");
        }
        if (pooling && (py[0] >= kernel || py[1] >= kernel || px[0] >= kernel || px[1] >= kernel)) {
            throw new IllegalArgumentException(layer + ": padding " + padding + " must be smaller than the window "
                    + kernel + "x" + kernel + ", so that no window holds only padding");
        }
        return new Window2d(sampleShape[0], h, w, kernel, kernel, stride, stride, py[0], py[1], px[0], px[1]);
    }
}
