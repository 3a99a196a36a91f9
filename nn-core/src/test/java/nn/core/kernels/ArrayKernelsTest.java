package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import nn.core.kernels.Elementwise.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Element-wise kernels, reductions and softmax against plain scalar loops (the kernels as they
 * were before they were made fast), to the bit: each element is computed by the same operations
 * in the same order, vectorized or not, on one thread or two. Shapes run from empty through sizes
 * that are not multiples of the vector width to sizes large enough to be split among threads.
 */
class ArrayKernelsTest {

    /** {rows, cols}; the last two are over the parallel threshold. */
    static final int[][] SHAPES = {{0, 0}, {1, 1}, {3, 0}, {1, 17}, {7, 13}, {64, 10}, {64, 256}, {33, 100},
        {300, 257}, {1000, 130}};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void binaryMatchesScalarLoops(int threads) {
        Parallel.setThreads(threads);
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            int n = rows * cols;
            Random random = new Random(n);
            for (Op op : Op.values()) {
                for (boolean broadcast : new boolean[] {false, true}) {
                    float[] a = gaussian(random, n);
                    float[] b = gaussian(random, broadcast ? cols : n);
                    float[] expected = new float[n];
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < cols; j++) {
                            float x = a[r * cols + j];
                            float y = b[broadcast ? j : r * cols + j];
                            expected[r * cols + j] = switch (op) {
                                case ADD -> x + y;
                                case SUBTRACT -> x - y;
                                case MULTIPLY -> x * y;
                                case DIVIDE -> x / y;
                            };
                        }
                    }
                    float[] out = new float[n];
                    Elementwise.binary(op, a, b, out, rows, cols, broadcast);
                    assertArrayEquals(expected, out, op + " broadcast=" + broadcast + " " + rows + "x" + cols);
                }
            }
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void gradientKernelsMatchScalarLoops(int threads) {
        Parallel.setThreads(threads);
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            int n = rows * cols;
            String shape = rows + "x" + cols;
            Random random = new Random(31 + n);
            float[] g = gaussian(random, n);
            float[] q = gaussian(random, n);
            float[] full = gaussian(random, n);
            float[] row = gaussian(random, cols);
            float scale = 0.37f;

            // addScaledInto, flat and summed over rows
            float[] dst = gaussian(random, n);
            float[] expected = dst.clone();
            for (int i = 0; i < n; i++) {
                expected[i] += scale * g[i];
            }
            Elementwise.addScaledInto(g, scale, dst, rows, cols, false);
            assertArrayEquals(expected, dst, "addScaledInto " + shape);
            float[] dstRow = gaussian(random, cols);
            float[] expectedRow = dstRow.clone();
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    expectedRow[j] += scale * g[r * cols + j];
                }
            }
            Elementwise.addScaledInto(g, scale, dstRow, rows, cols, true);
            assertArrayEquals(expectedRow, dstRow, "addScaledInto broadcast " + shape);

            // multiplyInto, all four broadcasts
            for (int t = 0; t < 4; t++) {
                boolean broadcastM = (t & 1) != 0;
                boolean broadcastDst = (t & 2) != 0;
                float[] m = broadcastM ? row : full;
                float[] d = gaussian(random, broadcastDst ? cols : n);
                float[] want = d.clone();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        int mi = (broadcastM ? 0 : r * cols) + j;
                        want[(broadcastDst ? 0 : r * cols) + j] += scale * g[r * cols + j] * m[mi];
                    }
                }
                Elementwise.multiplyInto(g, m, scale, d, rows, cols, broadcastM, broadcastDst);
                assertArrayEquals(want, d, "multiplyInto broadcastM=" + broadcastM + " broadcastDst=" + broadcastDst
                        + " " + shape);
            }

            // divideInto and quotientDenominatorInto, with and without broadcast
            for (boolean broadcastD : new boolean[] {false, true}) {
                float[] den = broadcastD ? row : full;
                float[] d = gaussian(random, n);
                float[] want = d.clone();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        want[r * cols + j] += g[r * cols + j] / den[(broadcastD ? 0 : r * cols) + j];
                    }
                }
                Elementwise.divideInto(g, den, d, rows, cols, broadcastD);
                assertArrayEquals(want, d, "divideInto broadcastD=" + broadcastD + " " + shape);

                float[] e = gaussian(random, broadcastD ? cols : n);
                float[] wantE = e.clone();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        int di = (broadcastD ? 0 : r * cols) + j;
                        wantE[di] -= g[r * cols + j] * q[r * cols + j] / den[di];
                    }
                }
                Elementwise.quotientDenominatorInto(g, q, den, e, rows, cols, broadcastD);
                assertArrayEquals(wantE, e, "quotientDenominatorInto broadcastD=" + broadcastD + " " + shape);
            }

            // affine, exp, log
            float[] out = new float[n];
            float[] want = new float[n];
            for (int i = 0; i < n; i++) {
                want[i] = 1.5f * g[i] + 0.25f;
            }
            Elementwise.affine(g, 1.5f, 0.25f, out, n);
            assertArrayEquals(want, out, "affine " + shape);
            for (int i = 0; i < n; i++) {
                want[i] = (float) Math.exp(g[i]);
            }
            Elementwise.exp(g, out, n);
            assertArrayEquals(want, out, "exp " + shape);
            float[] positive = new float[n];
            for (int i = 0; i < n; i++) {
                positive[i] = Math.abs(g[i]) + 1e-3f;
                want[i] = (float) Math.log(positive[i]);
            }
            Elementwise.log(positive, out, n);
            assertArrayEquals(want, out, "log " + shape);
        }
    }

    @Test
    void flushTinyZeroesExactlyTheValuesBelow2ToTheMinus100() {
        float[] special = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), 1e-39f, 0f, -0f, Float.NaN,
            0x1p-100f, -0x1p-100f, Math.nextDown(0x1p-100f), -Math.nextDown(0x1p-100f), 1e-35f, 2e-30f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -3.5e-20f};
        Random random = new Random(3);
        for (int n : new int[] {0, 1, 15, 16, 17, 100, 1001}) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(3) == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
            float[] want = a.clone();
            for (int i = 0; i < n; i++) {
                if (want[i] != 0f && Math.abs(want[i]) < 0x1p-100f) {
                    want[i] = Math.copySign(0f, want[i]);
                }
            }
            Elementwise.flushTiny(a, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(a[i]),
                        "element " + i + " of " + n + ": " + want[i] + " expected, got " + a[i]);
            }
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void reductionsMatchScalarLoops(int threads) {
        Parallel.setThreads(threads);
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            int n = rows * cols;
            String shape = rows + "x" + cols;
            Random random = new Random(77 + n);
            float[] a = gaussian(random, n);

            double total = 0;
            for (int i = 0; i < n; i++) {
                total += a[i];
            }
            assertEquals(total, Reductions.sum(a, n), 0.0, "sum " + shape);

            float[] colSums = new float[cols];
            for (int j = 0; j < cols; j++) {
                double x = 0;
                for (int r = 0; r < rows; r++) {
                    x += a[r * cols + j];
                }
                colSums[j] = (float) (x * 0.5);
            }
            float[] out = new float[cols];
            Reductions.sumRows(a, out, rows, cols, 0.5);
            assertArrayEquals(colSums, out, "sumRows " + shape);

            float[] rowSums = new float[rows];
            for (int r = 0; r < rows; r++) {
                double x = 0;
                for (int j = 0; j < cols; j++) {
                    x += a[r * cols + j];
                }
                rowSums[r] = (float) (x * 2);
            }
            float[] outRows = new float[rows];
            Reductions.sumCols(a, outRows, rows, cols, 2);
            assertArrayEquals(rowSums, outRows, "sumCols " + shape);

            for (int axis = -1; axis <= 1; axis++) {
                float[] g = gaussian(random, axis < 0 ? 1 : axis == 0 ? cols : rows);
                float[] dst = gaussian(random, n);
                float[] want = dst.clone();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        float gv = axis < 0 ? g[0] : axis == 0 ? g[j] : g[r];
                        want[r * cols + j] += 0.75f * gv;
                    }
                }
                Reductions.spreadInto(g, dst, rows, cols, axis, 0.75f);
                assertArrayEquals(want, dst, "spreadInto axis=" + axis + " " + shape);
            }

            float[] t = new float[n];
            float[] want = new float[n];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    want[j * rows + i] = a[i * cols + j];
                }
            }
            Reductions.transpose(a, t, rows, cols);
            assertArrayEquals(want, t, "transpose " + shape);
            float[] base = gaussian(random, n);
            float[] sum = base.clone();
            for (int i = 0; i < n; i++) {
                want[i] += base[i];
            }
            Reductions.addTransposedInto(a, sum, rows, cols);
            assertArrayEquals(want, sum, "addTransposedInto " + shape);
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void softmaxCrossEntropyMatchesScalarLoops(int threads) {
        Parallel.setThreads(threads);
        for (int[] s : new int[][] {{1, 1}, {7, 3}, {64, 10}, {5000, 10}, {700, 57}}) {
            int rows = s[0];
            int cols = s[1];
            Random random = new Random(rows);
            float[] logits = gaussian(random, rows * cols);
            float[] labels = new float[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = random.nextInt(cols);
            }
            float[] dense = new float[rows * cols];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = random.nextFloat();
            }
            for (boolean sparse : new boolean[] {true, false}) {
                float[] target = sparse ? labels : dense;
                float[] wantP = new float[rows * cols];
                double want = referenceCrossEntropy(logits, target, wantP, rows, cols, sparse);
                float[] p = new float[rows * cols];
                assertEquals(want, Softmax.crossEntropy(logits, target, p, rows, cols, sparse), 0.0,
                        "loss sparse=" + sparse);
                assertArrayEquals(wantP, p, "probabilities sparse=" + sparse);

                float[] grad = gaussian(random, rows * cols);
                float[] wantGrad = grad.clone();
                for (int r = 0; r < rows; r++) {
                    int row = r * cols;
                    if (sparse) {
                        for (int j = 0; j < cols; j++) {
                            wantGrad[row + j] += 0.5f * p[row + j];
                        }
                        wantGrad[row + (int) target[r]] -= 0.5f;
                    } else {
                        float tSum = 0;
                        for (int j = 0; j < cols; j++) {
                            tSum += target[row + j];
                        }
                        for (int j = 0; j < cols; j++) {
                            wantGrad[row + j] += 0.5f * (p[row + j] * tSum - target[row + j]);
                        }
                    }
                }
                Softmax.crossEntropyGradientInto(p, target, grad, rows, cols, sparse, 0.5f);
                assertArrayEquals(wantGrad, grad, "gradient sparse=" + sparse);
            }
        }
    }

    @Test
    void floatExpIsWithinTwoUnitsInTheLastPlaceDownToMinus87AndZeroBelow() {
        double worst = 0;
        float worstAt = 0;
        int compared = 0;
        for (int bits = 0; bits <= Float.floatToRawIntBits(120f); bits += 1021) {
            float x = -Float.intBitsToFloat(bits);
            float got = RowKernels.expNonPositive(x);
            if (x < RowKernels.EXP_ZERO_BELOW) {
                assertEquals(0f, got, "exp(" + x + ")");
                continue;
            }
            assertTrue(got >= Float.MIN_NORMAL, "exp(" + x + ") = " + got + " is subnormal");
            double exact = Math.exp(x);
            double error = Math.abs(got - exact) / Math.ulp((float) exact);
            compared++;
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        assertTrue(compared > 1_000_000, "compared " + compared);
        assertTrue(worst <= 2.0, "worst error " + worst + " units in the last place, at x = " + worstAt);
        assertEquals(1f, RowKernels.expNonPositive(0f));
        assertEquals(1f, RowKernels.expNonPositive(-0f));
        assertEquals(0f, RowKernels.expNonPositive(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(RowKernels.expNonPositive(Float.NaN)));
    }

    @Test
    void bulkFloatExpIsTheScalarFormBitForBitOnEveryElementOfItsRange() {
        Random random = new Random(11);
        float[] special = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, -87f, -87.01f, -86.99f, -103.9f, -1e-30f,
            -Float.MIN_VALUE, -Float.MAX_VALUE, -0.34657359f, -16.635532f, -88.72f};
        for (int from = 0; from < 20; from++) {
            for (int length = 0; length < 70; length++) {
                float[] x = new float[from + length + 5];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                            : (float) (-Math.abs(30 * random.nextGaussian()));
                }
                float[] out = x.clone();
                Kernels.ROWS.expNonPositive(out, from, from + length);
                for (int i = 0; i < x.length; i++) {
                    float want = i >= from && i < from + length ? RowKernels.expNonPositive(x[i]) : x[i];
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out[i]),
                            "from " + from + ", length " + length + ", index " + i + ", x = " + x[i]);
                }
            }
        }
    }

    @Test
    void aBadClassIndexIsReportedFromAnyThread() {
        Parallel.setThreads(2);
        int rows = 5000;
        float[] labels = new float[rows];
        labels[4321] = 10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.crossEntropy(new float[rows * 10], labels, new float[rows * 10], rows, 10, true));
        assertTrue(e.getMessage().contains("class index 10.0 of row 4321"), e.getMessage());
    }

    @Test
    void vectorRowKernelsEqualThePlainOnesToTheBit() {
        RowKernels plain = new RowKernels();
        RowKernels active = Kernels.ROWS;
        Random random = new Random(3);
        for (int cols : new int[] {1, 5, 16, 17, 33, 64, 100}) {
            int rows = 9;
            int n = rows * cols;
            float[] a = gaussian(random, n);
            float[] b = gaussian(random, n);
            float[] row = gaussian(random, cols);
            for (Op op : Op.values()) {
                float[] x = new float[n];
                float[] y = new float[n];
                plain.binaryRows(op, a, row, x, cols, 0, rows);
                active.binaryRows(op, a, row, y, cols, 0, rows);
                assertArrayEquals(x, y, "binaryRows " + op + " cols=" + cols);
            }
            float[] x = b.clone();
            float[] y = b.clone();
            plain.multiplyRows(a, row, 0.3f, x, cols, 0, rows);
            active.multiplyRows(a, row, 0.3f, y, cols, 0, rows);
            assertArrayEquals(x, y, "multiplyRows cols=" + cols);
            plain.divideRows(a, row, x, cols, 0, rows);
            active.divideRows(a, row, y, cols, 0, rows);
            assertArrayEquals(x, y, "divideRows cols=" + cols);
            plain.spreadRows(row, 0.3f, x, cols, 0, rows);
            active.spreadRows(row, 0.3f, y, cols, 0, rows);
            assertArrayEquals(x, y, "spreadRows cols=" + cols);
            float[] u = row.clone();
            float[] v = row.clone();
            plain.addScaledColumns(a, 0.3f, u, rows, cols, 0, cols);
            active.addScaledColumns(a, 0.3f, v, rows, cols, 0, cols);
            assertArrayEquals(u, v, "addScaledColumns cols=" + cols);
            plain.multiplyColumns(a, b, 0.3f, u, rows, cols, false, 0, cols);
            active.multiplyColumns(a, b, 0.3f, v, rows, cols, false, 0, cols);
            assertArrayEquals(u, v, "multiplyColumns cols=" + cols);
            plain.quotientDenominatorColumns(a, b, row, u, rows, cols, 0, cols);
            active.quotientDenominatorColumns(a, b, row, v, rows, cols, 0, cols);
            assertArrayEquals(u, v, "quotientDenominatorColumns cols=" + cols);
            plain.sumColumns(a, u, rows, cols, 0.7, 0, cols);
            active.sumColumns(a, v, rows, cols, 0.7, 0, cols);
            assertArrayEquals(u, v, "sumColumns cols=" + cols);
        }
    }

    @Test
    void tooShortArraysAreRejectedWithTheirSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.binary(Op.ADD, new float[6], new float[2], new float[6], 2, 3, true));
        assertTrue(e.getMessage().contains("b has 2 elements, needs 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Reductions.sumRows(new float[6], new float[6], 2, -3, 1));
        assertTrue(e.getMessage().contains("2 x -3"), e.getMessage());
    }

    /** The kernel as it was first written, one thread, scalar (its exponential now in float). */
    private static double referenceCrossEntropy(float[] logits, float[] target, float[] probabilities,
                                                int rows, int cols, boolean sparse) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < cols; j++) {
                float e = RowKernels.expNonPositive(logits[row + j] - max); // the scalar form
                probabilities[row + j] = e;
                sumExp += e;
            }
            float inv = (float) (1.0 / sumExp);
            for (int j = 0; j < cols; j++) {
                probabilities[row + j] *= inv;
            }
            double logSumExp = max + Math.log(sumExp);
            if (sparse) {
                total += logSumExp - logits[row + (int) target[r]];
            } else {
                double tSum = 0;
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    tSum += target[row + j];
                    dot += (double) target[row + j] * logits[row + j];
                }
                total += logSumExp * tSum - dot;
            }
        }
        return total;
    }

    static float[] gaussian(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void gatherRowsCopiesTheIndexedRowsOnOneAndTwoThreads() {
        // 64 rows of 784: big enough to split by columns between two threads; widths below,
        // at and past a multiple of the slice each row is copied by
        for (int cols : new int[] {784, 10, 2 * Reductions.GATHER_SLICE, Reductions.GATHER_SLICE + 1}) {
            gatherRowsCopiesTheIndexedRows(cols);
        }
    }

    private static void gatherRowsCopiesTheIndexedRows(int cols) {
        int sourceRows = 300;
        Random random = new Random(8);
        float[] src = new float[sourceRows * cols];
        for (int i = 0; i < src.length; i++) {
            src[i] = random.nextFloat();
        }
        int[] index = new int[100];
        for (int i = 0; i < index.length; i++) {
            index[i] = random.nextInt(sourceRows);
        }
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (int rows : new int[] {0, 1, 10, 64}) {
                float[] dst = new float[rows * cols + 3];
                java.util.Arrays.fill(dst, -1f);
                Elementwise.gatherRows(src, cols, index, 7, rows, dst);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        assertEquals(src[index[7 + r] * cols + c], dst[r * cols + c],
                                "row " + r + ", column " + c + " of " + cols + ", " + threads + " threads");
                    }
                }
                for (int i = rows * cols; i < dst.length; i++) {
                    assertEquals(-1f, dst[i], "past the batch, at " + i);
                }
            }
        }
        index[9] = sourceRows;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.gatherRows(src, cols, index, 7, 10, new float[10 * cols]));
        assertTrue(e.getMessage().contains("row index 300") && e.getMessage().contains("300 rows"), e.getMessage());
    }
}
