package nn.examples.report;

import java.util.List;
import java.util.Locale;

/**
 * Plain-text tables of {@link ClassificationMetrics}, for a monospace terminal: the classification
 * report laid out as scikit-learn's {@code classification_report}, and the confusion matrix with
 * the class names. Each method returns the table as a {@code String} ending in a newline, with
 * {@code \n} line ends; numbers are formatted with {@link Locale#ROOT} (a dot as decimal mark).
 *
 * <pre>
 *                precision    recall  f1-score   support
 *
 *    T-shirt/top      0.824     0.861     0.842      1000
 *        Trouser      0.985     0.972     0.978      1000
 *    ...
 *
 *       accuracy                          0.887     10000
 *      macro avg      0.887     0.887     0.887     10000
 *   weighted avg      0.887     0.887     0.887     10000
 * </pre>
 */
public final class ReportTables {

    /** The digits after the decimal point in {@link #classificationReport(ClassificationMetrics)}. */
    public static final int DEFAULT_DIGITS = 3;

    /**
     * The widest confusion-matrix table, in characters, that still has the class names as column
     * headers; a wider one numbers the columns instead.
     */
    public static final int MAX_NAMED_COLUMNS_WIDTH = 100;

    private static final String LAST_HEADING = "weighted avg";
    private static final int COLUMN = 9;

    private ReportTables() {
    }

    /** {@link #classificationReport(ClassificationMetrics, int)} with {@value #DEFAULT_DIGITS} digits. */
    public static String classificationReport(ClassificationMetrics metrics) {
        return classificationReport(metrics, DEFAULT_DIGITS);
    }

    /**
     * Precision, recall, F1 and support of each class, then the accuracy and the macro and
     * weighted averages, in scikit-learn's layout: names right-aligned, one column of 9
     * characters per number.
     *
     * @param digits the digits after the decimal point, 1 to 6
     */
    public static String classificationReport(ClassificationMetrics metrics, int digits) {
        if (digits < 1 || digits > 6) {
            throw new IllegalArgumentException("digits must be between 1 and 6, got " + digits);
        }
        int width = LAST_HEADING.length();
        for (String name : metrics.classNames()) {
            width = Math.max(width, name.length());
        }
        String number = " %" + COLUMN + "." + digits + "f";
        String text = " %" + COLUMN + "s";
        String label = "%" + width + "s ";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, label + text + text + text + text,
                "", "precision", "recall", "f1-score", "support")).append("\n\n");
        List<ClassificationMetrics.Scores> perClass = metrics.perClass();
        for (int c = 0; c < perClass.size(); c++) {
            ClassificationMetrics.Scores s = perClass.get(c);
            out.append(String.format(Locale.ROOT, label + number + number + number + text,
                    metrics.className(c), s.precision(), s.recall(), s.f1(), s.support())).append('\n');
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, label + text + text + number + text,
                "accuracy", "", "", metrics.accuracy(), metrics.sampleCount())).append('\n');
        appendAverage(out, label + number + number + number + text, "macro avg", metrics.macroAverage());
        appendAverage(out, label + number + number + number + text, LAST_HEADING, metrics.weightedAverage());
        return out.toString();
    }

    private static void appendAverage(StringBuilder out, String format, String heading, ClassificationMetrics.Scores s) {
        out.append(String.format(Locale.ROOT, format, heading, s.precision(), s.recall(), s.f1(), s.support()))
                .append('\n');
    }

    /**
     * The confusion matrix as a table: one row per true class, one column per predicted class, and
     * the counts right-aligned. The columns are headed by the class names when the table fits in
     * {@value #MAX_NAMED_COLUMNS_WIDTH} characters; otherwise by the class indices, and each row
     * label starts with its index, so that column {@code 3} is the class of row {@code 3}.
     */
    public static String confusionMatrix(ClassificationMetrics metrics) {
        int n = metrics.classCount();
        int[][] matrix = metrics.confusionMatrix();
        int countWidth = 1;
        int nameWidth = 0;
        for (int t = 0; t < n; t++) {
            nameWidth = Math.max(nameWidth, metrics.className(t).length());
            for (int p = 0; p < n; p++) {
                countWidth = Math.max(countWidth, Integer.toString(matrix[t][p]).length());
            }
        }
        String corner = "true \\ predicted";
        int namedColumn = Math.max(countWidth, nameWidth);
        int namedLabel = Math.max(corner.length(), nameWidth);
        boolean named = namedLabel + n * (namedColumn + 2) <= MAX_NAMED_COLUMNS_WIDTH;

        int indexWidth = Integer.toString(n - 1).length();
        int column = named ? namedColumn : Math.max(countWidth, indexWidth);
        int labelWidth = named ? namedLabel : Math.max(corner.length(), indexWidth + 1 + nameWidth);
        StringBuilder out = new StringBuilder();
        out.append("Confusion matrix (rows: true class, columns: predicted class)\n\n");
        out.append(pad(corner, labelWidth, false));
        for (int p = 0; p < n; p++) {
            out.append("  ").append(pad(named ? metrics.className(p) : Integer.toString(p), column, true));
        }
        out.append('\n');
        for (int t = 0; t < n; t++) {
            String label = named ? metrics.className(t) : pad(Integer.toString(t), indexWidth, true) + " " + metrics.className(t);
            out.append(pad(label, labelWidth, false));
            for (int p = 0; p < n; p++) {
                out.append("  ").append(pad(Integer.toString(matrix[t][p]), column, true));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
