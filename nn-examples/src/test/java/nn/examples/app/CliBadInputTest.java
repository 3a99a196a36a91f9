package nn.examples.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line part of the catalogue of bad inputs (the library's part is nn-core's
 * {@code BadInputCatalogueTest}): each case exits with a non-zero code and an error line that
 * names the option or file and what was expected, never a stack trace.
 */
class CliBadInputTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        data = dir.resolve("data");
        NnAppTest.writeDataSet(data, "train", 20, 1);
        NnAppTest.writeDataSet(data, "t10k", 20, 2);
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Runs the program, expects it to fail, and checks its error output names every fragment. */
    private void fails(String[] args, String... fragments) {
        errBytes.reset();
        int code = NnApp.run(args);
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, code, "exit code of " + String.join(" ", args) + "; stderr:\n" + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "stderr does not say '" + f + "':\n" + err);
        }
        assertFalse(err.contains("\tat "), "a stack trace:\n" + err);
    }

    private String[] train(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "train";
        args[1] = "--data";
        args[2] = data.toString();
        args[3] = "--out=" + dir.resolve("out");
        System.arraycopy(more, 0, args, 4, more.length);
        return args;
    }

    @Test
    void learningRateZeroOrNegative() {
        fails(train("--lr", "0"), "--lr must be a positive finite number, got 0.0");
        fails(train("--lr", "-0.5"), "--lr must be a positive finite number, got -0.5");
    }

    @Test
    void learningRateThatIsNotANumber() {
        fails(train("--lr", "fast"), "--lr", "'fast'");
    }

    @Test
    void momentumOutOfRange() {
        fails(train("--momentum", "1.5"), "--momentum must be in [0, 1), got 1.5");
    }

    @Test
    void batchSizeZero() {
        fails(train("--batch-size", "0"), "--batch-size must be at least 1, got 0");
    }

    @Test
    void batchSizeLargerThanTheData() {
        fails(train("--batch-size", "64", "--epochs", "1", "--arch", "784-10"),
                "batch size (64) is larger than the data set (20 samples); use at most 20");
    }

    @Test
    void epochsZero() {
        fails(train("--epochs", "0"), "--epochs must be at least 1, got 0");
    }

    @Test
    void threadsZero() {
        fails(train("--threads", "0"), "--threads must be at least 1, got 0");
    }

    @Test
    void limitZero() {
        fails(train("--limit", "0"), "--limit must be at least 1, got 0");
    }

    @Test
    void aLayerOfSizeZero() {
        fails(train("--arch", "784-0-10"), "layer sizes must be positive, got [784, 0, 10]");
    }

    @Test
    void anUnknownReduction() {
        fails(train("--reduction", "AVERAGE"), "--reduction", "AVERAGE");
    }

    @Test
    void aDataFileWithTheWrongMagic() throws IOException {
        Path labels = data.resolve("train-labels-idx1-ubyte.gz");
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(labels)))) {
            o.writeInt(0x803); // an images file's magic in the labels file
            o.writeInt(0);
            o.writeInt(28);
            o.writeInt(28);
        }
        fails(train("--epochs", "1"), "train-labels-idx1-ubyte.gz", "expected magic 0x00000801 (labels), found 0x00000803");
    }

    @Test
    void evaluateAFileThatIsNotAModel() throws IOException {
        Path notAModel = dir.resolve("notes.nnm");
        Files.writeString(notAModel, "hello");
        fails(new String[] {"evaluate", "--model", notAModel.toString(), "--data", data.toString()},
                "notes.nnm", "not an nn model file");
    }

    @Test
    void evaluateATruncatedModel() throws IOException {
        assertEquals(0, NnApp.run(train("--epochs", "1", "--arch", "784-10", "--batch-size", "10")));
        Path model = dir.resolve("out").resolve("model.nnm");
        byte[] bytes = Files.readAllBytes(model);
        Path cut = dir.resolve("cut.nnm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        fails(new String[] {"evaluate", "--model", cut.toString(), "--data", data.toString()}, "cut.nnm", "truncated");
    }

    @Test
    void evaluateAMissingModel() {
        fails(new String[] {"evaluate", "--model", dir.resolve("missing.nnm").toString()}, "missing.nnm: no such file");
    }

    @Test
    void evaluateADirectoryAsAModel() {
        fails(new String[] {"evaluate", "--model", data.toString()}, data + ": is a directory; expected a model file");
    }

    @Test
    void predictNothing() throws IOException {
        fails(new String[] {"predict", "--model", dir.resolve("m.nnm").toString()}, "say what to predict");
    }

    @Test
    void predictAnIndexOutsideTheTestSet() {
        assertEquals(0, NnApp.run(train("--epochs", "1", "--arch", "784-10", "--batch-size", "10")));
        fails(new String[] {"predict", "--model", dir.resolve("out").resolve("model.nnm").toString(), "--data",
            data.toString(), "--index", "20"}, "--index 20 is outside the test set [0, 20)");
    }

    @Test
    void predictAFileThatIsNotAnImage() throws IOException {
        assertEquals(0, NnApp.run(train("--epochs", "1", "--arch", "784-10", "--batch-size", "10")));
        Path text = dir.resolve("shoe.png");
        Files.writeString(text, "not a picture");
        fails(new String[] {"predict", "--model", dir.resolve("out").resolve("model.nnm").toString(), "--image",
            text.toString()}, "shoe.png", "not an image file");
    }

    @Test
    void predictAMissingImage() {
        assertEquals(0, NnApp.run(train("--epochs", "1", "--arch", "784-10", "--batch-size", "10")));
        fails(new String[] {"predict", "--model", dir.resolve("out").resolve("model.nnm").toString(), "--image",
            dir.resolve("missing.png").toString()}, "missing.png: no such file; expected an image file");
    }

    @Test
    void predictTopZero() {
        assertEquals(0, NnApp.run(train("--epochs", "1", "--arch", "784-10", "--batch-size", "10")));
        fails(new String[] {"predict", "--model", dir.resolve("out").resolve("model.nnm").toString(), "--data",
            data.toString(), "--index", "0", "--top", "0"}, "--top must be at least 1, got 0");
    }
}
