package nn.examples.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well a classifier did, from the true and the predicted class of each sample: accuracy, the
 * confusion matrix, and per-class precision, recall, F1 and support with their macro and weighted
 * averages. Immutable.
 *
 * <p>For class {@code c}, with {@code tp} samples of class {@code c} predicted as {@code c},
 * {@code fp} samples of other classes predicted as {@code c} and {@code fn} samples of class
 * {@code c} predicted as something else:
 * <pre>
 *   precision = tp / (tp + fp)          recall  = tp / (tp + fn)
 *   f1        = 2 tp / (2 tp + fp + fn)  (= 2 precision recall / (precision + recall))
 *   support   = tp + fn                 (the number of samples whose true class is c)
 * </pre>
 * A ratio whose denominator is 0 is reported as 0, as scikit-learn does with
 * {@code zero_division=0}: a class that is never predicted has precision 0, a class with no
 * samples has recall 0, and a class with neither has F1 0.
 *
 * <p>The macro average is the unweighted mean over <em>all</em> {@link #classCount()} classes,
 * including classes with no samples (as scikit-learn's {@code classification_report} with
 * {@code labels=range(classCount)}); the weighted average weights each class by its support. The
 * support of both averages is the number of samples.
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(trueLabels, predictedLabels, classNames);
 * System.out.println(ReportTables.classificationReport(m));
 * System.out.println(ReportTables.confusionMatrix(m));
 * }</pre>
 */
public final class ClassificationMetrics {

    /**
     * Precision, recall, F1 and support of one class, or an average over the classes.
     *
     * @param precision the share of predictions of the class that were right, in [0, 1]
     * @param recall    the share of samples of the class that were found, in [0, 1]
     * @param f1        the harmonic mean of precision and recall, in [0, 1]
     * @param support   the number of samples of the class (of all classes, for an average)
     */
    public record Scores(double precision, double recall, double f1, int support) {
    }

    private final List<String> classNames;
    private final int[][] confusion;
    private final int samples;
    private final int correct;
    private final List<Scores> perClass;
    private final Scores macro;
    private final Scores weighted;

