package nn.losses;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import nn.api.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-sample gradient of every loss against central differences of its per-sample value,
 * in double precision, with PyTorch's gradcheck settings.
 */
class GradientCheckTest {

    private static final double H = 1e-6;
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-3;
    private static final int WIDTH = 5;
    private static final int POINTS = 25;

    /** Every registered loss, plus those with hyperparameters at values other than the defaults. */
    static Stream<Loss> losses() {
        return Stream.concat(RegisteredLosses.instances().stream(),
                Stream.of(new HuberLoss(0.5), new HuberLoss(2.5), new HingeLoss(0.5), new HingeLoss(2),
                        new SquaredHingeLoss(0.5), new SquaredHingeLoss(2), new BinaryCrossEntropy(0.1),
                        new CategoricalCrossEntropy(0.2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientMatchesCentralDifferences(Loss loss) {
        Random random = new Random(loss.toString().hashCode());
        for (int point = 0; point < POINTS; point++) {
            double[][] sample = Domains.sample(loss, WIDTH, random);
            assertNull(mismatch(loss, sample[0], sample[1]), loss.toString());
        }
    }

    /** The check itself must be able to fail: a gradient off by a factor of 2 is caught. */
    @Test
    void checkRejectsAWrongGradient() {
        Loss halfGradient = new Loss() {
            private final Loss l2 = new L2Loss();

            @Override
            public String name() {
                return "half_gradient_l2";
            }

            @Override
            public double value(double[] prediction, double[] target) {
                return l2.value(prediction, target);
            }

            @Override
            public void gradient(double[] prediction, double[] target, double[] grad) {
                l2.gradient(prediction, target, grad);
                for (int i = 0; i < grad.length; i++) {
                    grad[i] /= 2;
                }
            }
        };
        assertNotNull(mismatch(halfGradient, new double[] {1, -2}, new double[] {0.5, 0.5}));
    }

    /** A description of the first coordinate where the gradient disagrees, or null if none. */
    static String mismatch(Loss loss, double[] prediction, double[] target) {
        double[] analytic = new double[prediction.length];
        loss.gradient(prediction, target, analytic);
        for (int i = 0; i < prediction.length; i++) {
            double[] plus = prediction.clone();
            double[] minus = prediction.clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (loss.value(plus, target) - loss.value(minus, target)) / (2 * H);
            if (!(Math.abs(numeric - analytic[i]) <= ATOL + RTOL * Math.abs(numeric))) {
                return loss + ": d/dp[" + i + "] is " + analytic[i] + ", central difference "
                        + numeric + ", at p=" + Arrays.toString(prediction) + " t="
                        + Arrays.toString(target);
            }
        }
        return null;
    }
}
