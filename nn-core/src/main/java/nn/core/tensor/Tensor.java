package nn.core.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor: a shape and the elements behind it in row-major order.
 *
 * <p>A tensor is a plain container. It owns one {@code float[]} and never copies it behind the
 * caller's back; {@link #data()} hands out that live array so kernels can work on it in place.
 * Most of nn works on matrices of shape {@code [rows, cols]}, one row per sample, as the
 * tutorial does.
 *
 * <p>Not thread-safe: a tensor that several threads write needs outside synchronisation.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] data;

    private Tensor(float[] data, int[] shape) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * A tensor over {@code data} (not copied) with the given shape.
     *
     * @throws IllegalArgumentException if a dimension is negative or the sizes differ
     */
    public static Tensor of(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = shape.clone();
        long size = Shapes.size(s);
        checkArgument(size == data.length,
                "shape %s needs %s elements, got %s", Shapes.toString(s), size, data.length);
        return new Tensor(data, s);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        long size = Shapes.size(shape);
        checkArgument(size <= Integer.MAX_VALUE - 8, "shape %s is too large: %s elements",
                Shapes.toString(shape), size);
        return new Tensor(new float[(int) size], shape.clone());
    }

    /** A 1-D tensor of shape {@code [values.length]}, copying the values. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A scalar of shape {@code [1, 1]}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[] {1, 1});
    }

    /**
     * A matrix of shape {@code [rows.length, cols]} copied from rows of equal length.
     *
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor matrix(float[]... rows) {
        checkArgument(rows.length > 0, "a matrix needs at least one row");
        int cols = rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkArgument(rows[r].length == cols,
                    "row %s has %s columns, but row 0 has %s", r, rows[r].length, cols);
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A matrix of shape {@code [rows.length, cols]} from double rows, rounded to float. */
    public static Tensor matrix(double[]... rows) {
        checkArgument(rows.length > 0, "a matrix needs at least one row");
        int cols = rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkArgument(rows[r].length == cols,
                    "row %s has %s columns, but row 0 has %s", r, rows[r].length, cols);
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = (float) rows[r][c];
            }
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** The shape, as a copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** Rows of a matrix; the product of all but the last dimension for other ranks. */
    public int rows() {
        return shape.length == 0 ? 1 : data.length / Math.max(1, cols());
    }

    /** Columns of a matrix: the last dimension (1 for a scalar of rank 0). */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** The live array of elements, row-major: writes go into this tensor. */
    public float[] data() {
        return data;
    }

    /**
     * The element at {@code (row, col)} of a matrix.
     *
     * @throws IndexOutOfBoundsException naming the index and the shape, if it is outside
     *                                   {@code [rows(), cols()]}
     */
    public float get(int row, int col) {
        return data[index(row, col)];
    }

    /**
     * Sets the element at {@code (row, col)} of a matrix.
     *
     * @throws IndexOutOfBoundsException naming the index and the shape, if it is outside
     *                                   {@code [rows(), cols()]}
     */
    public void set(int row, int col, float value) {
        data[index(row, col)] = value;
    }

    private int index(int row, int col) {
        int cols = cols();
        if (row < 0 || row >= rows() || col < 0 || col >= cols) {
            String asMatrix = shape.length == 2 ? "" : ", read as " + rows() + " rows of " + cols + " columns";
            throw new IndexOutOfBoundsException("index (" + row + ", " + col + ") is outside a tensor of shape "
                    + Shapes.toString(shape) + asMatrix);
        }
        return row * cols + col;
    }

    /** The single element of a tensor of size 1. */
    public float item() {
        checkArgument(data.length == 1, "item() needs a tensor of one element, got shape %s",
                Shapes.toString(shape));
        return data[0];
    }

    /** A copy with its own array. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** The same array seen with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        checkArgument(Shapes.size(newShape) == data.length, "cannot reshape %s (%s elements) to %s",
                Shapes.toString(shape), data.length, Shapes.toString(newShape));
        return new Tensor(data, newShape.clone());
    }

    /** Rows {@code [from, to)} of a matrix, copied. */
    public Tensor sliceRows(int from, int to) {
        checkArgument(0 <= from && from <= to && to <= rows(),
                "rows [%s, %s) are outside a tensor of shape %s", from, to, Shapes.toString(shape));
        int cols = cols();
        return new Tensor(Arrays.copyOfRange(data, from * cols, to * cols), new int[] {to - from, cols});
    }

    /** Fills every element with {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, value);
    }

    /** The elements as rows of doubles: handy for tests and printing. */
    public double[][] toDoubleRows() {
        int rows = rows();
        int cols = cols();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = data[r * cols + c];
            }
        }
        return out;
    }

    /** Whether shapes and elements are equal bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** The shape and, for small tensors, the elements. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.toString(shape));
        if (data.length <= 64) {
            sb.append(' ').append(Arrays.toString(data));
        }
        return sb.toString();
    }
}
