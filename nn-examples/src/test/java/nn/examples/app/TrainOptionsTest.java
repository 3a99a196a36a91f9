package nn.examples.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nn.core.graph.Parameter;
import nn.core.optim.RuleOptimizer;
import nn.core.optim.Sgd;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn train --optimizer SPEC --init SPEC}. */
class TrainOptionsTest {

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

    @Test
    void theDefaultOptimizerIsTodaysSgdWithMomentum() {
        RuleOptimizer byDefault = TrainCommand.optimizer("sgd", 0.02, 0.9);
        assertEquals("sgd(lr=0.02,momentum=0.9,dampening=0,weight_decay=0,nesterov=0)",
                byDefault.rule().spec().toString());
        // the same bits as Sgd(0.02, 0.9) over a few steps
        Parameter a = new Parameter("w", Tensor.vector(1f, -2f, 0.5f));
        Parameter b = new Parameter("w", Tensor.vector(1f, -2f, 0.5f));
        Sgd sgd = new Sgd(0.02, 0.9);
        for (int t = 0; t < 4; t++) {
            float[] g = {0.3f * t - 1, 2f, -0.7f};
            setGrad(a, g);
            setGrad(b, g);
            byDefault.step(List.of(a));
            sgd.step(List.of(b));
        }
        assertArrayEquals(b.value().data(), a.value().data(), 0f);
    }

    @Test
    void theSpecOverridesLrAndMomentum() {
        assertEquals(0.5, TrainCommand.optimizer("sgd(lr=0.5)", 0.02, 0.9).learningRate());
        assertEquals(0.0, TrainCommand.optimizer("sgd(momentum=0)", 0.02, 0.9).rule().hyperparameters().get("momentum"));
        RuleOptimizer adam = TrainCommand.optimizer("adam(beta2=0.99)", 0.003, 0.9);
        assertEquals(0.003, adam.learningRate());
        assertEquals(0.99, adam.rule().hyperparameters().get("beta2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.optimizer("adam(beta1=2)", 0.001, 0.9));
        assertTrue(e.getMessage().contains("--optimizer 'adam(beta1=2)'") && e.getMessage().contains("beta1 must be in [0, 1)"),
                e.getMessage());
    }

    @Test
    void schedulesAreReadFromTheirSpecs() {
        assertEquals(0.1, TrainCommand.schedule("cosine", 0.1, 10).rate(1), 1e-15);
        assertEquals(0.05, TrainCommand.schedule("cosine", 0.1, 10).rate(6), 1e-15);
        assertEquals(0.1, TrainCommand.schedule("constant", 0.1, 10).rate(9), 1e-15);
        assertEquals(0.05, TrainCommand.schedule("step", 0.1, 10).rate(6), 1e-15);
        assertEquals(0.025, TrainCommand.schedule("step(every=2, gamma=0.5)", 0.1, 10).rate(5), 1e-15);
        assertEquals(0.1 * 0.8 * 0.8, TrainCommand.schedule("exponential(gamma=0.8)", 0.1, 10).rate(3), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.schedule("step(every=1.5)", 0.1, 10));
        assertTrue(e.getMessage().contains("every must be a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.schedule("cosine(gamma=2)", 0.1, 10));
        assertTrue(e.getMessage().contains("cosine has no hyperparameter 'gamma'; it takes epochs"), e.getMessage());
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 2 / 4)),
                TrainCommand.schedule("cosine(epochs=4)", 0.1, 10).rate(3), 1e-15, "cosine over 4 epochs, not 10");
    }

    @Test
    void trainsWithAdamAndAnInitializerPlugin() throws IOException {
        Path data = dir.resolve("data");
        NnAppTest.writeDataSet(data, "train", 300, 1);
        NnAppTest.writeDataSet(data, "t10k", 100, 2);
        int code = NnApp.run("train", "--data", data.toString(), "--arch", "784-16-10", "--epochs", "2",
                "--batch-size", "20", "--optimizer", "adam", "--lr", "0.01", "--init", "lecun_normal",
                "--schedule", "exponential(gamma=0.8)", "--warmup", "1",
                "--out", dir.resolve("out").toString());
        String out = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out + errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(out.contains("adam(lr=0.01,beta1=0.9,beta2=0.999"), out);
        assertTrue(out.contains("lecun_normal init"), out);
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*RESULT: test accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, "bars at ten places are easy to tell apart; got " + accuracy);
    }

    @Test
    void badSpecsGetAMessage() throws IOException {
        Path data = dir.resolve("data");
        NnAppTest.writeDataSet(data, "train", 20, 1);
        NnAppTest.writeDataSet(data, "t10k", 20, 2);
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--optimizer", "adamm"));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("update rule 'adamm' not found; available: adagrad, adam, adamw, rmsprop, sgd"), err);
        errBytes.reset();
        assertEquals(1, NnApp.run("train", "--data", data.toString(), "--init", "xavier"));
        err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("--init 'xavier': expected he, glorot, normal or an initializer plugin spec"), err);
    }

    private static void setGrad(Parameter p, float[] g) {
        if (p.grad() == null) {
            p.backward(Tensor.of(g.clone(), p.value().shape()));
        } else {
            System.arraycopy(g, 0, p.grad().data(), 0, g.length);
        }
    }
}
