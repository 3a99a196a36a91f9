package nn.api;

/**
 * Base class for an activation that maps a whole row to a row, such as softmax, where each
 * output depends on every input of its row.
 *
 * <p>A subclass states the function with {@link #applyRow} and its vector-Jacobian product with
 * {@link #backwardRow}, both in double precision. The bulk {@code float} methods default to
 * those, one row at a time through double buffers; a subclass overrides them for speed.
 * There is no scalar function: {@link #apply(double)} and {@link #derivative(double)} throw.
 *
 * <p>Implementations must be stateless and thread-safe, as every {@link Activation}.
 */
public abstract class RowActivation implements Activation {

    @Override
    public final boolean isElementwise() {
        return false;
    }

    /** Always throws: a row activation has no value at a single number. */
    @Override
    public final double apply(double x) {
        throw new UnsupportedOperationException(name() + " is not element-wise: it maps a whole row;"
                + " call applyRow(double[], double[]) or forward(...) over rows");
    }

    /** Always throws: a row activation has a Jacobian per row, not a derivative per number. */
    @Override
    public final double derivative(double x) {
        throw new UnsupportedOperationException(name() + " is not element-wise: its Jacobian couples a"
                + " whole row; call backwardRow(...) or backward(...) over rows");
    }

    @Override
    public abstract void applyRow(double[] x, double[] y);

    @Override
    public abstract void backwardRow(double[] x, double[] y, double[] gradY, double[] gradX);

    /** The default implementation calls {@link #applyRow} on each row in double precision. */
    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        checkRows(offset, length, rowLength);
        double[] in = new double[rowLength];
        double[] out = new double[rowLength];
        for (int row = offset; row < offset + length; row += rowLength) {
            for (int j = 0; j < rowLength; j++) {
                in[j] = x[row + j];
            }
            applyRow(in, out);
            for (int j = 0; j < rowLength; j++) {
                y[row + j] = (float) out[j];
            }
        }
    }

    /** The default implementation calls {@link #backwardRow} on each row in double precision. */
    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        checkRows(offset, length, rowLength);
        double[] in = new double[rowLength];
        double[] out = new double[rowLength];
        double[] gOut = new double[rowLength];
        double[] gIn = new double[rowLength];
        for (int row = offset; row < offset + length; row += rowLength) {
            for (int j = 0; j < rowLength; j++) {
                in[j] = x[row + j];
                out[j] = y[row + j];
                gOut[j] = gradY[row + j];
            }
            backwardRow(in, out, gOut, gIn);
            for (int j = 0; j < rowLength; j++) {
                gradX[row + j] += (float) gIn[j];
            }
        }
    }

    /**
     * Checks that a block covers whole rows.
     *
     * @throws IllegalArgumentException naming this activation if it does not
     */
    protected final void checkRows(int offset, int length, int rowLength) {
        if (rowLength <= 0 || length % rowLength != 0 || offset < 0) {
            throw new IllegalArgumentException(name() + " works on whole rows: a block of " + length
                    + " numbers at offset " + offset + " is not a whole number of rows of " + rowLength);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
