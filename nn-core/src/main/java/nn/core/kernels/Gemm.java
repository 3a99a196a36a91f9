package nn.core.kernels;

/**
 * General matrix multiply over row-major float arrays:
 * {@code C = op(A) . op(B)} or {@code C += op(A) . op(B)}, where {@code op} is the identity or the
 * transpose. The backward pass of a matrix product needs both transposes, so they are kernels
 * of their own rather than copies.
 *
 * <p>Each output element is a sum over {@code p = 0 .. k-1} in increasing order, so results do
 * not depend on how rows are split among threads.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code C[m x n] (+)= op(A)[m x k] . op(B)[k x n]}.
     *
     * @param transA     whether {@code A} is stored as {@code [k, m]} and used transposed
     * @param transB     whether {@code B} is stored as {@code [n, k]} and used transposed
     * @param accumulate add into {@code C} rather than overwrite it
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, float[] b, float[] c, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
        }
        if (!transA && !transB) {
            multiplyNN(m, n, k, a, b, c);
        } else if (transA && !transB) {
            multiplyTN(m, n, k, a, b, c);
        } else if (!transA) {
            multiplyNT(m, n, k, a, b, c);
        } else {
            multiplyTT(m, n, k, a, b, c);
        }
    }

    /** C += A . B with A [m, k], B [k, n]: row i of C gathers rows of B scaled by A[i, p]. */
    private static void multiplyNN(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                if (aip == 0f) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** C += A^T . B with A stored [k, m], B [k, n]. */
    private static void multiplyTN(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float api = a[p * m + i];
                if (api == 0f) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /** C += A . B^T with A [m, k], B stored [n, k]: each element is a dot product of two rows. */
    private static void multiplyNT(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[ai + p] * b[bj + p];
                }
                c[i * n + j] += sum;
            }
        }
    }

    /** C += A^T . B^T with A stored [k, m], B stored [n, k]. */
    private static void multiplyTT(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[p * m + i] * b[bj + p];
                }
                c[i * n + j] += sum;
            }
        }
    }
}
