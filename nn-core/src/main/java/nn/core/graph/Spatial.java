package nn.core.graph;

import java.util.Objects;
import nn.core.kernels.Window2d;
import nn.core.tensor.Shapes;

/**
 * The operations on images: 2-D convolution, max pooling and average pooling over NCHW batches
 * ({@code [batch, channels, height, width]}), for the layers of {@code nn.core.layers} and for
 * graphs written by hand. Each returns a node of the graph, differentiable like any other.
 *
 * <p>Stateless; its methods may be called from any thread, and the nodes they make are not thread-safe.
 */
public final class Spatial {

    private Spatial() {
    }

    /**
     * The convolution of {@code x [B, C, H, W]} with {@code weights [C * KH * KW, OC]} (row
     * {@code (c * KH + ky) * KW + kx}, column {@code o}) plus {@code bias [1, OC]} (or none, if
     * null), over the window {@code window} (whose {@code channels, height, width} must be
     * {@code x}'s): {@code [B, OC, OH, OW]}.
     *
     * @throws IllegalArgumentException naming the shapes if they do not fit
     */
    public static Node conv2d(Node x, Node weights, Node bias, Window2d window) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(window, "window");
        int batch = checkInput("conv2d", x, window);
        int[] ws = weights.shape();
        if (ws.length != 2 || ws[0] != window.patchSize()) {
            throw new IllegalArgumentException("conv2d: the weights must have shape [" + window.patchSize()
                    + ", outChannels] (channels " + window.channels() + " x kernel " + window.kernelHeight() + "x"
                    + window.kernelWidth() + " rows), got " + Shapes.toString(ws));
        }
        int outChannels = ws[1];
        if (bias != null && !java.util.Arrays.equals(bias.shape(), new int[] {1, outChannels})) {
            throw new IllegalArgumentException("conv2d: the bias must have shape [1, " + outChannels + "], got "
                    + Shapes.toString(bias.shape()));
        }
        return new Convolution(x, weights, bias, window,
                new int[] {batch, outChannels, window.outHeight(), window.outWidth()});
    }

    /**
     * Max pooling of {@code x [B, C, H, W]} over {@code window}: {@code [B, C, OH, OW]}. On a tie
     * the first element in row-major order of the window is the maximum and gets the gradient.
     *
     * @throws IllegalArgumentException naming the shapes if they do not fit, or if a window could
     *                                  hold only padding
     */
    public static Node maxPool2d(Node x, Window2d window) {
        int batch = checkPoolInput("max_pool2d", x, window);
        return new MaxPooling(x, window, new int[] {batch, window.channels(), window.outHeight(), window.outWidth()});
    }

    /**
     * Average pooling of {@code x [B, C, H, W]} over {@code window}: {@code [B, C, OH, OW]}, each
     * output the mean of the window's elements inside the input (padding does not count).
     *
     * @throws IllegalArgumentException naming the shapes if they do not fit, or if a window could
     *                                  hold only padding
     */
    public static Node avgPool2d(Node x, Window2d window) {
        int batch = checkPoolInput("avg_pool2d", x, window);
        return new AveragePooling(x, window, new int[] {batch, window.channels(), window.outHeight(), window.outWidth()});
    }

    /**
     * The elements of {@code x} in another shape of the same size, sharing its array: unlike
     * {@link Node#reshape}, which copies, the result follows {@code x}'s array even where a
     * replayed graph does not recompute {@code x} (a constant input refilled for each batch).
     * For the layers that change a sample's shape ({@code Reshape}, {@code Flatten}).
     *
     * @throws IllegalArgumentException naming both shapes if the sizes differ
     */
    public static Node view(Node x, int... shape) {
        Objects.requireNonNull(x, "x");
        return new View(x, shape.clone());
    }

    private static int checkPoolInput(String op, Node x, Window2d window) {
        Objects.requireNonNull(window, "window");
        int batch = checkInput(op, x, window);
        if (!window.everyWindowTouchesInput()) {
            throw new IllegalArgumentException(op + ": padding must be smaller than the window on every side,"
                    + " so that no window holds only padding; got " + window);
        }
        return batch;
    }

    private static int checkInput(String op, Node x, Window2d window) {
        Objects.requireNonNull(x, "x");
        int[] s = x.shape();
        if (s.length != 4 || s[1] != window.channels() || s[2] != window.height() || s[3] != window.width()) {
            throw new IllegalArgumentException(op + " expects input of shape [batch, " + window.channels() + ", "
                    + window.height() + ", " + window.width() + "] (NCHW), got " + Shapes.toString(s));
        }
        return s[0];
    }
}
