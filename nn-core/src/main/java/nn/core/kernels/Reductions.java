package nn.core.kernels;

/**
 * Sums over all elements and along the axes of a row-major {@code rows x cols} matrix. Sums are
 * accumulated in double, in a fixed order, so results do not depend on threading.
 */
public final class Reductions {

    private Reductions() {
    }

    /** The sum of the first {@code n} elements, accumulated in double. */
    public static double sum(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    /** {@code out[j] = scale * sum over rows of a[r, j]}: the sum along axis 0, one row wide. */
    public static void sumRows(float[] a, float[] out, int rows, int cols, double scale) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[r * cols + j];
            }
            out[j] = (float) (s * scale);
        }
    }

    /** {@code out[r] = scale * sum over columns of a[r, j]}: the sum along axis 1, one column wide. */
    public static void sumCols(float[] a, float[] out, int rows, int cols, double scale) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                s += a[row + j];
            }
            out[r] = (float) (s * scale);
        }
    }

    /**
     * {@code dst[r, j] += scale * g[...]}, spreading a reduced gradient back over the matrix:
     * {@code g} is one value ({@code axis = -1}), one row ({@code axis = 0}) or one column
     * ({@code axis = 1}).
     */
    public static void spreadInto(float[] g, float[] dst, int rows, int cols, int axis, float scale) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                float gv = axis < 0 ? g[0] : axis == 0 ? g[j] : g[r];
                dst[row + j] += scale * gv;
            }
        }
    }

    /** {@code dst[j, i] += src[i, j]}: adds the transpose of a {@code rows x cols} matrix. */
    public static void addTransposedInto(float[] src, float[] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] += src[i * cols + j];
            }
        }
    }

    /** {@code dst[j, i] = src[i, j]}: writes the transpose of a {@code rows x cols} matrix. */
    public static void transpose(float[] src, float[] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[i * cols + j];
            }
        }
    }
}
