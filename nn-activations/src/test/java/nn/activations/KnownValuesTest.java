package nn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import nn.api.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Values known in closed form or from PyTorch/mpmath, and stability at extreme inputs. */
class KnownValuesTest {

    private static final double EPS = 1e-15;

    @Test
    void elementwiseValues() {
        assertEquals(3.0, new Identity().apply(3.0));
        assertEquals(0.5, new Sigmoid().apply(0.0));
        assertEquals(0.25, new Sigmoid().derivative(0.0));
        assertEquals(0.7310585786300049, new Sigmoid().apply(1.0), EPS);
        assertEquals(0.0, new Tanh().apply(0.0));
        assertEquals(0.7615941559557649, new Tanh().apply(1.0), EPS);
        assertEquals(0.0, new Relu().apply(-1.0));
        assertEquals(2.0, new Relu().apply(2.0));
        assertEquals(-0.02, new LeakyRelu().apply(-2.0), EPS);
        assertEquals(-0.4, new LeakyRelu(0.2).apply(-2.0), EPS);
        assertEquals(2.0, new LeakyRelu().apply(2.0));
        assertEquals(Math.exp(-1) - 1, new Elu().apply(-1.0), EPS);
        assertEquals(0.5 * (Math.exp(-1) - 1), new Elu(0.5).apply(-1.0), EPS);
        assertEquals(Selu.SCALE, new Selu().apply(1.0));
        assertEquals(1.0507009873554805, Selu.SCALE);
        assertEquals(1.6732632423543772, Selu.ALPHA);
        assertEquals(-Selu.SCALE * Selu.ALPHA, new Selu().apply(-1000.0), EPS);
        assertEquals(0.7310585786300049, new Silu().apply(1.0), EPS);
        assertEquals(Math.log(2), new Softplus().apply(0.0), EPS);
        assertEquals(0.5, new Softplus().derivative(0.0));
        assertEquals(0.5, new Softsign().apply(1.0));
        assertEquals(0.25, new Softsign().derivative(-1.0));
        assertEquals(0.5, new HardSigmoid().apply(0.0));
        assertEquals(0.75, new HardSigmoid().apply(1.5));
        assertEquals(0.0, new HardSigmoid().apply(-3.0));
        assertEquals(1.0, new HardSigmoid().apply(3.5));
        assertEquals(1.0, new HardTanh().apply(2.0));
        assertEquals(-1.0, new HardTanh().apply(-2.0));
        assertEquals(-0.3, new HardTanh().apply(-0.3));
    }

    @Test
    void geluIsTheExactErfForm() {
        // x Phi(x) to 50 digits (mpmath), rounded to double.
        Gelu gelu = new Gelu();
        assertEquals(0.8413447460685429, gelu.apply(1.0), 1e-15);
        assertEquals(-0.15865525393145705, gelu.apply(-1.0), 1e-15);
        assertEquals(0.34573123063700656, gelu.apply(0.5), 1e-15);
        assertEquals(2.99595030590511, gelu.apply(3.0), 1e-14);
        assertEquals(-0.0040496940948902835, gelu.apply(-3.0), 1e-17);
        assertEquals(-7.619853024160526e-23, gelu.apply(-10.0), 1e-36);
        assertEquals(-1.472014178144456e-196, gelu.apply(-30.0), 1e-209);
        assertEquals(0.5, gelu.derivative(0.0));
        // Phi(x) + x phi(x), likewise.
        assertEquals(1.0833154705876864, gelu.derivative(1.0), 1e-15);
        assertEquals(-0.0833154705876863, gelu.derivative(-1.0), 1e-16);
        assertEquals(-0.011945647204183927, gelu.derivative(-3.0), 1e-17);
        assertEquals(1.011945647204184, gelu.derivative(3.0), 1e-15);
        assertEquals(-7.618400096464814e-22, gelu.derivative(-10.0), 1e-35);
        // The tanh approximation gives 0.8411919906082768 at 1: far outside these tolerances.
    }

    @Test
    void softmaxRowsSumToOneAndIgnoreAnAddedConstant() {
        Softmax softmax = new Softmax();
        double[] y = new double[3];
        softmax.applyRow(new double[] {Math.log(1), Math.log(2), Math.log(3)}, y);
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, y, EPS);

