package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bits of the Vector API engine's products with few rows of C (3 to 12: the register tiles of
 * {@code smallRows}, 8, 10 or 12 rows) and of its weight gradients, whose sum of at most
 * {@code KC} steps is one block: each element is the chain of fused multiply-adds over the whole
 * sum from 0, in increasing p, then stored or added into C, exactly, including zeros of either
 * sign; and nothing of the array around C is written, nor anything a row's whole-vector writes
 * run on into but that row's own columns (an infinity in A would leave a NaN there).
 */
class FmaChainTest {

    private static final int[] NS = {1, 5, 10, 15, 16, 17, 30, 31, 32};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void fewRowsAreOneChainPerElement() {
        assumeTrue(Kernels.vectorized(), "the fma chain is the Vector API engine's arithmetic");
        for (int m = 3; m <= 12; m++) {
            for (int n : NS) {
                for (int k : new int[] {1, 7, 30, 257, 784}) {
                    check(false, m, n, k);
                }
            }
        }
    }

    @Test
    void weightGradientsOfOneBlockAreOneChainPerElement() {
        assumeTrue(Kernels.vectorized(), "the fma chain is the Vector API engine's arithmetic");
        for (int m : new int[] {1, 3, 8, 9, 30, 64, 100, 784}) {
            for (int n : NS) {
                for (int k = 1; k <= 13; k++) {
                    check(true, m, n, k);
                }
            }
        }
    }

    @Test
    void theSeedNetworksWeightGradientIsOneChainOnOneAndTwoThreads() {
        assumeTrue(Kernels.vectorized(), "the fma chain is the Vector API engine's arithmetic");
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            check(true, 784, 30, 10);
            check(true, 1000, 32, 12);
        }
    }

    @Test
    void anInfinityInARowOfAReachesNoOtherRowOfC() {
        // a row's last vector of C spans the start of the next row: lanes that must keep their bits
        assumeTrue(Kernels.vectorized(), "the fma chain is the Vector API engine's arithmetic");
        for (int k = 8; k <= 10; k++) {
            check(true, 64, 30, k, 1f / 16);
            check(true, 64, 17, k, 1f / 16);
        }
        for (int m = 8; m <= 12; m++) {
            check(false, m, 30, 784, 1f / 256);
        }
    }

    private static void check(boolean transA, int m, int n, int k) {
        check(transA, m, n, k, 0);
    }

    /**
     * {@code C (+)= op(A) . B} for C inside a larger array, against the chain, bit for bit (all
     * NaNs alike); {@code infinities} of A's elements are infinite.
     */
    private static void check(boolean transA, int m, int n, int k, float infinities) {
        for (boolean accumulate : new boolean[] {false, true}) {
            Random random = new Random(31L * m + 7L * n + k + (transA ? 1 : 0));
            float[] a = values(random, m * k);
            for (int q = 0; q < a.length; q++) {
                if (random.nextFloat() < infinities) {
                    a[q] = random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                }
            }
            float[] b = values(random, k * n);
            int before = 5;
            int after = 40; // more than a vector: a whole-vector write past C would land here
            float[] c = values(random, before + m * n + after);
            float[] c0 = c.clone();
            Gemm.multiply(transA, false, m, n, k, a, 0, b, 0, c, before, accumulate);
            for (int q = 0; q < c.length; q++) {
                int e = q - before;
                float expected = c0[q];
                if (e >= 0 && e < m * n) {
                    int i = e / n;
                    int j = e % n;
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        sum = Math.fma(transA ? a[p * m + i] : a[i * k + p], b[p * n + j], sum);
                    }
                    expected = accumulate ? c0[q] + sum : sum;
                }
                int index = q;
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(c[q]),
                        () -> m + "x" + n + "x" + k + " transA=" + transA + " accumulate=" + accumulate
                                + ": element " + (index - before) + " of C (array index " + index + ")");
            }
        }
    }

    /** Gaussian values with some zeros of both signs, whose sums' signs the chain decides. */
    private static float[] values(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(8);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) random.nextGaussian();
        }
        return x;
    }
}
