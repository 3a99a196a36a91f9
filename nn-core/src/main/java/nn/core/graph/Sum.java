package nn.core.graph;

import nn.core.kernels.Reductions;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * {@code scale} times the sum of all elements ({@code axis = -1}, shape {@code [1, 1]}) or
 * along axis 0 ({@code [1, cols]}) or 1 ({@code [rows, 1]}) of a matrix; a mean is a sum with
 * {@code scale = 1 / count}. Backward spreads {@code scale * g} back over the summed elements.
 */
final class Sum extends Node {

    private final int axis;
    private final float scale;
    private final int rows;
    private final int cols;

    Sum(Node x, int axis, double scale) {
        super(Tensor.zeros(outShape(x, axis)), x);
        this.axis = axis;
        this.scale = (float) scale;
        this.rows = axis < 0 ? 1 : x.value.rows();
        this.cols = axis < 0 ? x.value.size() : x.value.cols();
        forward();
    }

    @Override
    void forward() {
        float[] in = operand(0).value.data();
        if (axis < 0) {
            value.data()[0] = (float) (Reductions.sum(in, in.length) * scale);
        } else if (axis == 0) {
            Reductions.sumRows(in, value.data(), rows, cols, scale);
        } else {
            Reductions.sumCols(in, value.data(), rows, cols, scale);
        }
    }

    static int checkAxis(Node x, int axis) {
        if (x.value.rank() != 2 || (axis != 0 && axis != 1)) {
            throw new IllegalArgumentException("sum/mean along an axis needs a matrix and axis 0 or 1; got axis "
                    + axis + " of shape " + Shapes.toString(x.shape()));
        }
        return axis;
    }

    private static int[] outShape(Node x, int axis) {
        if (axis < 0) {
            return new int[] {1, 1};
        }
        return axis == 0 ? new int[] {1, x.value.cols()} : new int[] {x.value.rows(), 1};
    }

    @Override
    String op() {
        return axis < 0 ? "sum" : "sum(axis=" + axis + ")";
    }

    @Override
    void propagate() {
        Reductions.spreadInto(grad.data(), inputs[0].gradBuffer().data(), rows, cols, axis, scale);
    }
}
