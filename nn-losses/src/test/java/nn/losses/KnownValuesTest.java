package nn.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nn.api.Loss;
import nn.api.Reduction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values worked out by hand, extreme inputs, and the messages of misuse. */
class KnownValuesTest {

    private static final double TOLERANCE = 1e-12;
    private static final double LOG_EPSILON = Math.log(1e-7);

    private static double[] gradient(Loss loss, double[] prediction, double[] target) {
        double[] grad = new double[prediction.length];
        loss.gradient(prediction, target, grad);
        return grad;
    }

    private static void assertFinite(double[] values, String what) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), what + " is not finite: " + v);
        }
    }

    @Nested
    class Regression {

        @Test
        void l2IsTheSumOfSquares() {
            Loss l2 = new L2Loss();
            double[] p = {1, 2};
            double[] t = {0, 0};
            assertEquals(5, l2.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {2, 4}, gradient(l2, p, t), TOLERANCE);
        }

        @Test
        void l2BulkSumsOrAveragesRowsAndAddsScaledGradients() {
            Loss l2 = new L2Loss();
            float[] p = {1, 2, 0, 1};
            float[] t = {0, 0, 0, 0};
            assertEquals(6, l2.value(p, t, 2, 2, Reduction.SUM), TOLERANCE);
            assertEquals(3, l2.value(p, t, 2, 2, Reduction.MEAN), TOLERANCE);

            float[] grad = {1, 1, 1, 1};
            l2.gradient(p, t, grad, 2, 2, Reduction.SUM, 1);
            assertArrayEquals(new float[] {3, 5, 1, 3}, grad);

            grad = new float[] {1, 1, 1, 1};
            l2.gradient(p, t, grad, 2, 2, Reduction.MEAN, 0.5);
            assertArrayEquals(new float[] {1.5f, 2, 1, 1.5f}, grad);
        }

        @Test
        void mseIsTheMeanOfSquares() {
            Loss mse = new MeanSquaredError();
            double[] p = {1, 2};
            double[] t = {0, 0};
            assertEquals(2.5, mse.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {1, 2}, gradient(mse, p, t), TOLERANCE);
        }

        @Test
        void maeIsTheMeanOfAbsoluteErrorsWithAZeroGradientAtEquality() {
            Loss mae = new MeanAbsoluteError();
            assertEquals(2, mae.value(new double[] {1, -3}, new double[] {0, 0}), TOLERANCE);
            assertArrayEquals(new double[] {0.5, -0.5},
                    gradient(mae, new double[] {1, -3}, new double[] {0, 0}), TOLERANCE);
            assertArrayEquals(new double[] {0, 0.5},
                    gradient(mae, new double[] {1, 1}, new double[] {1, 0}), TOLERANCE);
        }

        @Test
        void huberIsQuadraticInsideDeltaAndLinearOutside() {
            Loss huber = new HuberLoss();
            assertEquals(1.5, huber.value(new double[] {2}, new double[] {0}), TOLERANCE);
            assertEquals(0.125, huber.value(new double[] {0.5}, new double[] {0}), TOLERANCE);
            assertEquals(0.8125, huber.value(new double[] {2, 0.5}, new double[] {0, 0}),
                    TOLERANCE);
            assertArrayEquals(new double[] {0.5, 0.25},
                    gradient(huber, new double[] {2, 0.5}, new double[] {0, 0}), TOLERANCE);
            assertArrayEquals(new double[] {-1},
                    gradient(huber, new double[] {-2}, new double[] {0}), TOLERANCE);

            Loss wide = new HuberLoss(2);
            assertEquals(4, wide.value(new double[] {3}, new double[] {0}), TOLERANCE);
            assertEquals("huber(delta=2)", wide.toString());
            assertEquals("huber(delta=1)", huber.toString());
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void huberRejectsADeltaThatIsNotPositiveAndFinite(double delta) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(delta));
            assertTrue(e.getMessage().contains("delta must be positive and finite (0 < delta < infinity), got "
                    + delta), e.getMessage());
        }

        @Test
        void logCoshIsStableForLargeErrors() {
            Loss logCosh = new LogCoshLoss();
            assertEquals(0, logCosh.value(new double[] {0}, new double[] {0}), 0);
            assertEquals(0.4337808304830271, logCosh.value(new double[] {1}, new double[] {0}),
                    TOLERANCE);
            assertEquals(999.3068528194401,
                    logCosh.value(new double[] {1000}, new double[] {0}), 1e-9);
            assertArrayEquals(new double[] {1},
                    gradient(logCosh, new double[] {1000}, new double[] {0}), TOLERANCE);
            double bulk = logCosh.value(new float[] {1e4f}, new float[] {-1e4f}, 1, 1,
                    Reduction.SUM);
            assertEquals(2e4 - Math.log(2), bulk, 1e-9);
        }

        @Test
        void logCoshAgreesWithTheDirectFormulaWhereThatDoesNotOverflow() {
            Loss logCosh = new LogCoshLoss();
            Random random = new Random(5);
            for (int i = 0; i < 100; i++) {
                double d = -10 + 20 * random.nextDouble();
                assertEquals(Math.log(Math.cosh(d)),
                        logCosh.value(new double[] {d}, new double[] {0}), 1e-13, "d=" + d);
            }
        }

        @Test
        void mseIsL2DividedByTheWidth() {
            Random random = new Random(3);
            for (int i = 0; i < 20; i++) {
                double[][] sample = Domains.sample(new L2Loss(), 6, random);
                assertEquals(new L2Loss().value(sample[0], sample[1]) / 6,
                        new MeanSquaredError().value(sample[0], sample[1]), TOLERANCE);
            }
        }

        @Test
        void poissonAddsEpsilonInsideTheLogarithm() {
            Loss poisson = new PoissonLoss();
            double[] p = {1, 2};
            double[] t = {1, 0};
            // ln(1 + 1e-7) = 1e-7 - 5e-15 + ..., so the loss is (1 - 1e-7 + 2) / 2 to 3e-15.
            assertEquals(1.5 - 0.5e-7, poisson.value(p, t), TOLERANCE);
            double[] grad = gradient(poisson, p, t);
            assertEquals(0.5e-7, grad[0], TOLERANCE);
            assertEquals(0.5, grad[1], TOLERANCE);
            assertEquals(-2 * LOG_EPSILON, poisson.value(new double[] {0}, new double[] {2}),
                    1e-9);
            assertFinite(gradient(poisson, new double[] {0}, new double[] {2}), "gradient");
        }
    }

    @Nested
    class Classification {

        @Test
        void binaryCrossEntropyAveragesOverTheRow() {
            Loss bce = new BinaryCrossEntropy();
            double[] p = {0.5, 0.8};
            double[] t = {1, 0};
            assertEquals(Math.log(10) / 2, bce.value(p, t), TOLERANCE);
            // (p - t) / (p (1 - p)) / n: -0.5 / 0.25 / 2 and 0.8 / 0.16 / 2
            assertArrayEquals(new double[] {-1, 2.5}, gradient(bce, p, t), TOLERANCE);
        }

        @Test
        void binaryCrossEntropyStaysFiniteAtZeroAndOne() {
            Loss bce = new BinaryCrossEntropy();
            double[] p = {0, 1};
            double[] wrong = {1, 0};
            assertEquals(-LOG_EPSILON, bce.value(p, wrong), 1e-6);
            // Outside the clamp range the clamped loss is flat: documented zero gradient.
            assertArrayEquals(new double[] {0, 0}, gradient(bce, p, wrong), 0);
            assertEquals(0, bce.value(p, new double[] {0, 1}), 1e-6);
            assertBulkFinite(bce, new float[] {0, 1, 1, 0}, new float[] {1, 0, 1, 0}, 2);
        }

        @Test
        void categoricalCrossEntropyOfOneHotAndSoftTargets() {
            Loss cce = new CategoricalCrossEntropy();
            double[] p = {0.2, 0.3, 0.5};
            double[] t = {0, 0, 1};
            assertEquals(Math.log(2), cce.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {0, 0, -2}, gradient(cce, p, t), TOLERANCE);
            assertEquals(1.5 * Math.log(2),
                    cce.value(new double[] {0.25, 0.25, 0.5}, new double[] {0.5, 0, 0.5}),
                    TOLERANCE);
        }

        @Test
        void categoricalCrossEntropyStaysFiniteAtZeroAndOne() {
            Loss cce = new CategoricalCrossEntropy();
            double[] p = {1, 0};
            double[] t = {0, 1};
            assertEquals(-LOG_EPSILON, cce.value(p, t), 1e-9);
            assertFinite(gradient(cce, p, t), "gradient");
            assertBulkFinite(cce, new float[] {1, 0, 0, 1}, new float[] {0, 1, 0, 1}, 2);
        }

        @Test
        void sparseCategoricalCrossEntropyPicksTheTrueClass() {
            Loss sparse = new SparseCategoricalCrossEntropy();
            assertEquals(1, sparse.targetWidth(5));
            double[] p = {0.25, 0.75};
            double[] t = {1};
            assertEquals(-Math.log(0.75), sparse.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {0, -4.0 / 3}, gradient(sparse, p, t), TOLERANCE);

            float[] grad = new float[4];
            sparse.gradient(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, new float[] {1, 0}, grad, 2,
                    2, Reduction.SUM, 1);
            assertArrayEquals(new float[] {0, -4f / 3, -2, 0}, grad, 1e-6f);
        }

        @Test
        void sparseCategoricalCrossEntropyStaysFiniteAtZeroAndOne() {
            Loss sparse = new SparseCategoricalCrossEntropy();
            assertEquals(-LOG_EPSILON, sparse.value(new double[] {1, 0}, new double[] {1}),
                    1e-9);
            assertFinite(gradient(sparse, new double[] {1, 0}, new double[] {1}), "gradient");
            assertBulkFinite(sparse, new float[] {1, 0, 0, 1}, new float[] {1, 1}, 2);
        }

        @Test
        void sparseEqualsCategoricalWithTheOneHotTarget() {
            Loss sparse = new SparseCategoricalCrossEntropy();
            Loss cce = new CategoricalCrossEntropy();
            Random random = new Random(7);
            for (int i = 0; i < 20; i++) {
                double[][] sample = Domains.sample(sparse, 4, random);
                double[] oneHot = new double[4];
                oneHot[(int) sample[1][0]] = 1;
                assertEquals(cce.value(sample[0], oneHot), sparse.value(sample[0], sample[1]),
                        TOLERANCE);
                assertArrayEquals(gradient(cce, sample[0], oneHot),
                        gradient(sparse, sample[0], sample[1]), TOLERANCE);
            }
        }

        @Test
        void hingeUsesMinusOneAndOneTargets() {
            Loss hinge = new HingeLoss();
            double[] p = {0.3, 2};
            double[] t = {1, 1};
            assertEquals(0.35, hinge.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {-0.5, 0}, gradient(hinge, p, t), TOLERANCE);
            assertEquals(1.5, hinge.value(new double[] {0.5}, new double[] {-1}), TOLERANCE);
            assertArrayEquals(new double[] {1},
                    gradient(hinge, new double[] {0.5}, new double[] {-1}), TOLERANCE);
        }

        @Test
        void squaredHingeSquaresTheMargin() {
            Loss squaredHinge = new SquaredHingeLoss();
            double[] p = {0.3, 2};
            double[] t = {1, 1};
            assertEquals(0.245, squaredHinge.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {-0.7, 0}, gradient(squaredHinge, p, t), TOLERANCE);
        }

        @Test
        void klDivergenceSkipsZeroTargets() {
            Loss kl = new KullbackLeiblerDivergence();
            double[] p = {0.25, 0.75};
            double[] t = {0.5, 0.5};
            assertEquals(0.5 * Math.log(4.0 / 3), kl.value(p, t), TOLERANCE);
            assertArrayEquals(new double[] {-2, -2.0 / 3}, gradient(kl, p, t), TOLERANCE);
            assertEquals(Math.log(2), kl.value(new double[] {0.5, 0.5}, new double[] {1, 0}),
                    TOLERANCE);
            assertArrayEquals(new double[] {-2, 0},
                    gradient(kl, new double[] {0.5, 0.5}, new double[] {1, 0}), TOLERANCE);
            assertEquals(0, kl.value(new double[] {0.3, 0.7}, new double[] {0.3, 0.7}),
                    TOLERANCE);
        }

        @Test
        void klDivergenceStaysFiniteAtZeroAndOne() {
            Loss kl = new KullbackLeiblerDivergence();
            double[] p = {0, 1};
            double[] t = {0.5, 0.5};
            assertEquals(0.5 * Math.log(0.5 / 1e-7) + 0.5 * Math.log(0.5), kl.value(p, t),
                    1e-9);
            assertFinite(gradient(kl, p, t), "gradient");
            assertBulkFinite(kl, new float[] {0, 1, 1, 0}, new float[] {0.5f, 0.5f, 0, 1}, 2);
        }

        private void assertBulkFinite(Loss loss, float[] prediction, float[] target, int cols) {
            int rows = prediction.length / cols;
            for (Reduction reduction : Reduction.values()) {
                assertTrue(Double.isFinite(loss.value(prediction, target, rows, cols, reduction)),
                        loss + " " + reduction);
                float[] grad = new float[prediction.length];
                loss.gradient(prediction, target, grad, rows, cols, reduction, 1);
                for (float g : grad) {
                    assertTrue(Float.isFinite(g), loss + " " + reduction + " gradient " + g);
                }
            }
        }
    }

    @Nested
    class Misuse {

        @Test
        void aBulkPredictionOfTheWrongLengthNamesTheLossAndBothLengths() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MeanSquaredError().value(new float[7], new float[8], 2, 4,
                            Reduction.SUM));
            assertEquals("mse: prediction has 7 numbers, expected rows * cols = 2 * 4 = 8",
                    e.getMessage());
        }

        @Test
        void aBulkTargetOfTheWrongLengthNamesTheTargetWidth() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SparseCategoricalCrossEntropy().value(new float[6], new float[6],
                            3, 2, Reduction.MEAN));
            assertEquals("sparse_categorical_cross_entropy: target has 6 numbers, expected"
                    + " rows * targetWidth = 3 * 1 = 3", e.getMessage());
        }

        @Test
        void aBulkGradOfTheWrongLengthIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new L2Loss().gradient(new float[4], new float[4], new float[3], 2, 2,
                            Reduction.SUM, 1));
            assertEquals("l2: grad has 3 numbers, expected rows * cols = 2 * 2 = 4",
                    e.getMessage());
        }

        @Test
        void everyLossChecksItsBulkLengths() {
            for (Loss loss : RegisteredLosses.instances()) {
                int targetLength = 2 * loss.targetWidth(3);
                IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                        () -> loss.value(new float[5], new float[targetLength], 2, 3,
                                Reduction.SUM), loss.toString());
                assertTrue(value.getMessage().startsWith(loss.name() + ": prediction has 5"),
                        value.getMessage());
                IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                        () -> loss.gradient(new float[6], new float[targetLength + 1],
                                new float[6], 2, 3, Reduction.SUM, 1), loss.toString());
                assertTrue(target.getMessage().startsWith(loss.name() + ": target has "
                        + (targetLength + 1)), target.getMessage());
                assertTrue(target.getMessage().endsWith("= " + targetLength),
                        target.getMessage());
                IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                        () -> loss.gradient(new float[6], new float[targetLength],
                                new float[7], 2, 3, Reduction.SUM, 1), loss.toString());
                assertTrue(grad.getMessage().startsWith(loss.name() + ": grad has 7"),
                        grad.getMessage());
            }
        }

        @Test
        void badRowsAndColsAreRejected() {
            Loss l2 = new L2Loss();
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> l2.value(new float[0], new float[0], -1, 2, Reduction.SUM));
            assertEquals("l2: rows must be non-negative, got -1", rows.getMessage());
            IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                    () -> l2.value(new float[0], new float[0], 2, 0, Reduction.SUM));
            assertEquals("l2: cols must be positive, got 0", cols.getMessage());
        }

        @Test
        void aSampleTargetOfTheWrongWidthIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MeanSquaredError().value(new double[] {1, 2}, new double[] {1}));
            assertTrue(e.getMessage().startsWith("mse: the target has 1 numbers, expected 2"),
                    e.getMessage());
            IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                    () -> new SparseCategoricalCrossEntropy().value(new double[] {0.5, 0.5},
                            new double[] {0, 1}));
            assertTrue(sparse.getMessage().contains("expected 1"), sparse.getMessage());
            IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                    () -> new L2Loss().gradient(new double[] {1, 2}, new double[] {1, 2},
                            new double[3]));
            assertTrue(grad.getMessage().startsWith("l2: grad has 3 numbers"),
                    grad.getMessage());
        }

        @ParameterizedTest
        @ValueSource(doubles = {2, -1, 0.5, Double.NaN, 1e10})
        void aSampleClassIndexOutsideTheClassesIsRejected(double index) {
            Loss sparse = new SparseCategoricalCrossEntropy();
            double[] p = {0.25, 0.75};
            double[] t = {index};
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> sparse.value(p, t));
            assertTrue(e.getMessage().contains("is " + index + ", which is not a class index"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("[0, 2)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sparse.gradient(p, t, new double[2]));
        }

        @Test
        void aBatchClassIndexOutsideTheClassesNamesTheRowAndLeavesGradUntouched() {
            Loss sparse = new SparseCategoricalCrossEntropy();
            float[] p = {0.5f, 0.5f, 0.25f, 0.75f, 0.9f, 0.1f};
            float[] t = {0, 1, 2.5f};
            IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                    () -> sparse.value(p, t, 3, 2, Reduction.MEAN));
            assertEquals("sparse_categorical_cross_entropy: the target of row 2 is 2.5, which is"
                    + " not a class index; expected an integer in [0, 2), the prediction's"
                    + " width (cols)", value.getMessage());

            float[] grad = {1, 2, 3, 4, 5, 6};
            IllegalArgumentException gradient = assertThrows(IllegalArgumentException.class,
                    () -> sparse.gradient(p, t, grad, 3, 2, Reduction.MEAN, 1));
            assertEquals(value.getMessage(), gradient.getMessage());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, grad);
        }

        @Test
        void anEmptySamplePredictionIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MeanAbsoluteError().value(new double[0], new double[0]));
            assertTrue(e.getMessage().startsWith("mae: the prediction is empty"),
                    e.getMessage());
        }
    }
}
