package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.io.ModelFile;
import nn.core.io.ModelFormatException;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Dense;
import nn.core.layers.Dropout;
import nn.core.network.Sequential;
import nn.core.optim.Optimizer;
import nn.core.optim.ReduceLrOnPlateau;
import nn.core.optim.RuleOptimizer;
import nn.core.optim.Schedules;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Sequential mlp() {
        return new Sequential(8, List.of(
                new Dense(8, 16, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("tanh")),
                new Dense(16, 4, Initializers.heNormal(), Initializers.zeros())), 11);
    }

    private static Tensor labels(Tensor x) {
        Tensor t = Tensor.zeros(x.rows(), 1);
        for (int r = 0; r < x.rows(); r++) {
            int best = 0;
            for (int j = 1; j < 4; j++) {
                if (x.data()[r * 8 + j] > x.data()[r * 8 + best]) {
                    best = j;
                }
            }
            t.data()[r] = best;
        }
        return t;
    }

    private static final Tensor X = TestData.normal(3, 300, 8);
    private static final Tensor Y = labels(X);

    /** A run with a stateful optimizer, a stateful schedule and a stateful listener. */
    private record Run(Sequential net, Optimizer optimizer, Trainer trainer, Fit fit) {
        static Run make(int epochs, Path checkpoints, boolean plateau) {
            Sequential net = mlp();
            Optimizer optimizer = RuleOptimizer.of("adam(lr=0.01)");
            Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), optimizer);
            Fit fit = Fit.epochs(epochs).batchSize(32).seed(5).validationSplit(0.2)
                    .schedule(plateau ? new ReduceLrOnPlateau(0.01, ReduceLrOnPlateau.Mode.MIN, 0.5, 0, 0, 0, 1e-5)
                            : Schedules.cosine(0.01, epochs))
                    .listener(new EarlyStopping("val_loss", 100, 0, true));
            if (checkpoints != null) {
                fit = fit.checkpoints(checkpoints, 1, 100);
            }
            return new Run(net, optimizer, trainer, fit);
        }

        List<EpochResult> go() {
            return trainer.fit(X, Y, fit);
        }
    }

    private static void assertSameWeights(Sequential expected, Sequential actual) {
        List<Parameter> a = expected.parameters();
        List<Parameter> b = actual.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).name());
        }
    }

    @Test
    void resumingFromEveryEpochEndsWithTheSameBitsAsOneRun() throws IOException {
        for (boolean plateau : new boolean[] {false, true}) {
            Path ckpts = dir.resolve("plateau-" + plateau);
            Run whole = Run.make(6, ckpts, plateau);
            List<EpochResult> full = whole.go();
            assertEquals(6, full.size());
            for (int stop = 1; stop < 6; stop++) {
                Checkpoint cp = Checkpoint.read(Checkpoint.fileFor(ckpts, stop));
                assertEquals(stop, cp.epoch());
                Run resumed = Run.make(6, null, plateau);
                List<EpochResult> rest = resumed.trainer.fit(X, Y, resumed.fit.resume(cp));
                assertSameWeights(whole.net, resumed.net);
                assertEquals(6, rest.size());
                for (int e = 0; e < 6; e++) {
                    assertEquals(full.get(e).loss(), rest.get(e).loss(), "loss of epoch " + (e + 1));
                    assertEquals(full.get(e).validationLoss(), rest.get(e).validationLoss());
                    assertEquals(full.get(e).learningRate(), rest.get(e).learningRate());
                }
            }
        }
    }

    private static Sequential regularized() {
        return new Sequential(8, List.of(
                new Dense(8, 32, Initializers.heNormal(), Initializers.zeros()),
                new BatchNorm(),
                new ActivationLayer(Plugins.activation("relu")),
                new Dropout(0.3, 77),
                new Dense(32, 4, Initializers.heNormal(), Initializers.zeros())), 13);
    }

    @Test
    void dropoutMasksAndBatchNormStatisticsResumeToo() throws IOException {
        // 300 rows, 20% held out, batches of 32: 7 full batches and one of 16, so two recorded steps
        Sequential whole = regularized();
        Fit fit = Fit.epochs(5).batchSize(32).seed(8).validationSplit(0.2);
        new Trainer(whole, Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.05,momentum=0.9)"))
                .fit(X, Y, fit.checkpoints(dir, 1, 10));
        for (int stop = 1; stop < 5; stop++) {
            Sequential resumed = regularized();
            new Trainer(resumed, Objective.softmaxCrossEntropy(Reduction.MEAN),
                    RuleOptimizer.of("sgd(lr=0.05,momentum=0.9)"))
                    .fit(X, Y, fit.resume(Checkpoint.read(Checkpoint.fileFor(dir, stop))));
            assertSameWeights(whole, resumed); // running statistics included: they are buffers
            assertEquals(((Dropout) whole.layers().get(3)).masks().masksDrawn(),
                    ((Dropout) resumed.layers().get(3)).masks().masksDrawn());
        }
        assertEquals(5 * 8, ((Dropout) whole.layers().get(3)).masks().masksDrawn(), "one mask per step, none for"
                + " recording the two steps");
    }

    @Test
    void resumingWithoutTheOptimizerStateWouldNotGiveTheSameBits() throws IOException {
        Run whole = Run.make(4, dir, false);
        whole.go();
        Checkpoint cp = Checkpoint.read(Checkpoint.fileFor(dir, 2));
        Run naive = Run.make(4, null, false);
        // only the weights, as a model file would give them: Adam's moments start from zero again
        for (int i = 0; i < naive.net.parameters().size(); i++) {
            float[] w = cp.network().parameters().get(i).value().data();
            System.arraycopy(w, 0, naive.net.parameters().get(i).value().data(), 0, w.length);
        }
        naive.trainer.fit(X, Y, Fit.epochs(2).batchSize(32).seed(5).validationSplit(0.2));
        assertFalse(java.util.Arrays.equals(whole.net.parameters().get(0).value().data(),
                naive.net.parameters().get(0).value().data()));
    }

    @Test
    void onlyTheNewestFilesAreKept() throws IOException {
        Sequential net = mlp();
        new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.1,momentum=0.9)"))
                .fit(X, Y, Fit.epochs(7).batchSize(50).checkpoints(dir, 2, 2));
        // epochs 2, 4, 6 and the last, 7: the newest two are kept
        assertEquals(List.of(Checkpoint.fileFor(dir, 7), Checkpoint.fileFor(dir, 6)), Checkpoint.files(dir));
        assertEquals(7, Checkpoint.latest(dir).orElseThrow().epoch());
        assertTrue(Checkpoint.latest(dir.resolve("none")).isEmpty());
    }

    @Test
    void latestSkipsAFileThatDoesNotReadAndTakesTheOneBefore() throws IOException {
        Sequential net = mlp();
        new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.1)"))
                .fit(X, Y, Fit.epochs(3).batchSize(50).checkpoints(dir, 1, 5));
        Path newest = Checkpoint.fileFor(dir, 3);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(ModelFormatException.class, () -> Checkpoint.read(newest));
        assertEquals(2, Checkpoint.latest(dir).orElseThrow().epoch());
    }

    @Test
    void aModelFileIsNotACheckpoint() throws IOException {
        Path file = dir.resolve("model.nnm");
        ModelFile.save(mlp(), file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("not a readable checkpoint: it is a model file without checkpoint entries"),
                e.getMessage());
        // and a checkpoint is a model file: any reader loads its network
        new Trainer(mlp(), Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.1)"))
                .fit(X, Y, Fit.epochs(1).batchSize(50).checkpoints(dir, 1, 1));
        assertEquals(3, ModelFile.load(Checkpoint.fileFor(dir, 1)).layers().size());
    }

    @Test
    void resumingIntoAnotherNetworkSaysSo() throws IOException {
        new Trainer(mlp(), Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.1)"))
                .fit(X, Y, Fit.epochs(1).batchSize(50).checkpoints(dir, 1, 1));
        Checkpoint cp = Checkpoint.read(Checkpoint.fileFor(dir, 1));
        Sequential other = new Sequential(8, List.of(new Dense(8, 4)), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Trainer(other, Objective.softmaxCrossEntropy(Reduction.MEAN), RuleOptimizer.of("sgd(lr=0.1)"))
                        .fit(X, Y, Fit.epochs(2).resume(cp)));
        assertEquals("the checkpoint's network has 4 parameters, this one 2: resume with the network the checkpoint"
                + " was made from", e.getMessage());
    }

    @Test
    void aMissingFileOrADirectoryIsNamedAsSuch() {
        Path missing = dir.resolve("checkpoint-000001.nnm");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(IOException.class, () -> Checkpoint.read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": is a directory; expected a model file"), e.getMessage());
    }
}