    private ClassificationMetrics(List<String> classNames, int[][] confusion, int samples) {
        this.classNames = classNames;
        this.confusion = confusion;
        this.samples = samples;
        int n = classNames.size();
        int diagonal = 0;
        int[] predicted = new int[n];
        for (int t = 0; t < n; t++) {
            diagonal += confusion[t][t];
            for (int p = 0; p < n; p++) {
                predicted[p] += confusion[t][p];
            }
        }
        this.correct = diagonal;
        List<Scores> scores = new ArrayList<>(n);
        double[] sum = new double[3];
        double[] weightedSum = new double[3];
        for (int c = 0; c < n; c++) {
            int tp = confusion[c][c];
            int support = Arrays.stream(confusion[c]).sum();
            int fn = support - tp;
            int fp = predicted[c] - tp;
            Scores s = new Scores(ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2.0 * tp, 2.0 * tp + fp + fn), support);
            scores.add(s);
            double[] values = {s.precision(), s.recall(), s.f1()};
            for (int k = 0; k < 3; k++) {
                sum[k] += values[k];
                weightedSum[k] += values[k] * support;
            }
        }
        this.perClass = List.copyOf(scores);
        this.macro = new Scores(sum[0] / n, sum[1] / n, sum[2] / n, samples);
        this.weighted = new Scores(weightedSum[0] / samples, weightedSum[1] / samples, weightedSum[2] / samples, samples);
    }

    /** {@code numerator / denominator}, or 0 when the denominator is 0 (scikit-learn's {@code zero_division=0}). */
    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    /**
     * Computes the metrics of one set of predictions.
     *
     * @param trueLabels      the true class of each sample, each in {@code [0, classNames.size())}
     * @param predictedLabels the predicted class of each sample, same length and range
     * @param classNames      the name of each class, by class index (at least one, none blank)
     * @throws IllegalArgumentException if there are no samples, the lengths differ, a label is out
     *                                  of range or a name is missing; the message says which
     */
    public static ClassificationMetrics of(int[] trueLabels, int[] predictedLabels, List<String> classNames) {
        if (trueLabels == null || predictedLabels == null) {
            throw new IllegalArgumentException("trueLabels and predictedLabels must not be null");
        }
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must name at least one class, got " + classNames);
        }
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("class " + c + " has no name (got "
                        + (name == null ? "null" : "\"" + name + "\"") + "); give every class a non-blank name");
            }
        }
        if (trueLabels.length != predictedLabels.length) {
            throw new IllegalArgumentException("trueLabels and predictedLabels must have the same length, got "
                    + trueLabels.length + " true labels and " + predictedLabels.length + " predicted labels");
        }
        if (trueLabels.length == 0) {
            throw new IllegalArgumentException("no samples: trueLabels and predictedLabels are empty");
        }
        int n = classNames.size();
        int[][] confusion = new int[n][n];
        for (int i = 0; i < trueLabels.length; i++) {
            int t = trueLabels[i];
            int p = predictedLabels[i];
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "trueLabels[%d] = %d is not a class index in [0, %d)", i, t, n));
            }
            if (p < 0 || p >= n) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "predictedLabels[%d] = %d is not a class index in [0, %d)", i, p, n));
            }
            confusion[t][p]++;
        }
        return new ClassificationMetrics(List.copyOf(classNames), confusion, trueLabels.length);
    }

    /**
     * Computes the metrics with the classes named by their index ({@code "0"}, {@code "1"}, ...).
     *
     * @see #of(int[], int[], List)
     */
    public static ClassificationMetrics of(int[] trueLabels, int[] predictedLabels, int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount must be at least 1, got " + classCount);
        }
        List<String> names = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            names.add(Integer.toString(c));
        }
        return of(trueLabels, predictedLabels, names);
    }

    /** The number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /** The class names, by class index (immutable). */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code classIndex}. */
    public String className(int classIndex) {
        return classNames.get(checkClass(classIndex, "classIndex"));
    }

    /** The number of samples. */
    public int sampleCount() {
        return samples;
    }

    /** The number of samples predicted right. */
    public int correctCount() {
        return correct;
    }

    /** The share of samples predicted right, in [0, 1]. */
    public double accuracy() {
        return (double) correct / samples;
    }

    /**
     * A copy of the confusion matrix: {@code [trueClass][predictedClass]} is the number of samples
     * of class {@code trueClass} that were predicted as {@code predictedClass}. Rows sum to the
     * support of each class.
     */
    public int[][] confusionMatrix() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The number of samples of class {@code trueClass} predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) {
        return confusion[checkClass(trueClass, "trueClass")][checkClass(predictedClass, "predictedClass")];
    }

    /** The scores of class {@code classIndex}. */
    public Scores scores(int classIndex) {
        return perClass.get(checkClass(classIndex, "classIndex"));
    }

    /** The scores of every class, by class index (immutable). */
    public List<Scores> perClass() {
        return perClass;
    }

    /** {@code scores(classIndex).precision()}. */
    public double precision(int classIndex) {
        return scores(classIndex).precision();
    }

    /** {@code scores(classIndex).recall()}. */
    public double recall(int classIndex) {
        return scores(classIndex).recall();
    }

    /** {@code scores(classIndex).f1()}. */
    public double f1(int classIndex) {
        return scores(classIndex).f1();
    }

    /** {@code scores(classIndex).support()}: the number of samples of the class. */
    public int support(int classIndex) {
        return scores(classIndex).support();
    }

    /** The unweighted mean of the per-class scores over all classes; its support is the sample count. */
    public Scores macroAverage() {
        return macro;
    }

    /** The mean of the per-class scores weighted by support; its support is the sample count. */
    public Scores weightedAverage() {
        return weighted;
    }

    private int checkClass(int classIndex, String what) {
        if (classIndex < 0 || classIndex >= classNames.size()) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                    "%s %d is not a class index in [0, %d)", what, classIndex, classNames.size()));
        }
        return classIndex;
    }

    /** One line: accuracy, the counts and the macro F1. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClassificationMetrics(accuracy %.4f = %d/%d, %d classes, macro F1 %.4f)",
                accuracy(), correct, samples, classNames.size(), macro.f1());
    }
}
