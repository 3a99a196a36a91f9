package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nn.core.kernels.GemmTest.Problem;

/**
 * The products with few rows (the matrix-vector path of {@code VectorGemm}: m = 1 and 2) and with
 * narrow outputs (n = 10, 30: panels narrower than the register tile, read in place past the end
 * of their rows), against the double reference of {@link GemmTest}, for the active engine and the
 * plain-Java one; and their bits: the same on 1 and 2 threads, and a single row the same as that
 * row inside a bigger batch.
 */
class GemvTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static Stream<Arguments> cases() {
        int[] ms = {1, 2, 3, 4, 5, 10};
        int[] ns = {1, 5, 10, 15, 16, 17, 30, 31, 32, 33, 64, 100, 128, 129, 256, 300};
        int[] ks = {1, 7, 128, 256, 257, 784};
        List<Arguments> cases = new ArrayList<>();
        for (int m : ms) {
            for (int n : ns) {
                for (int k : ks) {
                    for (int t = 0; t < 4; t++) {
                        cases.add(Arguments.of(m, n, k, (t & 2) != 0, (t & 1) != 0));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("cases")
    void fewRowsAndNarrowColumnsMatchTheReference(int m, int n, int k, boolean transA, boolean transB) {
        GemmEngine java = new JavaGemm();
        for (boolean accumulate : new boolean[] {false, true}) {
            Problem p = new Problem(m, n, k, transA, transB, accumulate, 31L * m + 7L * n + k);
            Gemm.multiply(transA, transB, m, n, k, p.a, p.b, p.c, accumulate);
            p.assertMatchesReference("Gemm.multiply (" + Kernels.describe() + ")");
            Problem q = new Problem(m, n, k, transA, transB, accumulate, 31L * m + 7L * n + k);
            java.compute(transA, transB, m, n, k, q.a, 0, null, q.b, 0, q.c, 0, accumulate, 0, m, 0, n);
            q.assertMatchesReference("JavaGemm");
        }
    }

    @Test
    void offsetsAndExactlySizedArrays() {
        // B ends exactly where the matrix ends, so the last rows' wide reads must not run past it
        int[][] shapes = {{1, 10, 128}, {1, 30, 784}, {2, 30, 300}, {10, 30, 784}, {64, 10, 128}, {1, 1, 3},
            {1, 17, 5}, {3, 31, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 2) != 0;
                boolean transB = (t & 1) != 0;
                for (boolean accumulate : new boolean[] {false, true}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    Problem p = new Problem(m, n, k, transA, transB, accumulate, t);
                    float[] a = new float[p.a.length + 3];
                    System.arraycopy(p.a, 0, a, 3, p.a.length);
                    float[] b = new float[p.b.length + 5];
                    System.arraycopy(p.b, 0, b, 5, p.b.length);
                    float[] c = new float[p.c.length + 2];
                    java.util.Arrays.fill(c, -1f);
                    System.arraycopy(p.c, 0, c, 1, p.c.length);
                    Gemm.multiply(transA, transB, m, n, k, a, 3, b, 5, c, 1, accumulate);
                    assertEquals(-1f, c[0]);
                    assertEquals(-1f, c[c.length - 1]);
                    System.arraycopy(c, 1, p.c, 0, p.c.length);
                    p.assertMatchesReference("offsets");
                    Gemm.multiply(transA, transB, m, n, k, p.a, p.b, p.c, accumulate);
                }
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int[][] shapes = {{1, 256, 784}, {1, 1024, 2048}, {1, 1000, 1500}, {2, 1024, 1024}, {1, 10, 128},
            {10, 30, 784}, {784, 30, 10}, {64, 10, 128}, {128, 10, 64}, {64, 128, 10}, {3, 700, 900}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 2) != 0;
                boolean transB = (t & 1) != 0;
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem p = new Problem(s[0], s[1], s[2], transA, transB, accumulate, t);
                    float[] one = p.c.clone();
                    float[] two = p.c.clone();
                    Parallel.setThreads(1);
                    Gemm.multiply(transA, transB, s[0], s[1], s[2], p.a, p.b, one, accumulate);
                    Parallel.setThreads(2);
                    Gemm.multiply(transA, transB, s[0], s[1], s[2], p.a, p.b, two, accumulate);
                    assertArrayEquals(one, two, () -> "1 vs 2 threads, " + s[0] + "x" + s[1] + "x" + s[2]
                            + " transA=" + transA + " transB=" + transB);
                }
            }
        }
    }

    @Test
    void aSingleRowHasTheBitsOfThatRowInABatch() {
        // single-sample inference gives exactly what the same sample gives inside a mini-batch
        int[][] shapes = {{784, 256}, {256, 128}, {128, 10}, {784, 30}, {300, 1}, {600, 33}};
        int m = 16;
        for (int[] s : shapes) {
            int k = s[0];
            int n = s[1];
            for (boolean accumulate : new boolean[] {false, true}) {
                Problem p = new Problem(m, n, k, false, false, accumulate, k + n);
                float[] batch = p.c.clone();
                Gemm.multiply(false, false, m, n, k, p.a, p.b, batch, accumulate);
                for (int i : new int[] {0, 5, m - 1}) {
                    float[] row = java.util.Arrays.copyOfRange(p.c, i * n, (i + 1) * n);
                    Gemm.multiply(false, false, 1, n, k, p.a, i * k, p.b, 0, row, 0, accumulate);
                    float[] expected = java.util.Arrays.copyOfRange(batch, i * n, (i + 1) * n);
                    assertArrayEquals(expected, row, "row " + i + " of " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void aRowWithZerosHasTheBitsOfThatRowInABatch() {
        // a single row with zeros (pixels of a blank background, relu outputs) visits only the
        // rows of B its non-zeros need: the sums, block for block, are those of the full product.
        // Sums of one block and of several, and short ones (1 to 7 steps)
        int[][] shapes = {{784, 256}, {256, 128}, {300, 64}, {600, 33}, {1000, 16}, {40, 300},
            {257, 40}, {258, 17}, {259, 16}, {7, 20}, {5, 16}, {3, 16}, {2, 16}, {1, 16}};
        double[] zeroShares = {0.0, 0.2, 0.5, 0.9, 1.0};
        int m = 16;
        for (int[] s : shapes) {
            int k = s[0];
            int n = s[1];
            for (double share : zeroShares) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem p = new Problem(m, n, k, false, false, accumulate, k * 31L + n);
                    java.util.Random random = new java.util.Random(k + n);
                    for (int i = 0; i < m * k; i++) {
                        if (random.nextDouble() < share) {
                            p.a[i] = random.nextBoolean() ? 0f : -0f;
                        }
                    }
                    float[] batch = p.c.clone();
                    Gemm.multiply(false, false, m, n, k, p.a, p.b, batch, accumulate);
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        for (int i : new int[] {0, 7, m - 1}) {
                            float[] row = java.util.Arrays.copyOfRange(p.c, i * n, (i + 1) * n);
                            Gemm.multiply(false, false, 1, n, k, p.a, i * k, p.b, 0, row, 0, accumulate);
                            float[] expected = java.util.Arrays.copyOfRange(batch, i * n, (i + 1) * n);
                            String what = "row " + i + " of " + m + "x" + n + "x" + k + ", zeros " + share
                                    + ", accumulate " + accumulate + ", threads " + threads;
                            assertArrayEquals(expected, row, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aZeroInASingleRowAddsNothingFromItsRowOfBEvenAnInfinity() {
        // documented: a zero of a one-row A skips its row of B, so 0 * inf (NaN in the full
        // product) adds nothing; a NaN or an infinity in A itself still reaches C
        int k = 64;
        int n = 48;
        float[] a = new float[k];
        float[] b = new float[k * n];
        java.util.Random random = new java.util.Random(5);
        for (int p = 0; p < k; p++) {
            a[p] = p % 2 == 0 ? 0f : (float) random.nextGaussian();
            for (int j = 0; j < n; j++) {
                b[p * n + j] = (float) random.nextGaussian();
            }
        }
        float[] clean = new float[n];
        Gemm.multiply(false, false, 1, n, k, a, b, clean, false);
        b[10 * n + 3] = Float.POSITIVE_INFINITY; // row 10: a[10] is 0
        b[20 * n + 7] = Float.NaN;               // row 20: a[20] is 0
        float[] c = new float[n];
        Gemm.multiply(false, false, 1, n, k, a, b, c, false);
        if (Kernels.vectorized()) {
            assertArrayEquals(clean, c);
        }
        a[11] = Float.NaN;
        Gemm.multiply(false, false, 1, n, k, a, b, c, false);
        for (int j = 0; j < n; j++) {
            assertEquals(Float.NaN, c[j], "column " + j);
        }
    }
}
