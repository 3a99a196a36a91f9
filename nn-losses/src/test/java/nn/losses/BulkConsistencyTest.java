package nn.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nn.api.Loss;
import nn.api.Reduction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk float forms of every loss against its per-sample double forms.
 *
 * <p>Tolerances. The bulk value widens each float to double and computes each term exactly as
 * the per-sample form does; only the order of the sums and where the divisions by the width and
 * the row count happen differ, a few double roundings, so the value must agree to 1e-12 relative
 * to the sum of the magnitudes of the samples' losses. The bulk gradient rounds twice to float
 * (the term, then the sum with what {@code grad} held), each at most half a float ulp (6e-8
 * relative), so it must agree to 1e-6 relative to the magnitudes involved.
 */
class BulkConsistencyTest {

    private static final int ROWS = 3;
    private static final int COLS = 4;
    private static final double SCALE = 0.7;

    /** Every registered loss, plus those with hyperparameters at values other than the defaults. */
    static List<Loss> losses() {
        List<Loss> losses = new ArrayList<>(RegisteredLosses.instances());
        losses.add(new HuberLoss(0.5));
        losses.add(new HingeLoss(0.5));
        losses.add(new SquaredHingeLoss(2));
        losses.add(new BinaryCrossEntropy(0.1));
        losses.add(new CategoricalCrossEntropy(0.2));
        return losses;
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Loss loss : losses()) {
            for (Reduction reduction : Reduction.values()) {
                cases.add(Arguments.of(loss, reduction));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void bulkValueIsTheReductionOfTheSampleValues(Loss loss, Reduction reduction) {
        float[][] batch = Domains.batch(loss, ROWS, COLS, new Random(11));
        int targetWidth = loss.targetWidth(COLS);
        double sum = 0;
        double magnitude = 0;
        for (int r = 0; r < ROWS; r++) {
            double v = loss.value(Domains.row(batch[0], r, COLS),
                    Domains.row(batch[1], r, targetWidth));
            sum += v;
            magnitude += Math.abs(v);
        }
        double expected = sum * Domains.factor(reduction, ROWS);

        float[] prediction = batch[0].clone();
        float[] target = batch[1].clone();
        double actual = loss.value(prediction, target, ROWS, COLS, reduction);

        assertEquals(expected, actual, 1e-12 * (1 + magnitude), loss + " " + reduction);
        assertArrayEquals(batch[0], prediction, "the prediction must not change");
        assertArrayEquals(batch[1], target, "the target must not change");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void bulkGradientAddsScaleTimesTheReducedSampleGradients(Loss loss, Reduction reduction) {
        Random random = new Random(13);
        float[][] batch = Domains.batch(loss, ROWS, COLS, random);
        int targetWidth = loss.targetWidth(COLS);
        double[] terms = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            double[] g = new double[COLS];
            loss.gradient(Domains.row(batch[0], r, COLS), Domains.row(batch[1], r, targetWidth),
                    g);
            for (int j = 0; j < COLS; j++) {
                terms[r * COLS + j] = SCALE * Domains.factor(reduction, ROWS) * g[j];
            }
        }
        float[] before = new float[ROWS * COLS];
        for (int i = 0; i < before.length; i++) {
            before[i] = 0.5f + random.nextFloat();
        }

        float[] grad = before.clone();
        float[] prediction = batch[0].clone();
        float[] target = batch[1].clone();
        loss.gradient(prediction, target, grad, ROWS, COLS, reduction, SCALE);
        assertAdded(loss, before, terms, 1, grad);

        loss.gradient(prediction, target, grad, ROWS, COLS, reduction, SCALE);
        assertAdded(loss, before, terms, 2, grad);

        assertArrayEquals(batch[0], prediction, "the prediction must not change");
        assertArrayEquals(batch[1], target, "the target must not change");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void bulkGradientIsTheGradientOfTheBulkValue(Loss loss, Reduction reduction) {
        float[][] batch = Domains.batch(loss, ROWS, COLS, new Random(17));
        float[] grad = new float[ROWS * COLS];
        loss.gradient(batch[0], batch[1], grad, ROWS, COLS, reduction, 1);
        double h = 1e-3;
        for (int i = 0; i < grad.length; i++) {
            float[] plus = batch[0].clone();
            float[] minus = batch[0].clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double step = (double) plus[i] - minus[i];
            double numeric = (loss.value(plus, batch[1], ROWS, COLS, reduction)
                    - loss.value(minus, batch[1], ROWS, COLS, reduction)) / step;
            assertEquals(numeric, grad[i], 1e-4 + 1e-2 * Math.abs(numeric),
                    loss + " " + reduction + " at " + i);
        }
    }

    /** The per-sample gradient writes: whatever the array held before does not matter. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void sampleGradientWritesRatherThanAdds(Loss loss) {
        double[][] sample = Domains.sample(loss, COLS, new Random(19));
        double[] fromZero = new double[COLS];
        double[] fromGarbage = new double[COLS];
        Arrays.fill(fromGarbage, 123.0);
        loss.gradient(sample[0], sample[1], fromZero);
        loss.gradient(sample[0], sample[1], fromGarbage);
        assertArrayEquals(fromZero, fromGarbage, 0.0, loss.toString());
    }

    private static void assertAdded(Loss loss, float[] before, double[] terms, int times,
                                    float[] grad) {
        for (int i = 0; i < grad.length; i++) {
            double expected = before[i] + times * terms[i];
            double tolerance = 1e-6 * (Math.abs(before[i]) + times * Math.abs(terms[i]));
            assertTrue(Math.abs(grad[i] - expected) <= tolerance, loss + ": grad[" + i + "] is "
                    + grad[i] + " after " + times + " call(s), expected " + expected);
        }
    }
}
