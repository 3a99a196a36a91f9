package nn.core.graph;

import nn.core.kernels.Gemm;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/** {@code C = A . B} for {@code A [n, k]}, {@code B [k, m]}; backward {@code dA += dC . B^T}, {@code dB += A^T . dC}. */
final class MatMul extends Node {

    private final int n;
    private final int k;
    private final int m;

    MatMul(Node a, Node b) {
        super(Tensor.zeros(check(a, b), b.value.dim(1)), a, b);
        n = a.value.dim(0);
        k = a.value.dim(1);
        m = b.value.dim(1);
        forward();
    }

    @Override
    void forward() {
        if (operand(0) instanceof RowSelection rows) {
            Gemm.multiplyRows(false, false, n, m, k, rows.source(), rows.offsets(), operand(1).value.data(),
                    value.data(), false);
        } else {
            Gemm.multiply(false, false, n, m, k, operand(0).value.data(), operand(1).value.data(), value.data(),
                    false);
        }
    }

    /** A selection of rows on the left is read where its rows lie, forward and backward. */
    @Override
    boolean readsRowsInPlace(int i) {
        return i == 0;
    }

    private static int check(Node a, Node b) {
        if (a.value.rank() != 2 || b.value.rank() != 2) {
            throw new IllegalArgumentException("matmul needs two matrices, got shapes "
                    + Shapes.toString(a.shape()) + " and " + Shapes.toString(b.shape()));
        }
        if (a.value.dim(1) != b.value.dim(0)) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.toString(a.shape())
                    + " by " + Shapes.toString(b.shape()) + ": inner dimensions " + a.value.dim(1)
                    + " and " + b.value.dim(0) + " differ");
        }
        return a.value.dim(0);
    }

    @Override
    void propagate() {
        Node a = inputs[0];
        Node b = inputs[1];
        float[] g = grad.data();
        // a gradient that holds nothing of this pass yet is stored, not added to (no zeroing pass)
        if (a.requiresGrad()) {
            boolean add = !a.gradOverwritable();
            Gemm.multiply(false, true, n, k, m, g, b.value.data(), a.grad.data(), add);
        }
        if (b.requiresGrad()) {
            boolean add = !b.gradOverwritable();
            if (operand(0) instanceof RowSelection rows) {
                Gemm.multiplyRows(true, false, k, m, n, rows.source(), rows.offsets(), g, b.grad.data(), add);
            } else {
                Gemm.multiply(true, false, k, m, n, a.value.data(), g, b.grad.data(), add);
            }
        }
    }
}
