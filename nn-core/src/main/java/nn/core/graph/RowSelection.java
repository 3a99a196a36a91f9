package nn.core.graph;

import java.util.Objects;
import nn.core.kernels.Elementwise;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * A leaf holding rows of a source matrix picked by an index: a training batch drawn from a data
 * set. A matrix product with it on the left ({@code x . W}, a dense layer's, and in the backward
 * pass the weight gradient {@code x^T . dY}) reads the rows where they lie in the source
 * ({@link nn.core.kernels.Gemm#multiplyRows}), with the bits of the same product on a copy. The
 * rows are copied into this node's own tensor only when something reads that: {@link #value()},
 * or any other operation made from this node, after which every selection is copied at once.
 * So the training step of a network whose input goes straight into a dense layer copies no
 * batch, and the product's reads of the batch's scattered rows overlap its arithmetic (a copy
 * first waits for them).
 *
 * <p>No gradient flows into it, as for {@link Node#constant}. The source must stay unchanged
 * while a graph reads the selection.
 *
 * <p>Not thread-safe: like the graph it feeds, it belongs to one thread.
 */
public final class RowSelection extends Node {

    private final int rows;
    private final int cols;
    /** Which rows of the source are selected. */
    private final int[] selected;
    /** Where the selected rows are: {@code offsets[r]} is the start of row r in {@link #source}. */
    private final int[] offsets;
    private float[] source;
    /** Whether {@link #value} holds the selected rows. */
    private boolean copied = true;
    /** Whether an operation reading this node's tensor was made from it: selections are then copied at once. */
    private boolean copyEagerly;

    private RowSelection(int rows, int cols) {
        super(Tensor.zeros(rows, cols), false);
        this.rows = rows;
        this.cols = cols;
        this.selected = new int[rows];
        this.offsets = new int[rows];
        pointAtOwnTensor();
    }

    private void pointAtOwnTensor() {
        source = value.data();
        for (int r = 0; r < rows; r++) {
            selected[r] = r;
            offsets[r] = r * cols;
        }
        copied = true;
    }

    /**
     * A selection of {@code rows} rows of {@code cols} columns, all zeros until the first
     * {@link #select}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static RowSelection of(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a row selection needs at least one row and one column, got "
                    + rows + " x " + cols);
        }
        return new RowSelection(rows, cols);
    }

    /** The number of rows selected at a time. */
    public int rows() {
        return rows;
    }

    /** The number of columns of each row. */
    public int cols() {
        return cols;
    }

    /**
     * Selects rows {@code index[from], index[from + 1], ...} of {@code source}, as many as this
     * selection has.
     *
     * @throws IllegalArgumentException if the source is not a matrix with this selection's
     *                                  columns, the index has too few entries from {@code from},
     *                                  or one of them is not a row of the source
     */
    public void select(Tensor source, int[] index, int from) {
        checkSource(source);
        Objects.requireNonNull(index, "index");
        if (from < 0 || (long) from + rows > index.length) {
            throw new IllegalArgumentException("selecting " + rows + " rows from position " + from
                    + " of an index of " + index.length + " entries");
        }
        int sourceRows = source.rows();
        for (int r = 0; r < rows; r++) {
            int row = index[from + r];
            if (row < 0 || row >= sourceRows) {
                throw new IllegalArgumentException("index[" + (from + r) + "] = " + row + " is not a row of the source,"
                        + " which has " + sourceRows + " rows");
            }
            selected[r] = row;
            offsets[r] = row * cols;
        }
        selected(source);
    }

    /**
     * Selects the consecutive rows {@code from, from + 1, ...} of {@code source}, as many as
     * this selection has; a source of one row may also be a vector.
     *
     * @throws IllegalArgumentException if the source is not a matrix (or vector) with this
     *                                  selection's columns or has too few rows from {@code from}
     */
    public void selectRange(Tensor source, int from) {
        checkSource(source);
        if (from < 0 || (long) from + rows > source.rows()) {
            throw new IllegalArgumentException("selecting rows " + from + " to " + ((long) from + rows - 1)
                    + " of a source of " + source.rows() + " rows");
        }
        for (int r = 0; r < rows; r++) {
            selected[r] = from + r;
            offsets[r] = (from + r) * cols;
        }
        selected(source);
    }

    private void checkSource(Tensor source) {
        Objects.requireNonNull(source, "source");
        if (source.rank() < 1 || source.rank() > 2 || source.cols() != cols) {
            throw new IllegalArgumentException("a selection of rows of " + cols + " columns cannot come from a source"
                    + " of shape " + Shapes.toString(source.shape()) + "; expected [n, " + cols + "]");
        }
    }

    private void selected(Tensor source) {
        this.source = source.data();
        copied = false;
        if (copyEagerly) {
            copy();
        }
    }

    /** The selected rows, copied into this node's tensor if they are not there yet. */
    @Override
    public Tensor value() {
        if (!copied) {
            copy();
        }
        return value;
    }

    private void copy() {
        if (source != value.data()) {
            Elementwise.gatherRows(source, cols, selected, 0, rows, value.data());
        }
        copied = true;
    }

    /**
     * Copies the selected rows into this node's own tensor and lets go of the source, so that a
     * selection kept after training does not keep its data set alive; until the next
     * {@link #select}, the node reads its own tensor.
     */
    public void release() {
        value();
        pointAtOwnTensor();
    }

    /** The array the selected rows lie in. */
    float[] source() {
        return source;
    }

    /** The offsets of the selected rows in {@link #source()}. */
    int[] offsets() {
        return offsets;
    }

    /** An operation reading this node's tensor itself was made from it: copy every selection from now on. */
    void readsTensor() {
        copyEagerly = true;
        value();
    }

    @Override
    void forward() {
        // a leaf: its rows are chosen from outside, with select
    }

    @Override
    void propagate() {
        // no gradient flows into data
    }

    @Override
    String op() {
        return "rows";
    }
}
