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
        Gemm.multiply(false, false, n, m, k, operand(0).value.data(), operand(1).value.data(), value.data(), false);
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
            Gemm.multiply(true, false, k, m, n, a.value.data(), g, b.grad.data(), add);
        }
    }
}
