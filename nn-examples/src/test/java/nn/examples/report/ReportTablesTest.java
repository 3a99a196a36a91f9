package nn.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTablesTest {

    private static final ClassificationMetrics SMALL = ClassificationMetrics.of(
            new int[] {0, 0, 0, 1, 1, 1, 2, 2}, new int[] {0, 0, 1, 1, 1, 0, 1, 0}, List.of("cat", "dog", "bird"));

    @Test
    void classificationReportHasScikitLearnsLayout() {
        String expected = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "         cat      0.500     0.667     0.571         3",
                "         dog      0.500     0.667     0.571         3",
                "        bird      0.000     0.000     0.000         2",
                "",
                "    accuracy                          0.500         8",
                "   macro avg      0.333     0.444     0.381         8",
                "weighted avg      0.375     0.500     0.429         8",
                "");
        assertEquals(expected, ReportTables.classificationReport(SMALL));
    }

    @Test
    void digitsCanBeChosen() {
        String report = ReportTables.classificationReport(SMALL, 2);
        assertTrue(report.contains("         cat       0.50      0.67      0.57         3\n"), report);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportTables.classificationReport(SMALL, 0));
        assertEquals("digits must be between 1 and 6, got 0", e.getMessage());
    }

    @Test
    void fashionReportNamesEveryClassAndAlignsTheColumns() {
        ClassificationMetrics m = ReportFixtures.fashionMetrics();
        String report = ReportTables.classificationReport(m);
        for (String name : ReportFixtures.FASHION_MNIST) {
            assertTrue(report.contains(name), name + " missing from\n" + report);
        }
        assertTrue(report.contains(" T-shirt/top      0.827     0.850     0.838      1000\n"), report);
        assertTrue(report.contains("       Shirt      0.732     0.675     0.702      1000\n"), report);
        assertTrue(report.contains("    accuracy                          0.886     10000\n"), report);
        int width = report.lines().findFirst().orElseThrow().length();
        for (String line : report.lines().toList()) {
            assertTrue(line.isEmpty() || line.length() == width, "ragged line: '" + line + "'");
        }
    }

    @Test
    void smallConfusionMatrixHasNamedColumns() {
        String expected = String.join("\n",
                "Confusion matrix (rows: true class, columns: predicted class)",
                "",
                "true \\ predicted   cat   dog  bird",
                "cat                  2     1     0",
                "dog                  1     2     0",
                "bird                 1     1     0",
                "");
        assertEquals(expected, ReportTables.confusionMatrix(SMALL));
    }

    @Test
    void wideConfusionMatrixNumbersItsColumnsAndFitsInEightyCharacters() {
        String table = ReportTables.confusionMatrix(ReportFixtures.fashionMetrics());
        List<String> lines = table.lines().toList();
        assertEquals("true \\ predicted    0    1    2    3    4    5    6    7    8    9", lines.get(2));
        assertEquals("0 T-shirt/top     850    1   15   25    4    1   98    0    6    0", lines.get(3));
        assertEquals("6 Shirt           128    2   86   28   70    0  675    0   11    0", lines.get(9));
        assertEquals("9 Ankle boot        0    0    0    0    0    7    1   33    0  959", lines.get(12));
        for (String line : lines) {
            assertTrue(line.length() <= 80, "too wide: " + line);
        }
        for (String name : ReportFixtures.FASHION_MNIST) {
            assertTrue(table.contains(name), name);
        }
    }

    @Test
    void manyClassesPadTheirIndices() {
        int n = 12;
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i;
            names.add("class " + i);
        }
        List<String> lines = ReportTables.confusionMatrix(ClassificationMetrics.of(labels, labels, names))
                .lines().toList();
        assertEquals("true \\ predicted   0   1   2   3   4   5   6   7   8   9  10  11", lines.get(2));
        assertEquals(" 0 class 0         1   0   0   0   0   0   0   0   0   0   0   0", lines.get(3));
        assertEquals("11 class 11        0   0   0   0   0   0   0   0   0   0   0   1", lines.get(14));
    }
}