        Random random = new Random(29);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + random.nextInt(10);
            double[] x = new double[n];
            double[] shifted = new double[n];
            double constant = 100 * random.nextGaussian();
            for (int i = 0; i < n; i++) {
                x[i] = 5 * random.nextGaussian();
                shifted[i] = x[i] + constant;
            }
            double[] p = new double[n];
            double[] q = new double[n];
            softmax.applyRow(x, p);
            softmax.applyRow(shifted, q);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(p[i] >= 0 && p[i] <= 1, "softmax gave " + p[i]);
                sum += p[i];
            }
            assertEquals(1.0, sum, 1e-14);
            assertArrayEquals(p, q, 1e-12, "adding " + constant + " to the row changed softmax");
        }
    }

    @Test
    void logSoftmaxIsTheLogOfSoftmax() {
        Softmax softmax = new Softmax();
        LogSoftmax logSoftmax = new LogSoftmax();
        Random random = new Random(31);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + random.nextInt(10);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 5 * random.nextGaussian() + 50 * random.nextGaussian();
            }
            double[] p = new double[n];
            double[] logP = new double[n];
            softmax.applyRow(x, p);
            logSoftmax.applyRow(x, logP);
            for (int i = 0; i < n; i++) {
                if (p[i] > 1e-300) {
                    assertEquals(Math.log(p[i]), logP[i], 1e-12 * Math.max(1, Math.abs(logP[i])));
                }
            }
        }
        double[] y = new double[2];
        logSoftmax.applyRow(new double[] {-1e4, 0}, y);
        assertArrayEquals(new double[] {-1e4, 0}, y, 0.0);
        logSoftmax.applyRow(new double[] {0, 0}, y);
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)}, y, EPS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#elementwise")
    void elementwiseStaysFiniteAtExtremeInputs(Activation activation) {
        double[] xs = {-1e300, -1e30, -1e4, -1000, -745.5, -709.9, 709.9, 745.5, 1000, 1e4, 1e30, 1e300};
        for (double x : xs) {
            assertTrue(Double.isFinite(activation.apply(x)), activation + "(" + x + ") = " + activation.apply(x));
            assertTrue(Double.isFinite(activation.derivative(x)),
                    activation + "'(" + x + ") = " + activation.derivative(x));
        }
        assertEquals(0.0, new Sigmoid().apply(-1000));
        assertEquals(1000.0, new Softplus().apply(1000));
        // Float bulk: selu multiplies by 1.05, so its true value leaves float's range above
        // 3.2e38; 1e38 is the largest power of ten all can take.
        float[] fx = {-1e38f, -1e30f, -1e4f, -1000f, -100f, 100f, 1000f, 1e4f, 1e30f, 1e38f};
        float[] fy = new float[fx.length];
        float[] gradX = new float[fx.length];
        float[] gradY = new float[fx.length];
        Arrays.fill(gradY, 1f);
        activation.forward(fx, fy, 0, fx.length, 1);
        activation.backward(fx, fy, gradY, gradX, 0, fx.length, 1);
        for (int i = 0; i < fx.length; i++) {
            assertTrue(Float.isFinite(fy[i]), activation + " forward(" + fx[i] + ") = " + fy[i]);
            assertTrue(Float.isFinite(gradX[i]), activation + " backward at " + fx[i] + " = " + gradX[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#rowwise")
    void rowWiseStaysFiniteOnRowsWithHugeValues(Activation activation) {
        float[][] rows = {
            {1e30f, -1e30f, 0f, 1e30f},
            {-1e4f, 0f, 1e4f, 5f},
            {1000f, 1000f, 1000f, 1000f},
            {-3e38f, -3e38f, -3e38f, -3e38f},
            {88f, 89f, 90f, -1000f},
        };
        for (float[] x : rows) {
            float[] y = new float[x.length];
            float[] gradX = new float[x.length];
            float[] gradY = {1f, -2f, 0.5f, 3f};
            activation.forward(x, y, 0, x.length, x.length);
            activation.backward(x, y, gradY, gradX, 0, x.length, x.length);
            double[] xd = new double[x.length];
            double[] yd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            activation.applyRow(xd, yd);
            for (int i = 0; i < x.length; i++) {
                assertTrue(Float.isFinite(y[i]) && Double.isFinite(yd[i]),
                        activation + " of " + Arrays.toString(x) + " gave " + y[i]);
                assertTrue(Float.isFinite(gradX[i]), activation + " backward gave " + gradX[i]);
            }
        }
        float[] x = {-1e4f, 0f};
        float[] y = new float[2];
        new LogSoftmax().forward(x, y, 0, 2, 2);
        assertArrayEquals(new float[] {-1e4f, 0f}, y);
        new Softmax().forward(new float[] {1000f, 1000f}, y, 0, 2, 2);
        assertArrayEquals(new float[] {0.5f, 0.5f}, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#rowwise")
    void rowWiseHasNoScalarFormAndSaysWhichActivation(Activation activation) {
        UnsupportedOperationException apply = assertThrows(UnsupportedOperationException.class,
                () -> activation.apply(1.0));
        assertTrue(apply.getMessage().contains(activation.name()), apply.getMessage());
        UnsupportedOperationException derivative = assertThrows(UnsupportedOperationException.class,
                () -> activation.derivative(1.0));
        assertTrue(derivative.getMessage().contains(activation.name()), derivative.getMessage());
    }

    @Test
    void rowFormsRejectArraysOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Softmax().applyRow(new double[3], new double[2]));
        assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("length 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LogSoftmax().backwardRow(new double[3], new double[3], new double[4], new double[3]));
        assertTrue(e.getMessage().contains("log_softmax") && e.getMessage().contains("gradY"), e.getMessage());
    }

    @Test
    void hyperparametersMustBeFiniteAndAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LeakyRelu(Double.NaN));
        assertTrue(e.getMessage().contains("leaky_relu") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(1e40));
        assertTrue(e.getMessage().contains("1.0E40") && e.getMessage().contains("float"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Elu(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("elu") && e.getMessage().contains("Infinity"), e.getMessage());
        assertEquals(0.01, new LeakyRelu().alpha());
        assertEquals(0.2, new LeakyRelu(0.2).alpha());
        assertEquals(1.0, new Elu().alpha());
    }
}
