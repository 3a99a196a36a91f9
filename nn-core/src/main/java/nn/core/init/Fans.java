package nn.core.init;

/**
 * The fan-in and fan-out of a parameter's shape, which the variance-scaling initializers
 * (Glorot, He, LeCun) divide by.
 * <ul>
 *   <li>rank 0: both 1;</li>
 *   <li>rank 1 (a bias or a row of {@code n}): fan-in 1, fan-out {@code n};</li>
 *   <li>rank 2, nn's weight layout {@code [in, out]}: fan-in {@code in}, fan-out {@code out};</li>
 *   <li>rank 3 and more, PyTorch's convolution layout {@code [out, in, k1, k2, ...]} with
 *       PyTorch's receptive-field rule: with {@code r = k1 * k2 * ...}, fan-in {@code in * r} and
 *       fan-out {@code out * r}.</li>
 * </ul>
 * A layer that keeps a convolution kernel as a matrix should initialize it with its shape written
 * fan-in first, {@code [inChannels * kh * kw, outChannels]}, or as the rank-4
 * {@code [outChannels, inChannels, kh, kw]}; a matrix {@code [outChannels, inChannels * kh * kw]}
 * would read as {@code [in, out]} and get its fans swapped. Zero dimensions count as 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fans {

    private Fans() {
    }

    /** The fan-in of a parameter of this shape. */
    public static int fanIn(int[] shape) {
        return switch (shape.length) {
            case 0, 1 -> 1;
            case 2 -> Math.max(1, shape[0]);
            default -> Math.max(1, shape[1] * receptiveField(shape));
        };
    }

    /** The fan-out of a parameter of this shape. */
    public static int fanOut(int[] shape) {
        return switch (shape.length) {
            case 0 -> 1;
            case 1 -> Math.max(1, shape[0]);
            case 2 -> Math.max(1, shape[1]);
            default -> Math.max(1, shape[0] * receptiveField(shape));
        };
    }

    private static int receptiveField(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }
}
