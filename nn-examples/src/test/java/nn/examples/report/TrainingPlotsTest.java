package nn.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void runsHeadless() throws ClassNotFoundException {
        Class.forName(TrainingPlots.class.getName()); // initializes the class, whatever ran before
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void writeAllWritesThreePngsOfTheDefaultSizes() throws IOException {
        List<Path> files = TrainingPlots.writeAll(ReportFixtures.history(), ReportFixtures.fashionMetrics(),
                dir.resolve("out"));
        assertEquals(List.of(dir.resolve("out/loss.png"), dir.resolve("out/accuracy.png"),
                dir.resolve("out/confusion-matrix.png")), files);
        BufferedImage loss = readPng(files.get(0), 800, 600);
        BufferedImage accuracy = readPng(files.get(1), 800, 600);
        BufferedImage confusion = readPng(files.get(2), 1000, 900);
        for (BufferedImage image : List.of(loss, accuracy, confusion)) {
            assertDrawn(image);
        }
        try (Stream<Path> listing = Files.list(dir.resolve("out"))) {
            assertEquals(3, listing.count(), "no temporary files are left behind");
        }
    }

    @Test
    void lineChartsDrawBothSeriesInTheirColours() throws IOException {
        Path file = dir.resolve("loss.png");
        TrainingPlots.writeLossPlot(ReportFixtures.history(), file);
        BufferedImage image = readPng(file, 800, 600);
        assertTrue(pixels(image, TrainingPlots.TRAIN_COLOR) > 200, "train line drawn");
        assertTrue(pixels(image, TrainingPlots.TEST_COLOR) > 200, "test line drawn");

        file = dir.resolve("accuracy.png");
        TrainingPlots.writeAccuracyPlot(ReportFixtures.history(), file, "Accuracy", 640, 480);
        image = readPng(file, 640, 480);
        assertTrue(pixels(image, TrainingPlots.TRAIN_COLOR) > 100, "train line drawn");
        assertTrue(pixels(image, TrainingPlots.TEST_COLOR) > 100, "test line drawn");
    }

    @Test
    void aSeriesNotMeasuredIsLeftOut() {
        List<EpochRecord> noTest = ReportFixtures.history().stream()
                .map(r -> new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), Double.NaN, Double.NaN, 1))
                .toList();
        BufferedImage image = TrainingPlots.accuracyImage(noTest, "Accuracy", 800, 600);
        assertTrue(pixels(image, TrainingPlots.TRAIN_COLOR) > 200);
        assertEquals(0, pixels(image, TrainingPlots.TEST_COLOR));
    }

    @Test
    void oneEpochIsEnough() {
        List<EpochRecord> one = List.of(new EpochRecord(1, 0.5, 0.82, 0.45, 0.84, 3));
        assertDrawn(TrainingPlots.lossImage(one, "Loss", 800, 600));
        assertDrawn(TrainingPlots.accuracyImage(one, "Accuracy", 800, 600));
    }

    @Test
    void confusionMatrixHasTheRequestedSizeAndDarkDiagonal() throws IOException {
        Path file = dir.resolve("cm.png");
        TrainingPlots.writeConfusionMatrix(ReportFixtures.fashionMetrics(), file, "Confusion matrix", 1200, 1000);
        BufferedImage image = readPng(file, 1200, 1000);
        assertDrawn(image);
        long darkBlue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getBlue() > 80 && c.getRed() < 40 && c.getBlue() - c.getRed() > 60) {
                    darkBlue++;
                }
            }
        }
        assertTrue(darkBlue > 10 * 40 * 40, "the diagonal cells are dark blue: " + darkBlue + " pixels");
    }

    @Test
    void confusionMatrixCopesWithSmallImagesAndManyClasses() {
        assertDrawn(TrainingPlots.confusionMatrixImage(ReportFixtures.fashionMetrics(), "CM", 300, 300));
        int n = 30;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
        }
        assertDrawn(TrainingPlots.confusionMatrixImage(ClassificationMetrics.of(labels, labels, n), "CM", 1000, 900));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlots.confusionMatrixImage(ClassificationMetrics.of(new int[] {0}, new int[] {0}, 400),
                        "CM", 300, 300));
        assertTrue(e.getMessage().contains("too small for a confusion matrix of 400 classes"), e.getMessage());
    }

    @Test
    void writingReplacesAnOldFile() throws IOException {
        Path file = dir.resolve("loss.png");
        Files.writeString(file, "old");
        TrainingPlots.writeLossPlot(ReportFixtures.history(), file);
        readPng(file, 800, 600);
        try (Stream<Path> listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void badHistoriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlots.lossImage(List.of(), "Loss", 800, 600));
        assertEquals("the history is empty: record at least one epoch before plotting", e.getMessage());

        List<EpochRecord> backwards = List.of(new EpochRecord(2, 1, 0.5, 1, 0.5, 1), new EpochRecord(1, 1, 0.5, 1, 0.5, 1));
        e = assertThrows(IllegalArgumentException.class, () -> TrainingPlots.lossImage(backwards, "Loss", 800, 600));
        assertEquals("the epochs of the history must increase, but entry 1 has epoch 1 after epoch 2", e.getMessage());

        List<EpochRecord> unmeasured = List.of(new EpochRecord(1, 1, Double.NaN, 1, Double.NaN, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlots.accuracyImage(unmeasured, "Accuracy", 800, 600));
        assertEquals("the history has no finite accuracy to plot, neither train nor test", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlots.lossImage(ReportFixtures.history(), "Loss", 100, 600));
        assertEquals("a plot must be at least 300 x 300 pixels, got 100 x 600", e.getMessage());
    }

    /** Reads a file that must be a PNG of the given size. */
    private static BufferedImage readPng(Path file, int width, int height) throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length);
        assertArrayEquals(PNG_SIGNATURE, head, file + " is not a PNG");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " cannot be read back");
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        return image;
    }

    /** Not blank: many colours (text and lines are anti-aliased) and a fair share of non-white pixels. */
    private static void assertDrawn(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long notWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    notWhite++;
                }
            }
        }
        assertTrue(colours.size() > 50, "only " + colours.size() + " colours");
        double share = (double) notWhite / (image.getWidth() * image.getHeight());
        assertTrue(share > 0.02, "only " + share + " of the pixels are not white");
    }

    private static long pixels(BufferedImage image, Color colour) {
        long count = 0;
        int target = colour.getRGB() & 0xffffff;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == target) {
                    count++;
                }
            }
        }
        return count;
    }
}
