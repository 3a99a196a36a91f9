package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nn.api.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stated derivatives against central differences in double, as PyTorch's gradcheck:
 * step 1e-6, and |analytic - numeric| <= 1e-5 + 1e-3 |numeric|.
 */
class DerivativeCheckTest {

    private static final double H = 1e-6;
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-3;
    /** Points this close to a kink are skipped: the difference quotient would straddle it. */
    private static final double KINK_MARGIN = 1e-3;

    private static boolean close(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= ATOL + RTOL * Math.abs(numeric);
    }

    /** A spread of points: a fine grid over [-12, 12], random ones, and points by each kink. */
    private static List<Double> points(Activation activation) {
        List<Double> points = new ArrayList<>();
        for (int i = -480; i <= 480; i++) {
            points.add(i / 40.0);
        }
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            points.add(random.nextGaussian() * 6);
        }
        for (double kink : Fixtures.kinks(activation)) {
            points.add(kink - 2 * KINK_MARGIN);
            points.add(kink + 2 * KINK_MARGIN);
        }
        points.addAll(List.of(-40.0, -25.0, 25.0, 40.0, 1e-4, -1e-4));
        return points;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#elementwise")
    void derivativeMatchesCentralDifferences(Activation activation) {
        int checked = 0;
        for (double x : points(activation)) {
            if (Fixtures.nearKink(activation, x, KINK_MARGIN)) {
                continue;
            }
            double numeric = (activation.apply(x + H) - activation.apply(x - H)) / (2 * H);
            double analytic = activation.derivative(x);
            assertTrue(close(analytic, numeric), activation + "'(" + x + "): derivative() says "
                    + analytic + ", central differences say " + numeric);
            checked++;
        }
        assertTrue(checked > 1000, "only " + checked + " points checked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#elementwise")
    void defaultRowFormsAgreeWithTheScalarForms(Activation activation) {
        double[] x = {-2.5, -0.5, 0.25, 1.75, 4.0};
        double[] y = new double[x.length];
        double[] gradY = {0.5, -1.0, 2.0, 0.125, -3.0};
        double[] gradX = new double[x.length];
        Arrays.fill(gradX, Double.NaN);
        activation.applyRow(x, y);
        activation.backwardRow(x, y, gradY, gradX);
        for (int i = 0; i < x.length; i++) {
            assertEquals(activation.apply(x[i]), y[i], 0.0);
            assertEquals(gradY[i] * activation.derivative(x[i]), gradX[i], 0.0);
        }
    }

    /** sum_i gradY_i f(x)_i, whose gradient in x is the vector-Jacobian product. */
    private static double weightedSum(Activation activation, double[] x, double[] gradY) {
        double[] y = new double[x.length];
        activation.applyRow(x, y);
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            sum += gradY[i] * y[i];
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#rowwise")
    void backwardRowMatchesCentralDifferencesOfApplyRow(Activation activation) {
        Random random = new Random(23);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(8);
            double shift = trial % 4 == 0 ? 500 * random.nextGaussian() : 0.0;
            double[] x = new double[n];
            double[] gradY = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 3 * random.nextGaussian() + shift;
                gradY[i] = random.nextGaussian();
            }
            double[] y = new double[n];
            activation.applyRow(x, y);
            double[] gradX = new double[n];
            Arrays.fill(gradX, Double.NaN); // backwardRow writes, so the NaNs must vanish
            activation.backwardRow(x, y, gradY, gradX);
            for (int j = 0; j < n; j++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[j] += H;
                minus[j] -= H;
                double numeric = (weightedSum(activation, plus, gradY)
                        - weightedSum(activation, minus, gradY)) / (2 * H);
                assertTrue(close(gradX[j], numeric), activation + " at x=" + Arrays.toString(x)
                        + ", gradY=" + Arrays.toString(gradY) + ": gradX[" + j + "] is "
                        + gradX[j] + ", central differences say " + numeric);
            }
        }
    }

    @Test
    void derivativesAtKinksFollowPyTorch() {
        assertEquals(0.0, new Relu().derivative(0.0));
        assertEquals(0.01, new LeakyRelu().derivative(0.0));
        assertEquals(0.2, new LeakyRelu(0.2).derivative(0.0));
        assertEquals(1.0, new Elu().derivative(0.0));
        assertEquals(0.5, new Elu(0.5).derivative(0.0));
        assertEquals(Selu.SCALE * Selu.ALPHA, new Selu().derivative(0.0), 1e-15);
        assertEquals(0.0, new HardSigmoid().derivative(-3.0));
        assertEquals(0.0, new HardSigmoid().derivative(3.0));
        assertEquals(1.0 / 6.0, new HardSigmoid().derivative(2.999));
        assertEquals(0.0, new HardTanh().derivative(-1.0));
        assertEquals(0.0, new HardTanh().derivative(1.0));
        assertEquals(1.0, new HardTanh().derivative(0.999));
    }
}
