package nn.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics against values worked out by hand (and as scikit-learn gives them with zero_division=0). */
class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    /*
     * true:      0 0 0 1 1 1 2 2
     * predicted: 0 0 1 1 1 0 1 0      (class 2 is never predicted)
     *
     * confusion  [2 1 0]   class 0: tp 2, fp 2, fn 1 -> precision 2/4, recall 2/3, f1 4/7
     *            [1 2 0]   class 1: tp 2, fp 2, fn 1 -> precision 2/4, recall 2/3, f1 4/7
     *            [1 1 0]   class 2: tp 0, fp 0, fn 2 -> precision 0/0 = 0, recall 0, f1 0
     */
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 1, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 1, 1, 0, 1, 0};
    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    @Test
    void accuracyAndConfusionMatrix() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES);
        assertEquals(8, m.sampleCount());
        assertEquals(4, m.correctCount());
        assertEquals(0.5, m.accuracy(), EPS);
        assertEquals(3, m.classCount());
        assertEquals(NAMES, m.classNames());
        assertEquals("bird", m.className(2));
        int[][] expected = {{2, 1, 0}, {1, 2, 0}, {1, 1, 0}};
        int[][] actual = m.confusionMatrix();
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], actual[t], "row " + t);
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[t][p], m.count(t, p));
            }
        }
    }

    @Test
    void perClassScoresIncludingAClassNeverPredicted() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES);
        assertScores(m.scores(0), 0.5, 2.0 / 3, 4.0 / 7, 3);
        assertScores(m.scores(1), 0.5, 2.0 / 3, 4.0 / 7, 3);
        assertScores(m.scores(2), 0.0, 0.0, 0.0, 2);
        assertEquals(List.of(m.scores(0), m.scores(1), m.scores(2)), m.perClass());
        assertEquals(0.5, m.precision(0), EPS);
        assertEquals(2.0 / 3, m.recall(1), EPS);
        assertEquals(4.0 / 7, m.f1(0), EPS);
        assertEquals(2, m.support(2));
    }

    @Test
    void macroAndWeightedAverages() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES);
        // macro: the plain mean over the three classes
        assertScores(m.macroAverage(), 1.0 / 3, 4.0 / 9, 8.0 / 21, 8);
        // weighted by support 3, 3, 2: precision (1.5 + 1.5 + 0) / 8, recall (2 + 2 + 0) / 8, f1 (12/7 + 12/7) / 8
        assertScores(m.weightedAverage(), 3.0 / 8, 0.5, 3.0 / 7, 8);
        assertEquals(m.accuracy(), m.weightedAverage().recall(), EPS, "weighted recall is the accuracy");
    }

    @Test
    void aClassWithNoSamplesButPredictedHasZeroPrecisionAndRecall() {
        // class 1 is predicted once but never true; class 3 neither appears nor is predicted
        int[] truth = {0, 0, 2, 2};
        int[] predicted = {0, 1, 2, 2};
        ClassificationMetrics m = ClassificationMetrics.of(truth, predicted, List.of("a", "b", "c", "d"));
        assertScores(m.scores(0), 1.0, 0.5, 2.0 / 3, 2);
        assertScores(m.scores(1), 0.0, 0.0, 0.0, 0);
        assertScores(m.scores(2), 1.0, 1.0, 1.0, 2);
        assertScores(m.scores(3), 0.0, 0.0, 0.0, 0);
        // the macro average counts every class, the absent ones too (scikit-learn with labels=range(4))
        assertScores(m.macroAverage(), 0.5, 0.375, (2.0 / 3 + 1) / 4, 4);
        assertScores(m.weightedAverage(), 1.0, 0.75, (2.0 / 3 * 2 + 2) / 4, 4);
        assertEquals(0.75, m.accuracy(), EPS);
    }

    @Test
    void perfectPredictionsScoreOne() {
        int[] labels = {0, 1, 2, 3, 3, 2, 1, 0};
        ClassificationMetrics m = ClassificationMetrics.of(labels, labels, 4);
        assertEquals(1.0, m.accuracy());
        for (int c = 0; c < 4; c++) {
            assertScores(m.scores(c), 1, 1, 1, 2);
        }
        assertScores(m.macroAverage(), 1, 1, 1, 8);
        assertEquals(List.of("0", "1", "2", "3"), m.classNames());
    }

    @Test
    void theFashionFixtureAddsUp() {
        ClassificationMetrics m = ReportFixtures.fashionMetrics();
        assertEquals(10_000, m.sampleCount());
        assertEquals(0.8862, m.accuracy(), EPS);
        assertEquals(675.0 / 1000, m.recall(6), EPS);
        assertEquals(675.0 / (98 + 2 + 69 + 27 + 44 + 675 + 6 + 1), m.precision(6), EPS);
    }

    @Test
    void confusionMatrixIsACopy() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES);
        m.confusionMatrix()[0][0] = 99;
        assertEquals(2, m.count(0, 0));
        assertThrows(UnsupportedOperationException.class, () -> m.classNames().set(0, "x"));
        assertThrows(UnsupportedOperationException.class, () -> m.perClass().clear());
    }

    @Test
    void theInputArraysMayChangeAfterwards() {
        int[] truth = TRUTH.clone();
        ClassificationMetrics m = ClassificationMetrics.of(truth, PREDICTED, NAMES);
        Arrays.fill(truth, 0);
        assertEquals(0.5, m.accuracy(), EPS);
    }

    @Test
    void toStringSummarises() {
        String s = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES).toString();
        assertTrue(s.contains("accuracy 0.5000 = 4/8"), s);
        assertTrue(s.contains("3 classes"), s);
    }

    @Test
    void lengthsMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0, 1, 1}, new int[] {0, 1}, NAMES));
        assertEquals("trueLabels and predictedLabels must have the same length, got 3 true labels and 2 predicted "
                + "labels", e.getMessage());
    }

    @Test
    void thereMustBeSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[0], new int[0], NAMES));
        assertEquals("no samples: trueLabels and predictedLabels are empty", e.getMessage());
    }

    @Test
    void labelsMustBeInRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0, 3}, new int[] {0, 1}, NAMES));
        assertEquals("trueLabels[1] = 3 is not a class index in [0, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0, 1, 2}, new int[] {0, -1, 2}, NAMES));
        assertEquals("predictedLabels[1] = -1 is not a class index in [0, 3)", e.getMessage());
    }

    @Test
    void classesMustBeNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0}, new int[] {0}, List.of()));
        assertTrue(e.getMessage().startsWith("classNames must name at least one class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0}, new int[] {0}, List.of("a", " ")));
        assertEquals("class 1 has no name (got \" \"); give every class a non-blank name", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[] {0}, new int[] {0}, 0));
        assertEquals("classCount must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(null, new int[] {0}, NAMES));
        assertEquals("trueLabels and predictedLabels must not be null", e.getMessage());
    }

    @Test
    void classIndicesAreChecked() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, NAMES);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.scores(3));
        assertEquals("classIndex 3 is not a class index in [0, 3)", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> m.count(0, -1));
        assertEquals("predictedClass -1 is not a class index in [0, 3)", e.getMessage());
    }

    private static void assertScores(ClassificationMetrics.Scores s, double precision, double recall, double f1,
                                     int support) {
        assertEquals(precision, s.precision(), EPS, "precision of " + s);
        assertEquals(recall, s.recall(), EPS, "recall of " + s);
        assertEquals(f1, s.f1(), EPS, "f1 of " + s);
        assertEquals(support, s.support(), "support of " + s);
    }
}
