package nn.examples.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line program end to end on a small synthetic data set in Fashion-MNIST's format,
 * which the test writes: ten classes, each a bright bar at its own place in a 28x28 image.
 */
class NnAppTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainEvaluateAndPredictOnASmallDataSet() throws IOException {
        Path data = dir.resolve("data");
        writeDataSet(data, "train", 600, 1);
        writeDataSet(data, "t10k", 200, 2);
        Path output = dir.resolve("out");
        int code = NnApp.run("train", "--data", data.toString(), "--arch", "784-32-10", "--epochs", "3",
                "--batch-size", "20", "--lr", "0.05", "--out", output.toString());
        assertEquals(0, code, out() + err());
        assertTrue(out().contains("RESULT: test accuracy"), out());
        assertTrue(out().contains("T-shirt/top"), "the report names the classes:\n" + out());
        for (String file : new String[] {"model.nnm", "loss.png", "accuracy.png", "confusion-matrix.png",
                "history.csv", "metrics.txt"}) {
            assertTrue(Files.size(output.resolve(file)) > 0, file);
        }
        double accuracy = Double.parseDouble(out().replaceAll("(?s).*RESULT: test accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, "bars at ten places are easy to tell apart; got " + accuracy);

        outBytes.reset();
        assertEquals(0, NnApp.run("evaluate", "--model", output.resolve("model.nnm").toString(),
                "--data", data.toString()), err());
        assertTrue(out().contains(String.format(java.util.Locale.ROOT, "RESULT: test accuracy %.4f", accuracy)),
                "evaluating the saved model gives the accuracy training printed:\n" + out());

        outBytes.reset();
        assertEquals(0, NnApp.run("predict", "--model", output.resolve("model.nnm").toString(),
                "--data", data.toString(), "--index", "0,1"), err());
        assertTrue(out().contains("test image 0 (truly "), out());
        assertTrue(out().contains("test image 1 (truly "), out());
    }

    @Test
    void trainWithBatchNormAndDropoutSavesAModelThatEvaluatesAlike() throws IOException {
        Path data = dir.resolve("data");
        writeDataSet(data, "train", 600, 1);
        writeDataSet(data, "t10k", 200, 2);
        Path output = dir.resolve("out");
        int code = NnApp.run("train", "--data", data.toString(), "--arch", "784-32-10", "--epochs", "3",
                "--batch-size", "20", "--lr", "0.05", "--batch-norm", "--dropout", "0.2", "--out", output.toString());
        assertEquals(0, code, out() + err());
        assertTrue(out().contains("batch norm, dropout 0.2"), "the architecture line names them:\n" + out());
        double accuracy = Double.parseDouble(out().replaceAll("(?s).*RESULT: test accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, "bars at ten places are easy to tell apart; got " + accuracy);
        outBytes.reset();
        assertEquals(0, NnApp.run("evaluate", "--model", output.resolve("model.nnm").toString(),
                "--data", data.toString()), err());
        assertTrue(out().contains(String.format(java.util.Locale.ROOT, "RESULT: test accuracy %.4f", accuracy)),
                "the saved model (running statistics included) gives the accuracy training printed:\n" + out());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--dropout", "1"));
        assertTrue(err().contains("the dropout rate must be in [0, 1) (0 for no dropout), got 1.0"), err());
    }

    @Test
    void checkpointsResumeToTheSameModelAsOneRun() throws IOException {
        Path data = dir.resolve("data");
        writeDataSet(data, "train", 600, 1);
        writeDataSet(data, "t10k", 200, 2);
        String[] common = {"train", "--data", data.toString(), "--arch", "784-32-10", "--batch-size", "20",
            "--lr", "0.05", "--validation-split", "0.1", "--epochs", "4"};
        Path whole = dir.resolve("whole");
        assertEquals(0, NnApp.run(concat(common, "--out", whole.toString())), out() + err());
        assertTrue(out().contains("validation loss"), out());

        // the same run, stopped after 2 epochs (a checkpoint then) and resumed
        Path ck = dir.resolve("checkpoints");
        Path first = dir.resolve("first");
        String[] stopped = common.clone();
        stopped[stopped.length - 1] = "2";
        assertEquals(0, NnApp.run(concat(stopped, "--schedule", "cosine(epochs=4)", "--checkpoints", ck.toString(),
                "--out", first.toString())), out() + err());
        Path resumed = dir.resolve("resumed");
        outBytes.reset();
        assertEquals(0, NnApp.run(concat(common, "--schedule", "cosine(epochs=4)", "--checkpoints", ck.toString(),
                "--resume", "--out", resumed.toString())), out() + err());
        assertTrue(out().contains("resuming from " + ck + " after epoch 2"), out());
        assertTrue(out().contains("epoch  3/4") && !out().contains("epoch  1/4"), out());
        var a = nn.core.io.ModelFile.load(whole.resolve("model.nnm")).parameters();
        var b = nn.core.io.ModelFile.load(resumed.resolve("model.nnm")).parameters();
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(),
                    a.get(i).name());
        }
    }

    @Test
    void earlyStoppingStopsAndSaysWhichEpochItKept() throws IOException {
        Path data = dir.resolve("data");
        writeDataSet(data, "train", 600, 1);
        writeDataSet(data, "t10k", 200, 2);
        // these classes are learnt within a few epochs; then the loss falls by less than 0.01 an epoch
        assertEquals(0, NnApp.run("train", "--data", data.toString(), "--arch", "784-32-10", "--batch-size", "20",
                "--lr", "0.05", "--schedule", "constant", "--epochs", "30", "--early-stopping", "2",
                "--min-delta", "0.01", "--out", dir.resolve("out").toString()), out() + err());
        assertTrue(out().matches("(?s).*stopped early after epoch \\d+; kept the weights of epoch \\d+.*"), out());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--resume"));
        assertTrue(err().contains("--resume needs --checkpoints DIR"), err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, NnApp.run("--help"));
        for (String command : new String[] {"train", "evaluate", "predict", "example"}) {
            assertTrue(out().contains(command), out());
        }
        outBytes.reset();
        assertEquals(0, NnApp.run("train", "--help"));
        assertTrue(out().contains("--arch") && out().contains("--lr") && out().contains("--threads"), out());
    }

    @Test
    void badInputGetsAMessageNotAStackTrace() throws IOException {
        Path data = dir.resolve("data");
        writeDataSet(data, "train", 20, 1);
        writeDataSet(data, "t10k", 20, 2);
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--activation", "relux"));
        assertTrue(err().contains("nn: error: activation 'relux' not found; available: "), err());
        assertTrue(!err().contains("\tat "), "no stack trace:\n" + err());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--arch", "784-x-10"));
        assertTrue(err().contains("'x' is not a layer size"), err());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--arch", "100-10"));
        assertTrue(err().contains("the images have 784 pixels"), err());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--loss", "nope"));
        assertTrue(err().contains("loss 'nope' not found; available: ") && err().contains("softmax_cross_entropy"),
                err());
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--schedule", "nope"));
        assertTrue(err().contains("schedule 'nope' not found; available: cosine, cosine(epochs=N), constant"), err());
        errBytes.reset();
        assertEquals(1, NnApp.run("evaluate", "--model", dir.resolve("missing.nnm").toString()));
        assertTrue(err().contains("missing.nnm"), err());
    }

    /** Writes {@code prefix}-images-idx3-ubyte.gz and labels: class c lights up rows 2c+3..2c+5. */
    static void writeDataSet(Path folder, String prefix, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        byte[] labels = new byte[count];
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(10);
            labels[i] = (byte) c;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int value = random.nextInt(40);
                if (row >= 2 * c + 3 && row <= 2 * c + 5) {
                    value += 160;
                }
                pixels[i * 784 + p] = (byte) value;
            }
        }
        try (DataOutputStream o = gzip(folder.resolve(prefix + "-images-idx3-ubyte.gz"))) {
            o.writeInt(0x803);
            o.writeInt(count);
            o.writeInt(28);
            o.writeInt(28);
            o.write(pixels);
        }
        try (DataOutputStream o = gzip(folder.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            o.writeInt(0x801);
            o.writeInt(count);
            o.write(labels);
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(raw));
    }
}
