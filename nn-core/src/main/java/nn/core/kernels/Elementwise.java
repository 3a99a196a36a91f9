package nn.core.kernels;

/**
 * Element-wise arithmetic over row-major matrices of {@code rows x cols} elements.
 *
 * <p>A second operand {@code b} is either of the same size or, when {@code broadcast} is true,
 * one row of {@code cols} elements applied to every row (a bias). Forward kernels write
 * {@code out}; kernels named {@code ...Into} add into their destination.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /** The arithmetic of a binary kernel. */
    public enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE }

    /** {@code out = a OP b}, with {@code b} broadcast over rows if asked. */
    public static void binary(Op op, float[] a, float[] b, float[] out, int rows, int cols, boolean broadcast) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int bRow = broadcast ? 0 : row;
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] + b[bRow + j];
                    }
                }
                case SUBTRACT -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] - b[bRow + j];
                    }
                }
                case MULTIPLY -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] * b[bRow + j];
                    }
                }
                case DIVIDE -> {
                    for (int j = 0; j < cols; j++) {
                        out[row + j] = a[row + j] / b[bRow + j];
                    }
                }
            }
        }
    }

    /** {@code dst += scale * src}, element by element over {@code n} elements. */
    public static void addScaledInto(float[] src, float scale, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] += scale * src[i];
        }
    }

    /**
     * {@code dst += scale * src} where {@code dst} is a matrix of the same size, or one row that
     * receives the sum over the rows of {@code src} when {@code broadcast} is true: the gradient
     * of a broadcast operand.
     */
    public static void addScaledInto(float[] src, float scale, float[] dst, int rows, int cols, boolean broadcast) {
        if (!broadcast) {
            addScaledInto(src, scale, dst, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[j] += scale * src[row + j];
            }
        }
    }

    /**
     * {@code dst += scale * g * m}, where {@code m} has the shape of {@code g} or is one broadcast
     * row ({@code broadcastM}), and {@code dst} has the shape of {@code g} or is one row that
     * receives the sum over rows ({@code broadcastDst}). The gradient of a product.
     */
    public static void multiplyInto(float[] g, float[] m, float scale, float[] dst, int rows, int cols,
                                    boolean broadcastM, boolean broadcastDst) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int mRow = broadcastM ? 0 : row;
            int dRow = broadcastDst ? 0 : row;
            for (int j = 0; j < cols; j++) {
                dst[dRow + j] += scale * g[row + j] * m[mRow + j];
            }
        }
    }

    /**
     * {@code dst += g / d}, with {@code d} broadcast as in {@link #multiplyInto}: the gradient of a
     * quotient with respect to its numerator.
     */
    public static void divideInto(float[] g, float[] d, float[] dst, int rows, int cols, boolean broadcastD) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int dRow = broadcastD ? 0 : row;
            for (int j = 0; j < cols; j++) {
                dst[row + j] += g[row + j] / d[dRow + j];
            }
        }
    }

    /**
     * {@code dst -= g * q / d}, the gradient of a quotient {@code q = n / d} with respect to its
     * denominator, summed over rows into one row when {@code broadcastD} is true.
     */
    public static void quotientDenominatorInto(float[] g, float[] q, float[] d, float[] dst,
                                               int rows, int cols, boolean broadcastD) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int dRow = broadcastD ? 0 : row;
            for (int j = 0; j < cols; j++) {
                dst[dRow + j] -= g[row + j] * q[row + j] / d[dRow + j];
            }
        }
    }

    /** {@code out = scale * a + shift} over {@code n} elements. */
    public static void affine(float[] a, float scale, float shift, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = scale * a[i] + shift;
        }
    }

    /** {@code out = exp(a)} over {@code n} elements. */
    public static void exp(float[] a, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.exp(a[i]);
        }
    }

    /** {@code out = log(a)} over {@code n} elements. */
    public static void log(float[] a, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(a[i]);
        }
    }
}
