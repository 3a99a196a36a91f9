package nn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import nn.api.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk {@code float} methods against the double-precision forms, on a block of several
 * rows that starts at a non-zero offset inside larger arrays.
 *
 * <p>Tolerances. Every forward computes in double from the float input and rounds once to
 * float (2^-24, about 6e-8, relative); softmax also stores its exponentials as floats before
 * scaling them, one more rounding of each. So the float output is within a few times 6e-8 of the
 * double form; 1e-6 relative leaves a margin and still catches any error of substance. In the
 * backward, each product is rounded to float and added to gradX in float: a few roundings
 * relative to the sizes of the terms, hence 1e-6 (|gradX before| + |contribution|). Only the
 * activations that read their float output {@code y} in the backward (sigmoid, tanh, softmax,
 * log_softmax) get more: {@code y} is off by up to 6e-8 relative, and forms such as
 * {@code 1 - y^2} turn that into an absolute error of a few times 6e-8 |gradY| (the row's
 * largest |gradY| for the row-wise ones), hence their extra 2e-6 |gradY|. The others compute
 * their derivative from {@code x}, which keeps tiny gradients (elu far left) relatively exact.
 */
class BulkFloatTest {

    private static final int ROW_LENGTH = 5;
    private static final int ROWS = 6;
    private static final int OFFSET = 2 * ROW_LENGTH;
    private static final int LENGTH = ROWS * ROW_LENGTH;
    private static final int SIZE = OFFSET + LENGTH + 3 * ROW_LENGTH;
    private static final float SENTINEL = -777.25f;
    /** The activations whose bulk backward reads the float output y rather than x. */
    private static final Set<String> READS_OUTPUT =
            Set.of("sigmoid", "tanh", "softmax", "log_softmax");

