package nn.core.graph;

import java.util.Arrays;
import java.util.Locale;
import nn.core.kernels.Elementwise;
import nn.core.kernels.Elementwise.Op;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Element-wise {@code add, subtract, multiply, divide} of two tensors of one shape, or of a
 * matrix {@code [rows, cols]} and a row {@code [1, cols]} broadcast over its rows (a bias).
 * Backward, with {@code g} the output's gradient and sums over rows for a broadcast operand:
 * add {@code da += g, db += g}; subtract {@code da += g, db -= g}; multiply {@code da += g b, db += g a};
 * divide {@code da += g / b, db -= g (a / b) / b}.
 */
final class Binary extends Node {

    private final Op op;
    private final boolean broadcast;
    private final int rows;
    private final int cols;

    Binary(Op op, Node a, Node b) {
        super(Tensor.zeros(a.value.shape()), a, b);
        this.op = op;
        this.broadcast = broadcasts(op, a, b);
        this.rows = a.value.rows();
        this.cols = a.value.cols();
        forward();
    }

    @Override
    void forward() {
        Elementwise.binary(op, operand(0).value.data(), operand(1).value.data(), value.data(), rows, cols, broadcast);
    }

    private static boolean broadcasts(Op op, Node a, Node b) {
        int[] sa = a.value.shape();
        int[] sb = b.value.shape();
        if (Arrays.equals(sa, sb)) {
            return false;
        }
        if (sa.length == 2 && sb.length == 2 && sb[0] == 1 && sb[1] == sa[1]) {
            return true;
        }
        throw new IllegalArgumentException(op.name().toLowerCase(Locale.ROOT) + ": shapes " + Shapes.toString(sa)
                + " and " + Shapes.toString(sb) + " do not match; the second operand must have the same shape"
                + " or be one row [1, " + (sa.length == 2 ? sa[1] : "cols") + "] to broadcast over the rows");
    }

    @Override
    String op() {
        return op.name().toLowerCase(Locale.ROOT);
    }

    @Override
    void propagate() {
        Node a = inputs[0];
        Node b = inputs[1];
        float[] g = grad.data();
        switch (op) {
            case ADD, SUBTRACT -> {
                if (a.requiresGrad()) {
                    Elementwise.addScaledInto(g, 1f, a.gradBuffer().data(), rows * cols);
                }
                if (b.requiresGrad()) {
                    Elementwise.addScaledInto(g, op == Op.ADD ? 1f : -1f, b.gradBuffer().data(), rows, cols, broadcast);
                }
            }
            case MULTIPLY -> {
                if (a.requiresGrad()) {
                    Elementwise.multiplyInto(g, b.value.data(), 1f, a.gradBuffer().data(), rows, cols, broadcast, false);
                }
                if (b.requiresGrad()) {
                    Elementwise.multiplyInto(g, a.value.data(), 1f, b.gradBuffer().data(), rows, cols, false, broadcast);
                }
            }
            case DIVIDE -> {
                if (a.requiresGrad()) {
                    Elementwise.divideInto(g, b.value.data(), a.gradBuffer().data(), rows, cols, broadcast);
                }
                if (b.requiresGrad()) {
                    Elementwise.quotientDenominatorInto(g, value.data(), b.value.data(), b.gradBuffer().data(),
                            rows, cols, broadcast);
                }
            }
        }
    }
}
