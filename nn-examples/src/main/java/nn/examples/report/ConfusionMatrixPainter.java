package nn.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws a confusion matrix with Java2D: title, class names on both axes, a count in every cell,
 * cells coloured by the share of their row, and a colour bar. The layout is measured from the
 * fonts, so any class names and sizes from {@link TrainingPlots#MIN_SIZE} up fit.
 */
final class ConfusionMatrixPainter {

    /** matplotlib's "Blues" colour map, from 0 to 1. */
    private static final int[] BLUES = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5,
            0x08519c, 0x08306b};
    /** The shares labelled on the colour bar. */
    private static final double[] BAR_TICKS = {0, 0.01, 0.05, 0.1, 0.25, 0.5, 1};
    private static final Color TEXT = new Color(0x202020);
    private static final Color ZERO_TEXT = new Color(0xb4b4b4);
    private static final Color GRID = new Color(0xd0d0d0);
    private static final Color BORDER = new Color(0x606060);
    private static final double SIN_45 = Math.sqrt(0.5);

    private ConfusionMatrixPainter() {
    }

    static BufferedImage paint(ClassificationMetrics metrics, String title, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new Layout(g, metrics, title, width, height).draw();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The colour of {@code value} in [0, 1] on the Blues map, linearly between its anchors. */
    static Color blues(double value) {
        double v = Math.max(0, Math.min(1, value)) * (BLUES.length - 1);
        int i = Math.min((int) v, BLUES.length - 2);
        double f = v - i;
        int a = BLUES[i];
        int b = BLUES[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    /** Where the colour scale puts a share: a square root, so that small confusions still show. */
    private static double scaled(double share) {
        return Math.sqrt(share);
    }

    private static boolean dark(Color c) {
        double luminance = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
        return luminance < 0.5;
    }

    /** Measures everything once, then draws. */
    private static final class Layout {
        private final Graphics2D g;
        private final ClassificationMetrics metrics;
        private final String title;
        private final int width;
        private final int height;
        private final int n;
        private final double scale;
        private final int margin;
        private final int gap;
        private final Font titleFont;
        private final Font subtitleFont;
        private final Font axisFont;
        private final Font labelFont;
        private final Font barFont;

        Layout(Graphics2D g, ClassificationMetrics metrics, String title, int width, int height) {
            this.g = g;
            this.metrics = metrics;
            this.title = title;
            this.width = width;
            this.height = height;
            this.n = metrics.classCount();
            this.scale = Math.min(width / 1000.0, height / 900.0);
            this.margin = px(18);
            this.gap = px(10);
            this.titleFont = font(Font.BOLD, 24);
            this.subtitleFont = font(Font.PLAIN, 15);
            this.axisFont = font(Font.BOLD, 17);
            this.barFont = font(Font.PLAIN, 13);
            // Class names must fit in a row of cells: shrink them for many classes.
            double roughCell = Math.min(width, height) * 0.65 / n;
            this.labelFont = new Font(Font.SANS_SERIF, Font.PLAIN,
                    (int) Math.max(6, Math.min(Math.round(15 * Math.max(scale, 0.6)), roughCell * 0.8)));
        }

        private int px(double size) {
            return (int) Math.max(2, Math.round(size * scale));
        }

        private Font font(int style, double size) {
            return new Font(Font.SANS_SERIF, style, (int) Math.max(9, Math.round(size * scale)));
        }

        void draw() {
            FontMetrics tm = g.getFontMetrics(titleFont);
            FontMetrics sm = g.getFontMetrics(subtitleFont);
            FontMetrics am = g.getFontMetrics(axisFont);
            FontMetrics lm = g.getFontMetrics(labelFont);
            FontMetrics bm = g.getFontMetrics(barFont);

            // Title and subtitle, centred at the top; the title shrinks, the subtitle breaks, to fit.
            Font fittedTitle = titleFont;
            while (g.getFontMetrics(fittedTitle).stringWidth(title) > width - 2 * margin && fittedTitle.getSize() > 9) {
                fittedTitle = fittedTitle.deriveFont(fittedTitle.getSize2D() - 1);
            }
            tm = g.getFontMetrics(fittedTitle);
            int y = margin + tm.getAscent();
            g.setColor(TEXT);
            centred(title, fittedTitle, width / 2.0, y);
            y += tm.getDescent() + gap / 2;
            String accuracy = String.format(Locale.ROOT, "accuracy %.3f (%d of %d correct)",
                    metrics.accuracy(), metrics.correctCount(), metrics.sampleCount());
            String colour = "cell colour: share of the true class (row)";
            String oneLine = accuracy + "  \u00b7  " + colour;
            List<String> subtitle = sm.stringWidth(oneLine) <= width - 2 * margin ? List.of(oneLine)
                    : List.of(accuracy, colour);
            g.setColor(BORDER);
            for (String line : subtitle) {
                y += sm.getAscent();
                centred(line, subtitleFont, width / 2.0, y);
                y += sm.getDescent();
            }
            int top = y + 2 * gap;

            // Widths and heights around the grid.
            int nameWidth = 0;
            for (String name : metrics.classNames()) {
                nameWidth = Math.max(nameWidth, lm.stringWidth(name));
            }
            int axisTitle = am.getHeight();
            int leftBlock = axisTitle + gap + nameWidth + gap;
            String barCaption = "share of the true class (square-root scale)";
            int barWidth = px(22);
            int barLabels = bm.stringWidth("100%");
            int rightBlock = 2 * gap + barWidth + px(6) + barLabels + gap + bm.getHeight();
            int availableWidth = width - 2 * margin - leftBlock - rightBlock;
            int availableHeight = height - top - margin;

            int horizontalBottom = gap + lm.getHeight() + gap + axisTitle;
            int cell = Math.min(availableWidth, availableHeight - horizontalBottom) / n;
            boolean rotated = nameWidth > cell - px(8);
            int bottomBlock = horizontalBottom;
            if (rotated) {
                bottomBlock = gap + (int) Math.ceil((nameWidth + lm.getHeight()) * SIN_45) + gap + axisTitle;
                cell = Math.min(availableWidth, availableHeight - bottomBlock) / n;
            }
            if (cell < 4) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%d x %d pixels is too small for a confusion matrix of %d classes named up to %d pixels "
                                + "wide; make the image larger", width, height, n, nameWidth));
            }
            int grid = cell * n;
            int gridLeft = margin + leftBlock + (availableWidth - grid) / 2;
            int gridTop = top + (availableHeight - bottomBlock - grid) / 2;

            drawCells(gridLeft, gridTop, cell);
            drawRowLabels(lm, gridLeft, gridTop, cell);
            int labelsBottom = drawColumnLabels(lm, gridLeft, gridTop + grid, cell, rotated);

            g.setColor(TEXT);
            centred("Predicted class", axisFont, gridLeft + grid / 2.0, labelsBottom + gap + am.getAscent());
            rotatedCentred("True class", axisFont, gridLeft - gap - nameWidth - gap - am.getDescent(),
                    gridTop + grid / 2.0);

            int barLeft = gridLeft + grid + 2 * gap;
            drawColourBar(bm, barLeft, gridTop, barWidth, grid);
            if (bm.stringWidth(barCaption) > grid) {
                barCaption = "share of the row";
            }
            g.setColor(BORDER);
            rotatedCentred(barCaption, barFont, barLeft + barWidth + px(6) + barLabels + gap + bm.getAscent(),
                    gridTop + grid / 2.0);
        }

        private void drawCells(int left, int top, int cell) {
            int[][] counts = metrics.confusionMatrix();
            for (int t = 0; t < n; t++) {
                int support = metrics.support(t);
                for (int p = 0; p < n; p++) {
                    double share = support == 0 ? 0 : (double) counts[t][p] / support;
                    Color fill = blues(scaled(share));
                    g.setColor(fill);
                    g.fillRect(left + p * cell, top + t * cell, cell, cell);
                }
            }
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1f));
            for (int i = 1; i < n; i++) {
                g.drawLine(left + i * cell, top, left + i * cell, top + n * cell);
                g.drawLine(left, top + i * cell, left + n * cell, top + i * cell);
            }
            g.setColor(BORDER);
            g.setStroke(new BasicStroke(Math.max(1f, (float) (1.5 * scale))));
            g.drawRect(left, top, n * cell, n * cell);

            // The counts: bold on the diagonal, pale where zero; shrunk to fit the cell, or left out.
            int widest = 1;
            for (int[] row : counts) {
                for (int c : row) {
                    widest = Math.max(widest, Integer.toString(c).length());
                }
            }
            float size = (float) Math.min(Math.max(cell * 0.33, 6), 26 * Math.max(scale, 0.6));
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(size);
            Font bold = plain.deriveFont(Font.BOLD);
            String widestText = "8".repeat(widest);
            while (g.getFontMetrics(bold).stringWidth(widestText) > cell - 4 && bold.getSize2D() > 6) {
                plain = plain.deriveFont(plain.getSize2D() - 0.5f);
                bold = bold.deriveFont(bold.getSize2D() - 0.5f);
            }
            if (g.getFontMetrics(bold).stringWidth(widestText) > cell - 2) {
                return;
            }
            for (int t = 0; t < n; t++) {
                int support = metrics.support(t);
                for (int p = 0; p < n; p++) {
                    int count = counts[t][p];
                    double share = support == 0 ? 0 : (double) count / support;
                    Color fill = blues(scaled(share));
                    g.setColor(count == 0 ? ZERO_TEXT : dark(fill) ? Color.WHITE : TEXT);
                    Font f = t == p ? bold : plain;
                    FontMetrics fm = g.getFontMetrics(f);
                    double cx = left + (p + 0.5) * cell;
                    double cy = top + (t + 0.5) * cell + (fm.getAscent() - fm.getDescent()) / 2.0;
                    centred(Integer.toString(count), f, cx, cy);
                }
            }
        }

        private void drawRowLabels(FontMetrics lm, int gridLeft, int gridTop, int cell) {
            g.setColor(TEXT);
            g.setFont(labelFont);
            for (int t = 0; t < n; t++) {
                String name = metrics.className(t);
                float x = gridLeft - gap / 2f - lm.stringWidth(name);
                float y = gridTop + (t + 0.5f) * cell + (lm.getAscent() - lm.getDescent()) / 2f;
                g.drawString(name, x, y);
            }
        }

        /** Draws the column labels under the grid; returns the y where they end. */
        private int drawColumnLabels(FontMetrics lm, int gridLeft, int gridBottom, int cell, boolean rotated) {
            g.setColor(TEXT);
            g.setFont(labelFont);
            int bottom = gridBottom;
            for (int p = 0; p < n; p++) {
                String name = metrics.className(p);
                double cx = gridLeft + (p + 0.5) * cell;
                if (!rotated) {
                    int y = gridBottom + gap / 2 + lm.getAscent();
                    centred(name, labelFont, cx, y);
                    bottom = Math.max(bottom, y + lm.getDescent());
                } else {
                    // Turned 45 degrees, ending just under the middle of its column.
                    AffineTransform saved = g.getTransform();
                    g.translate(cx, gridBottom + gap / 2.0 + lm.getAscent() * SIN_45 / 2);
                    g.rotate(-Math.PI / 4);
                    g.drawString(name, -lm.stringWidth(name), lm.getAscent() / 2f);
                    g.setTransform(saved);
                    int depth = (int) Math.ceil((lm.stringWidth(name) + lm.getHeight()) * SIN_45);
                    bottom = Math.max(bottom, gridBottom + gap / 2 + depth);
                }
            }
            return bottom;
        }

        private void drawColourBar(FontMetrics bm, int left, int top, int barWidth, int barHeight) {
            for (int i = 0; i < barHeight; i++) {
                g.setColor(blues(1 - (i + 0.5) / barHeight));
                g.fillRect(left, top + i, barWidth, 1);
            }
            g.setColor(BORDER);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, barWidth, barHeight);
            g.setFont(barFont);
            double lastY = Double.NaN;
            for (int i = BAR_TICKS.length - 1; i >= 0; i--) {
                double share = BAR_TICKS[i];
                double y = top + barHeight - scaled(share) * barHeight;
                if (!Double.isNaN(lastY) && Math.abs(y - lastY) < bm.getHeight()) {
                    continue;
                }
                lastY = y;
                g.drawLine(left + barWidth, (int) Math.round(y), left + barWidth + px(5), (int) Math.round(y));
                String label = Math.round(share * 100) + "%";
                g.drawString(label, left + barWidth + px(6) + 1, (float) (y + (bm.getAscent() - bm.getDescent()) / 2.0));
            }
        }

        private void centred(String text, Font font, double x, double baseline) {
            g.setFont(font);
            g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
        }

        /** Text turned a quarter to the left (reading upwards), centred on (x, y); x is its baseline. */
        private void rotatedCentred(String text, Font font, double x, double y) {
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            centred(text, font, 0, 0);
            g.setTransform(saved);
        }
    }
}