    /** Random inputs, with special points (kinks, 0, large values) in the block. */
    private static float[] inputs(Random random) {
        float[] x = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            x[i] = (float) (4 * random.nextGaussian());
        }
        float[] special = {0f, -0f, 1f, -1f, 3f, -3f, 1e-3f, -1e-3f, 30f, -30f, 90f, -90f,
            1e-7f, -1e-7f, Math.nextUp(-3f), -2.9999f, Math.nextDown(3f), Math.nextDown(1f),
            Math.nextUp(-1f), -20f};
        System.arraycopy(special, 0, x, OFFSET + 3, special.length);
        // One row shifted far out, to exercise the row-wise activations' stability.
        for (int i = OFFSET + LENGTH - ROW_LENGTH; i < OFFSET + LENGTH; i++) {
            x[i] += 1000f;
        }
        return x;
    }

    private static float[] gaussians(Random random) {
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** The double-precision forward of the block, one row at a time. */
    private static double[] doubleForward(Activation activation, float[] x) {
        double[] y = new double[SIZE];
        for (int row = OFFSET; row < OFFSET + LENGTH; row += ROW_LENGTH) {
            double[] in = new double[ROW_LENGTH];
            double[] out = new double[ROW_LENGTH];
            for (int j = 0; j < ROW_LENGTH; j++) {
                in[j] = x[row + j];
            }
            activation.applyRow(in, out);
            System.arraycopy(out, 0, y, row, ROW_LENGTH);
        }
        return y;
    }

    /** The double-precision vector-Jacobian product of the block, one row at a time. */
    private static double[] doubleBackward(Activation activation, float[] x, float[] gradY) {
        double[] y = doubleForward(activation, x);
        double[] gradX = new double[SIZE];
        for (int row = OFFSET; row < OFFSET + LENGTH; row += ROW_LENGTH) {
            double[] in = new double[ROW_LENGTH];
            double[] out = new double[ROW_LENGTH];
            double[] gOut = new double[ROW_LENGTH];
            double[] gIn = new double[ROW_LENGTH];
            for (int j = 0; j < ROW_LENGTH; j++) {
                in[j] = x[row + j];
                out[j] = y[row + j];
                gOut[j] = gradY[row + j];
            }
            activation.backwardRow(in, out, gOut, gIn);
            System.arraycopy(gIn, 0, gradX, row, ROW_LENGTH);
        }
        return gradX;
    }

    /**
     * The largest |gradY| that reaches element i through the float output: its own, or its
     * row's for row-wise ones; 0 for activations whose backward does not read y.
     */
    private static double gradScale(Activation activation, float[] gradY, int i) {
        if (!READS_OUTPUT.contains(activation.name())) {
            return 0.0;
        }
        if (activation.isElementwise()) {
            return Math.abs(gradY[i]);
        }
        int row = OFFSET + (i - OFFSET) / ROW_LENGTH * ROW_LENGTH;
        double max = 0;
        for (int j = row; j < row + ROW_LENGTH; j++) {
            max = Math.max(max, Math.abs(gradY[j]));
        }
        return max;
    }

    private static void assertOutsideUntouched(float[] before, float[] after, String what) {
        for (int i = 0; i < SIZE; i++) {
            if (i < OFFSET || i >= OFFSET + LENGTH) {
                assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(after[i]),
                        what + "[" + i + "] lies outside [offset, offset + length) but changed");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#all")
    void forwardMatchesTheDoubleFormWithinFloatRounding(Activation activation) {
        float[] x = inputs(new Random(3));
        float[] y = new float[SIZE];
        Arrays.fill(y, SENTINEL);
        float[] before = y.clone();
        activation.forward(x, y, OFFSET, LENGTH, ROW_LENGTH);

        double[] expected = doubleForward(activation, x);
        for (int i = OFFSET; i < OFFSET + LENGTH; i++) {
            // float rounding; values below the smallest normal float may come out as 0 (docs/PLUGINS.md)
            double tolerance = 1e-6 * Math.abs(expected[i]) + Float.MIN_NORMAL;
            assertTrue(Float.isFinite(y[i]), activation + " forward(" + x[i] + ") = " + y[i]);
            assertTrue(Math.abs(y[i] - expected[i]) <= tolerance, activation + " forward at x = "
                    + x[i] + ": float " + y[i] + ", double " + expected[i]);
        }
        assertOutsideUntouched(before, y, activation + " y");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#all")
    void forwardMayRunInPlace(Activation activation) {
        float[] x = inputs(new Random(5));
        float[] y = new float[SIZE];
        activation.forward(x, y, OFFSET, LENGTH, ROW_LENGTH);
        float[] inPlace = x.clone();
        activation.forward(inPlace, inPlace, OFFSET, LENGTH, ROW_LENGTH);
        for (int i = OFFSET; i < OFFSET + LENGTH; i++) {
            assertEquals(y[i], inPlace[i], 0f, activation + " in place at " + i);
        }
        assertOutsideUntouched(x, inPlace, activation + " x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#all")
    void backwardAddsTheVectorJacobianProductIntoGradX(Activation activation) {
        Random random = new Random(17);
        float[] x = inputs(random);
        float[] y = new float[SIZE];
        activation.forward(x, y, OFFSET, LENGTH, ROW_LENGTH);
        float[] gradY = gaussians(random);
        float[] gradXBefore = gaussians(random); // a pre-filled gradient, as after another use
        float[] gradX = gradXBefore.clone();
        float[] xBefore = x.clone();
        float[] yBefore = y.clone();
        float[] gradYBefore = gradY.clone();

        activation.backward(x, y, gradY, gradX, OFFSET, LENGTH, ROW_LENGTH);

        double[] contribution = doubleBackward(activation, x, gradY);
        for (int i = OFFSET; i < OFFSET + LENGTH; i++) {
            double expected = gradXBefore[i] + contribution[i];
            double tolerance = 1e-6 * (Math.abs(gradXBefore[i]) + Math.abs(contribution[i]))
                    + 2e-6 * gradScale(activation, gradY, i) + Float.MIN_VALUE;
            assertTrue(Math.abs(gradX[i] - expected) <= tolerance, activation + " backward at x = "
                    + x[i] + ": gradX was " + gradXBefore[i] + ", the product is " + contribution[i]
                    + ", so expected " + expected + " but got " + gradX[i]);
        }
        assertOutsideUntouched(gradXBefore, gradX, activation + " gradX");
        assertArrayEquals(xBefore, x, "backward must not change x");
        assertArrayEquals(yBefore, y, "backward must not change y");
        assertArrayEquals(gradYBefore, gradY, "backward must not change gradY");
    }

    /**
     * From a zero gradX the product itself is visible, not masked by a larger pre-filled value:
     * it must be relatively accurate (tiny gradients included), and a second call must add
     * exactly the same amount again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#all")
    void backwardFromZeroIsTheProductAndASecondCallAddsItAgain(Activation activation) {
        Random random = new Random(19);
        float[] x = inputs(random);
        float[] y = new float[SIZE];
        activation.forward(x, y, OFFSET, LENGTH, ROW_LENGTH);
        float[] gradY = gaussians(random);
        float[] once = new float[SIZE];
        float[] twice = new float[SIZE];
        activation.backward(x, y, gradY, once, OFFSET, LENGTH, ROW_LENGTH);
        activation.backward(x, y, gradY, twice, OFFSET, LENGTH, ROW_LENGTH);
        activation.backward(x, y, gradY, twice, OFFSET, LENGTH, ROW_LENGTH);

        double[] contribution = doubleBackward(activation, x, gradY);
        boolean anyNonZero = false;
        for (int i = OFFSET; i < OFFSET + LENGTH; i++) {
            double tolerance = 1e-6 * Math.abs(contribution[i])
                    + 2e-6 * gradScale(activation, gradY, i) + Float.MIN_VALUE;
            assertTrue(Math.abs(once[i] - contribution[i]) <= tolerance, activation
                    + " backward at x = " + x[i] + ": product " + contribution[i] + ", got " + once[i]);
            // The product is rounded to float before it is added, and doubling a float is
            // exact, so the second call must give 2 * once bit for bit.
            assertEquals(2 * once[i], twice[i], 0f, activation + " accumulation at " + i);
            anyNonZero |= once[i] != 0f;
        }
        assertTrue(anyNonZero, activation + " backward added nothing at all");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#rowwise")
    void rowWiseBulkMethodsRejectPartialRowsNamingTheActivation(Activation activation) {
        float[] a = new float[12];
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> activation.forward(a, a, 0, 7, 5));
        assertTrue(partial.getMessage().contains(activation.name())
                && partial.getMessage().contains("rowLength (5)"), partial.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> activation.backward(a, a, a, a, 0, 5, 0));
        assertTrue(zero.getMessage().contains(activation.name()), zero.getMessage());
    }
}
