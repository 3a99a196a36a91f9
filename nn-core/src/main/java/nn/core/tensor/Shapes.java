package nn.core.tensor;

import java.util.Arrays;

/**
 * Small helpers for shapes: sizes and how they print in messages ({@code [32, 10]}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * The number of elements of a shape.
     *
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static long size(int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + toString(shape) + " has a negative dimension");
            }
            size *= d;
        }
        return size;
    }

    /** The shape as it appears in messages, such as {@code [32, 10]}. */
    public static String toString(int... shape) {
        return Arrays.toString(shape);
    }
}
