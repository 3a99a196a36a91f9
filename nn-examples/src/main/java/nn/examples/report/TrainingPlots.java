package nn.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a training run, as PNG files: loss per epoch and accuracy per epoch (train and
 * test, drawn with XChart), and the confusion matrix as a heat map (drawn with Java2D, so that
 * class names and counts stay legible).
 *
 * <p>Runs headless: unless {@code java.awt.headless} was set, loading this class sets it to
 * {@code true}, so no display is needed. Each {@code write} method writes its file atomically
 * (see {@link OutputFiles}); each {@code ...Image} method returns the picture instead.
 *
 * <pre>{@code
 * List<Path> files = TrainingPlots.writeAll(history, metrics, outputDir);
 * // outputDir/loss.png, outputDir/accuracy.png, outputDir/confusion-matrix.png
 * }</pre>
 */
public final class TrainingPlots {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default width of the loss and accuracy plots, in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default height of the loss and accuracy plots, in pixels. */
    public static final int DEFAULT_HEIGHT = 600;
    /** Default width of the confusion matrix, in pixels: room for ten long class names. */
    public static final int CONFUSION_MATRIX_WIDTH = 1000;
    /** Default height of the confusion matrix, in pixels. */
    public static final int CONFUSION_MATRIX_HEIGHT = 900;
    /** The smallest width or height accepted, in pixels. */
    public static final int MIN_SIZE = 300;

    /** The loss plot's file name in {@link #writeAll}. */
    public static final String LOSS_FILE = "loss.png";
    /** The accuracy plot's file name in {@link #writeAll}. */
    public static final String ACCURACY_FILE = "accuracy.png";
    /** The confusion matrix's file name in {@link #writeAll}. */
    public static final String CONFUSION_MATRIX_FILE = "confusion-matrix.png";

    static final Color TRAIN_COLOR = new Color(0x1f77b4);
    static final Color TEST_COLOR = new Color(0xd62728);

    private TrainingPlots() {
    }

    /**
     * Writes the three plots into {@code dir} (created if missing) as {@value #LOSS_FILE},
     * {@value #ACCURACY_FILE} and {@value #CONFUSION_MATRIX_FILE}, at the default sizes.
     *
     * @return the three files, in that order
     * @throws IllegalArgumentException if the history is empty, or has no finite loss or no
     *                                  accuracy at all (see {@link #lossImage}, {@link #accuracyImage})
     */
    public static List<Path> writeAll(List<EpochRecord> history, ClassificationMetrics metrics, Path dir)
            throws IOException {
        Path loss = dir.resolve(LOSS_FILE);
        Path accuracy = dir.resolve(ACCURACY_FILE);
        Path confusion = dir.resolve(CONFUSION_MATRIX_FILE);
        writeLossPlot(history, loss);
        writeAccuracyPlot(history, accuracy);
        writeConfusionMatrix(metrics, confusion);
        return List.of(loss, accuracy, confusion);
    }

