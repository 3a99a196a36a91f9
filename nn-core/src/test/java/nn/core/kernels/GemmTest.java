package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast matrix multiply against a triple loop in double, on random and edge shapes, all four
 * transposes, writing and accumulating; for the active engine (the Vector API one when the module
 * is present) through {@link Gemm}, and for the plain-Java engine directly.
 *
 * <p>Tolerance: a float sum of {@code k} products plus one addition into C has, by the standard
 * bound (Higham, Accuracy and Stability of Numerical Algorithms, 3.1), an error of at most
 * {@code gamma_(k+2) (|C0| + sum_p |a_ip b_pj|)}, {@code gamma_n = n u / (1 - n u)},
 * {@code u = 2^-24}, whatever the order of the additions and with or without fused
 * multiply-adds. The reference itself, in double, is exact to far better than that.
 */
class GemmTest {

    private static final double U = Math.ulp(1f) / 2;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * {m, n, k}: tiny, primes, not multiples of the vector width, empty, several k blocks, the
     * MLP's, and A big enough to be packed (m x k >= 2^17: batch inference) with an odd block of
     * steps (785 = 3 x 197 + 194) and a last panel of fewer than 8 rows.
     */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 1, 5}, {3, 1, 1}, {1, 40, 2},
        {7, 13, 17}, {31, 37, 41}, {17, 33, 19}, {9, 31, 300}, {8, 32, 1}, {16, 16, 16},
        {13, 50, 600}, {40, 129, 257}, {12, 47, 29}, {10, 30, 784}, {4, 10, 30},
        {0, 5, 3}, {5, 0, 3}, {5, 3, 0}, {0, 0, 0},
        {64, 256, 784}, {784, 256, 64}, {64, 128, 256}, {256, 128, 64}, {64, 256, 128},
        {64, 10, 128}, {128, 10, 64}, {64, 128, 10}, {64, 784, 256},
        {300, 200, 100}, {333, 97, 61}, {203, 45, 785},
    };

    static Stream<Arguments> cases() {
        return casesOf(SHAPES);
    }

    /** Each shape {m, n, k} with all four transposes: arguments m, n, k, transA, transB. */
    static Stream<Arguments> casesOf(int[][] shapes) {
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                cases.add(Arguments.of(s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("cases")
    void activeEngineMatchesReference(int m, int n, int k, boolean transA, boolean transB) {
        for (boolean accumulate : new boolean[] {false, true}) {
            Problem p = new Problem(m, n, k, transA, transB, accumulate, 1000L * m + 100L * n + k);
            Gemm.multiply(transA, transB, m, n, k, p.a, p.b, p.c, accumulate);
            p.assertMatchesReference("Gemm.multiply (" + Kernels.describe() + ")");
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("cases")
    void plainJavaEngineMatchesReference(int m, int n, int k, boolean transA, boolean transB) {
        GemmEngine java = new JavaGemm();
        for (boolean accumulate : new boolean[] {false, true}) {
            Problem p = new Problem(m, n, k, transA, transB, accumulate, 7L * m + 3L * n + k);
            if (m > 0 && n > 0 && k > 0) {
                java.compute(transA, transB, m, n, k, p.a, 0, null, p.b, 0, p.c, 0, accumulate, 0, m, 0, n);
            } else {
                Gemm.multiply(transA, transB, m, n, k, p.a, p.b, p.c, accumulate);
            }
            p.assertMatchesReference("JavaGemm");
        }
    }

    @Test
    void theActiveEngineIsTheOneThisRunExpects() {
        // surefire sets nn.test.vector: true in the run with --add-modules jdk.incubator.vector,
        // false in the run without; elsewhere the engine must follow the module's presence
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean expected = Boolean.parseBoolean(System.getProperty("nn.test.vector", String.valueOf(present)));
        assertEquals(expected, Kernels.vectorized(), Kernels.describe());
        assertEquals(expected, Kernels.GEMM.getClass().getSimpleName().equals("VectorGemm"), Kernels.describe());
        assertEquals(expected, Kernels.ROWS.getClass().getSimpleName().equals("VectorRowKernels"), Kernels.describe());
    }

    @Test
    void offsetsSelectSubArrays() {
        int m = 19;
        int n = 45;
        int k = 23;
        for (int t = 0; t < 4; t++) {
            boolean transA = (t & 2) != 0;
            boolean transB = (t & 1) != 0;
            Problem p = new Problem(m, n, k, transA, transB, true, t);
            float[] a = shifted(p.a, 5);
            float[] b = shifted(p.b, 11);
            float[] c = shifted(p.c, 3);
            Gemm.multiply(transA, transB, m, n, k, a, 5, b, 11, c, 3, true);
            assertEquals(-1f, c[2], "the element before C is untouched");
            assertEquals(-1f, c[3 + m * n], "the element after C is untouched");
            System.arraycopy(c, 3, p.c, 0, m * n);
            p.assertMatchesReference("offsets");
        }
    }

    @Test
    void whatFollowsANarrowBInItsArrayNeverReachesC() {
        // narrow panels are packed by whole vectors that run on past the row; what they read
        // beyond the matrix (NaN here) may only meet columns of a tile that are dropped
        for (int n : new int[] {30, 13, 17, 1, 47}) {
            for (int m : new int[] {10, 8, 3, 64}) {
                Problem p = new Problem(m, n, 784, false, false, true, n * 100 + m);
                float[] b = java.util.Arrays.copyOf(p.b, p.b.length + 64);
                java.util.Arrays.fill(b, p.b.length, b.length, Float.NaN);
                Gemm.multiply(false, false, m, n, 784, p.a, 0, b, 0, p.c, 0, true);
                p.assertMatchesReference("B followed by NaN");
            }
        }
    }

    private static float[] shifted(float[] x, int offset) {
        float[] y = new float[x.length + offset + 1];
        java.util.Arrays.fill(y, -1f);
        System.arraycopy(x, 0, y, offset, x.length);
        return y;
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int[][] shapes = {{64, 256, 784}, {784, 256, 64}, {64, 256, 128}, {64, 784, 256}, {256, 128, 64},
            {333, 97, 61}, {100, 300, 700}, {37, 1000, 33}, {1000, 37, 33},
            // narrow outputs big enough to split: whole-vector stores and merges past a row's end
            {4096, 30, 10}, {2051, 10, 64}, {10, 30, 60000}, {4099, 13, 20},
            // A packed whole, rows cut into several parts per thread (8 or 12 parts of 600 rows),
            // B packed once for all of them; the last: two blocks of columns, a last panel of 6
            {600, 64, 300}, {203, 45, 785}, {150, 1030, 900},
            // sums split into blocks between threads: 4 blocks of 250, 3 of 171, 8 of 250
            {13, 40, 1000}, {20, 64, 513}, {64, 33, 2000}};
        for (int[] s : shapes) {
            for (int t = 0; t < 8; t++) {
                boolean transA = (t & 2) != 0;
                boolean transB = (t & 1) != 0;
                boolean accumulate = (t & 4) == 0;
                Problem p = new Problem(s[0], s[1], s[2], transA, transB, accumulate, t);
                float[] one = p.c.clone();
                float[] two = p.c.clone();
                Parallel.setThreads(1);
                Gemm.multiply(transA, transB, s[0], s[1], s[2], p.a, p.b, one, accumulate);
                Parallel.setThreads(2);
                Gemm.multiply(transA, transB, s[0], s[1], s[2], p.a, p.b, two, accumulate);
                assertArrayEquals(one, two, () -> "1 vs 2 threads, " + s[0] + "x" + s[1] + "x" + s[2]
                        + " transA=" + transA + " transB=" + transB + " accumulate=" + accumulate);
                float[] three = p.c.clone();
                Parallel.setThreads(3);
                Gemm.multiply(transA, transB, s[0], s[1], s[2], p.a, p.b, three, accumulate);
                assertArrayEquals(one, three, () -> "1 vs 3 threads, " + s[0] + "x" + s[1] + "x" + s[2]
                        + " transA=" + transA + " transB=" + transB + " accumulate=" + accumulate);
                if (s[1] < 32) {
                    System.arraycopy(two, 0, p.c, 0, two.length);
                    p.assertMatchesReference("2 threads");
                }
            }
        }
    }

    @Test
    void bigProductsRunOnTheWorkersToo() {
        Parallel.setThreads(2);
        Problem p = new Problem(512, 512, 512, false, false, false, 1);
        long before = Parallel.partsRunByWorkers();
        for (int i = 0; i < 20 && Parallel.partsRunByWorkers() == before; i++) {
            Gemm.multiply(false, false, 512, 512, 512, p.a, p.b, p.c, false);
        }
        assertTrue(Parallel.partsRunByWorkers() > before, "no part of 20 products of 512^3 ran on a worker");
        p.assertMatchesReference("512^3 on 2 threads");
    }

    @Test
    void wrongSizesAreRejectedWithTheirNumbers() {
        float[] small = new float[5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(false, false, 2, 3, 4, small, new float[12], new float[6], false));
        assertTrue(e.getMessage().contains("A needs 8 elements (2 x 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(false, false, -1, 3, 4, small, small, small, false));
        assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
    }

    /** A random product and its reference in double. */
    static final class Problem {
        final int m;
        final int n;
        final int k;
        final boolean transA;
        final boolean transB;
        final boolean accumulate;
        final float[] a;
        final float[] b;
        final float[] c;
        final float[] c0;

        Problem(int m, int n, int k, boolean transA, boolean transB, boolean accumulate, long seed) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
            this.accumulate = accumulate;
            Random random = new Random(seed);
            a = gaussian(random, m * k);
            b = gaussian(random, k * n);
            c = gaussian(random, m * n);
            c0 = c.clone();
        }

        void assertMatchesReference(String what) {
            double gamma = (k + 2) * U / (1 - (k + 2) * U);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double start = accumulate ? c0[i * n + j] : 0;
                    double exact = start;
                    double magnitude = Math.abs(start);
                    for (int p = 0; p < k; p++) {
                        double x = (double) (transA ? a[p * m + i] : a[i * k + p])
                                * (transB ? b[j * k + p] : b[p * n + j]);
                        exact += x;
                        magnitude += Math.abs(x);
                    }
                    double error = Math.abs(c[i * n + j] - exact);
                    if (!(error <= gamma * magnitude)) {
                        fail(what + ": " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                                + " accumulate=" + accumulate + ": C[" + i + ", " + j + "] = " + c[i * n + j]
                                + ", reference " + exact + ", error " + error + " > bound " + gamma * magnitude);
                    }
                }
            }
        }

        private static float[] gaussian(Random random, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) random.nextGaussian();
            }
            return x;
        }
    }
}
