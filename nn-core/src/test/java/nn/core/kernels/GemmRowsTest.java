package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gemm#multiplyRows}, A's rows read where they lie scattered in a bigger array, against
 * {@link Gemm#multiply} on the same rows gathered: the same bits, on every path of the engine
 * (matrix-vector, 3-12 rows, row tiles in place, packed A, transposed A in place and packed,
 * sums split between threads), on 1 and 2 threads. The rows lie in shuffled order between NaNs,
 * so a read of a wrong element shows.
 */
class GemmRowsTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** {m, n, k}: some of GemmTest's shapes, and some that pack A (m x k >= 2^17) or split the sum. */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 40, 2}, {2, 37, 300}, {3, 1, 1}, {7, 13, 17}, {10, 30, 784}, {12, 47, 29},
        {13, 50, 600}, {4, 10, 30}, {0, 5, 3}, {5, 0, 3}, {5, 3, 0},
        {64, 256, 784}, {784, 256, 64}, {784, 30, 10}, {30, 10, 10}, {64, 128, 10}, {333, 97, 61},
        {200, 64, 784}, {784, 30, 200}, {13, 40, 1000}, {2051, 10, 64},
    };

    static Stream<Arguments> cases() {
        return GemmTest.casesOf(SHAPES);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("cases")
    void scatteredRowsGiveTheBitsOfTheGatheredMatrix(int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(31L * m + 7L * n + k + (transA ? 1 : 0) + (transB ? 2 : 0));
        int rows = transA ? k : m;
        int cols = transA ? m : k;
        float[] dense = gaussian(random, rows * cols);
        // the rows in shuffled slots of a bigger array, each slot a row plus 3 NaNs
        int slot = cols + 3;
        float[] scattered = new float[(rows + 5) * slot];
        Arrays.fill(scattered, Float.NaN);
        int[] slots = shuffled(random, rows + 5);
        int[] offsets = new int[rows + 2]; // longer than needed: the extra ones are ignored
        for (int r = 0; r < rows; r++) {
            offsets[r] = slots[r] * slot + 1;
            System.arraycopy(dense, r * cols, scattered, offsets[r], cols);
        }
        offsets[rows] = -7;
        offsets[rows + 1] = Integer.MAX_VALUE;
        float[] b = gaussian(random, k * n);
        float[] c0 = gaussian(random, m * n);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = c0.clone();
            Parallel.setThreads(1);
            Gemm.multiply(transA, transB, m, n, k, dense, b, expected, accumulate);
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] actual = c0.clone();
                Gemm.multiplyRows(transA, transB, m, n, k, scattered, offsets, b, actual, accumulate);
                int t = threads;
                assertArrayEquals(expected, actual, () -> m + "x" + n + "x" + k + " transA=" + transA + " transB="
                        + transB + " accumulate=" + accumulate + " on " + t + " threads (" + Kernels.describe() + ")");
            }
        }
    }

    @Test
    void rowsOutsideTheArrayOrTooFewOffsetsAreRejected() {
        float[] a = new float[100];
        float[] b = new float[4 * 3];
        float[] c = new float[2 * 3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyRows(false, false, 2, 3, 4, a, new int[] {0, 97}, b, c, false));
        assertTrue(e.getMessage().contains("row 1 at offset 97 needs 4 elements, but its array has 100"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyRows(false, false, 2, 3, 4, a, new int[] {-1, 0}, b, c, false));
        assertTrue(e.getMessage().contains("row 0 at offset -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyRows(true, false, 2, 3, 4, a, new int[] {0, 8, 16}, b, c, false));
        assertTrue(e.getMessage().contains("A has 4 stored rows (transposed, 2 x 4) but 3 row offsets"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyRows(false, false, 2, 3, 4, a, new int[] {0, 8}, b, new float[5], false));
        assertTrue(e.getMessage().contains("C needs 6 elements (2 x 3)"), e.getMessage());
    }

    private static int[] shuffled(Random random, int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }

    private static float[] gaussian(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