    /** Writes the loss plot, titled "Loss per epoch", at 800 x 600. */
    public static void writeLossPlot(List<EpochRecord> history, Path file) throws IOException {
        writeLossPlot(history, file, "Loss per epoch", DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes the loss plot with a title and size of your choice. */
    public static void writeLossPlot(List<EpochRecord> history, Path file, String title, int width, int height)
            throws IOException {
        OutputFiles.writePng(file, lossImage(history, title, width, height));
    }

    /** Writes the accuracy plot, titled "Accuracy per epoch", at 800 x 600. */
    public static void writeAccuracyPlot(List<EpochRecord> history, Path file) throws IOException {
        writeAccuracyPlot(history, file, "Accuracy per epoch", DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes the accuracy plot with a title and size of your choice. */
    public static void writeAccuracyPlot(List<EpochRecord> history, Path file, String title, int width, int height)
            throws IOException {
        OutputFiles.writePng(file, accuracyImage(history, title, width, height));
    }

    /** Writes the confusion matrix, titled "Confusion matrix", at 1000 x 900. */
    public static void writeConfusionMatrix(ClassificationMetrics metrics, Path file) throws IOException {
        writeConfusionMatrix(metrics, file, "Confusion matrix", CONFUSION_MATRIX_WIDTH, CONFUSION_MATRIX_HEIGHT);
    }

    /** Writes the confusion matrix with a title and size of your choice. */
    public static void writeConfusionMatrix(ClassificationMetrics metrics, Path file, String title, int width,
                                            int height) throws IOException {
        OutputFiles.writePng(file, confusionMatrixImage(metrics, title, width, height));
    }

    /**
     * The loss per epoch: train and test as two lines with markers; the legend gives the last
     * and the lowest value of each. Values that are not finite are left out.
     *
     * @throws IllegalArgumentException if the history is empty, its epochs do not increase, or it
     *                                  has no finite loss at all
     */
    public static BufferedImage lossImage(List<EpochRecord> history, String title, int width, int height) {
        return lineChart(history, title, "Loss", width, height, false,
                EpochRecord::trainLoss, EpochRecord::testLoss);
    }

    /**
     * The accuracy per epoch: train and test as two lines with markers; the legend gives the last
     * and the highest value of each. Values that are not measured (NaN) are left out.
     *
     * @throws IllegalArgumentException if the history is empty, its epochs do not increase, or it
     *                                  has no accuracy at all
     */
    public static BufferedImage accuracyImage(List<EpochRecord> history, String title, int width, int height) {
        return lineChart(history, title, "Accuracy", width, height, true,
                EpochRecord::trainAccuracy, EpochRecord::testAccuracy);
    }

    /**
     * The confusion matrix as a heat map: rows are the true classes, columns the predicted ones,
     * both labelled with the class names (column names turned 45 degrees when they do not fit
     * across a cell); each cell shows its count (when the cell is big enough for the digits), and
     * its colour the share of its row on a square-root scale (so that small confusions still
     * show), with a colour bar at the right.
     *
     * @throws IllegalArgumentException if the size is below {@value #MIN_SIZE} pixels, or too
     *                                  small for the number of classes
     */
    public static BufferedImage confusionMatrixImage(ClassificationMetrics metrics, String title, int width,
                                                     int height) {
        checkSize(width, height);
        return ConfusionMatrixPainter.paint(metrics, title, width, height);
    }

    static void checkSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a plot must be at least %d x %d pixels, got %d x %d", MIN_SIZE, MIN_SIZE, width, height));
        }
    }

    private static BufferedImage lineChart(List<EpochRecord> history, String title, String yTitle, int width,
                                           int height, boolean accuracy, ToDoubleFunction<EpochRecord> train,
                                           ToDoubleFunction<EpochRecord> test) {
        checkSize(width, height);
        checkHistory(history);
        double scale = Math.min(width / (double) DEFAULT_WIDTH, height / (double) DEFAULT_HEIGHT);
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle("Epoch").yAxisTitle(yTitle).build();
        style(chart, scale);
        boolean any = addSeries(chart, "train", history, train, accuracy, TRAIN_COLOR);
        any |= addSeries(chart, "test", history, test, accuracy, TEST_COLOR);
        if (!any) {
            throw new IllegalArgumentException("the history has no finite " + yTitle.toLowerCase(Locale.ROOT)
                    + " to plot, neither train nor test");
        }
        padYAxis(chart, history, train, test, accuracy);
        fitLegend(chart, width);
        if (history.size() > 30) {
            chart.getStyler().setMarkerSize((int) Math.max(3, Math.round(4 * scale)));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Sets the y range to the data plus a margin, so that the lines never touch the frame and
     * XChart finds round ticks even for one or two epochs; accuracy stays within [0, 1].
     */
    private static void padYAxis(XYChart chart, List<EpochRecord> history, ToDoubleFunction<EpochRecord> train,
                                 ToDoubleFunction<EpochRecord> test, boolean isAccuracy) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (EpochRecord r : history) {
            for (double y : new double[] {train.applyAsDouble(r), test.applyAsDouble(r)}) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        double pad = Math.max((max - min) * 0.08, Math.max(Math.abs(max), 1e-3) * 0.01);
        double low = min - pad;
        double high = max + pad;
        if (isAccuracy) {
            low = Math.max(0, low);
            high = Math.min(1, high);
        } else if (min >= 0) {
            low = Math.max(0, low);
        }
        chart.getStyler().setYAxisMin(low).setYAxisMax(high);
    }

    /** Stacks the legend entries when they do not fit side by side under the plot. */
    private static void fitLegend(XYChart chart, int width) {
        Styler styler = chart.getStyler();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(styler.getLegendFont());
            int total = 0;
            for (String name : chart.getSeriesMap().keySet()) {
                total += fm.stringWidth(name) + styler.getLegendSeriesLineLength() + 3 * styler.getLegendPadding();
            }
            if (total > width - 2 * styler.getChartPadding() - 2 * styler.getLegendPadding()) {
                styler.setLegendLayout(Styler.LegendLayout.Vertical);
            }
        } finally {
            g.dispose();
        }
    }

    private static void checkHistory(List<EpochRecord> history) {
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("the history is empty: record at least one epoch before plotting");
        }
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).epoch() <= history.get(i - 1).epoch()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the epochs of the history must increase, but entry %d has epoch %d after epoch %d",
                        i, history.get(i).epoch(), history.get(i - 1).epoch()));
            }
        }
    }

    private static void style(XYChart chart, double scale) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderColor(Color.GRAY)
                .setChartTitleFont(font(Font.BOLD, 20, scale))
                .setLegendFont(font(Font.PLAIN, 14, scale))
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendBorderColor(Color.LIGHT_GRAY)
                .setLegendSeriesLineLength((int) Math.round(28 * scale))
                .setMarkerSize((int) Math.max(4, Math.round(8 * scale)))
                .setChartPadding((int) Math.round(12 * scale))
                .setAntiAlias(true);
        chart.getStyler().setAxisTitleFont(font(Font.PLAIN, 16, scale))
                .setAxisTickLabelsFont(font(Font.PLAIN, 13, scale))
                .setPlotGridLinesColor(new Color(0xdddddd))
                .setYAxisDecimalPattern("0.00")
                .setLocale(Locale.ROOT);
        // Epochs are whole numbers: label whole ticks only (XChart then puts the ticks on the epochs).
        chart.getStyler().setAxisTicksLineVisible(false)
                .setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-9
                        ? Long.toString(Math.round(x)) : "");
    }

    private static Font font(int style, int size, double scale) {
        return new Font(Font.SANS_SERIF, style, (int) Math.max(9, Math.round(size * scale)));
    }

    /** Adds the finite points of one series; returns false (and adds nothing) if there are none. */
    private static boolean addSeries(XYChart chart, String name, List<EpochRecord> history,
                                     ToDoubleFunction<EpochRecord> value, boolean higherIsBetter, Color color) {
        List<Integer> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int bestEpoch = -1;
        double best = Double.NaN;
        for (EpochRecord r : history) {
            double y = value.applyAsDouble(r);
            if (Double.isFinite(y)) {
                xs.add(r.epoch());
                ys.add(y);
                if (bestEpoch < 0 || (higherIsBetter ? y > best : y < best)) {
                    best = y;
                    bestEpoch = r.epoch();
                }
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        String bestWord = higherIsBetter ? "best" : "lowest";
        String label = bestEpoch == xs.get(xs.size() - 1)
                ? String.format(Locale.ROOT, "%s: last %.3f (the %s)", name, best, bestWord)
                : String.format(Locale.ROOT, "%s: last %.3f, %s %.3f at epoch %d", name, ys.get(ys.size() - 1),
                        bestWord, best, bestEpoch);
        XYSeries series = chart.addSeries(label, xs, ys);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return true;
    }
}
