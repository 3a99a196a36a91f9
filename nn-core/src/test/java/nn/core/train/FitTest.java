package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FitTest {

    private static Sequential mlp(long seed) {
        return new Sequential(8, List.of(
                new Dense(8, 16, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(16, 4, Initializers.heNormal(), Initializers.zeros())), seed);
    }

    /** Class = index of the largest of the first four inputs, shifted by {@code shift} (mod 4). */
    private static Tensor labels(Tensor x, int shift) {
        Tensor t = Tensor.zeros(x.rows(), 1);
        for (int r = 0; r < x.rows(); r++) {
            int best = 0;
            for (int j = 1; j < 4; j++) {
                if (x.data()[r * x.cols() + j] > x.data()[r * x.cols() + best]) {
                    best = j;
                }
            }
            t.data()[r] = (best + shift) % 4;
        }
        return t;
    }

    private static float[][] weights(Sequential net) {
        List<Parameter> ps = net.parameters();
        float[][] w = new float[ps.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = ps.get(i).value().data().clone();
        }
        return w;
    }

    private static Trainer trainer(Sequential net) {
        return new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1, 0.9));
    }

    /** Records the weights after every epoch. */
    private static final class Snapshots implements TrainingListener {
        final List<float[][]> after = new ArrayList<>();

        @Override
        public void onEpochEnd(EpochResult result, TrainingContext context) {
            after.add(weights(context.model()));
        }
    }

    @Test
    void earlyStoppingStopsWhenValidationGetsWorseAndRestoresTheBestEpoch() {
        Tensor x = TestData.normal(1, 400, 8);
        Tensor y = labels(x, 0);
        Tensor vx = TestData.normal(2, 200, 8);
        Tensor vy = labels(vx, 1); // learning the training rule makes these worse
        Sequential net = mlp(3);
        Snapshots snapshots = new Snapshots();
        EarlyStopping stopping = new EarlyStopping("val_loss", 2, 0, true);
        List<EpochResult> history = trainer(net).fit(x, y,
                Fit.epochs(30).batchSize(16).seed(4).validation(vx, vy).listener(snapshots).listener(stopping));

        assertTrue(history.size() < 30, "stopped early, after " + history.size() + " epochs");
        int best = stopping.bestEpoch();
        assertEquals(best + 2, history.size(), "two epochs without improvement after the best");
        double bestLoss = history.stream().mapToDouble(EpochResult::validationLoss).min().orElseThrow();
        assertEquals(bestLoss, history.get(best - 1).validationLoss());
        float[][] now = weights(net);
        float[][] atBest = snapshots.after.get(best - 1);
        for (int i = 0; i < now.length; i++) {
            assertArrayEquals(atBest[i], now[i], "parameter " + i + " is back to epoch " + best + "'s");
        }
        assertFalse(java.util.Arrays.equals(snapshots.after.get(history.size() - 1)[0], now[0]),
                "the last epoch's weights differ from the best, so restoring did something");
    }

    @Test
    void withoutEarlyStoppingEveryEpochRuns() {
        Tensor x = TestData.normal(1, 400, 8);
        Tensor vx = TestData.normal(2, 200, 8);
        List<EpochResult> history = trainer(mlp(3)).fit(x, labels(x, 0),
                Fit.epochs(8).batchSize(16).seed(4).validation(vx, labels(vx, 1)));
        assertEquals(8, history.size());
        assertTrue(history.get(7).validationLoss() > history.get(0).validationLoss(),
                "this set-up makes validation worse: " + history);
    }

    @Test
    void earlyStoppingOnAnImprovingMetricNeverStops() {
        Tensor x = TestData.normal(1, 400, 8);
        Tensor y = labels(x, 0);
        EarlyStopping stopping = new EarlyStopping("val_accuracy", 3, 0, true);
        List<EpochResult> history = trainer(mlp(3)).fit(x, y,
                Fit.epochs(6).batchSize(16).seed(4).validationSplit(0.25).listener(stopping));
        assertEquals(6, history.size());
        assertTrue(history.get(5).validationAccuracy() > 0.8, history.toString());
    }

    @Test
    void aValidationSplitTrainsOnTheFirstRowsOnlyAndValidatesOnTheLast() {
        Tensor x = TestData.normal(5, 100, 8);
        Tensor y = labels(x, 0);
        Sequential split = mlp(6);
        List<EpochResult> history = trainer(split).fit(x, y, Fit.epochs(3).batchSize(10).seed(7).validationSplit(0.2));
        Sequential firstRows = mlp(6);
        Trainer plain = trainer(firstRows);
        plain.fit(x.sliceRows(0, 80), y.sliceRows(0, 80), Fit.epochs(3).batchSize(10).seed(7));
        float[][] a = weights(split);
        float[][] b = weights(firstRows);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(b[i], a[i], "parameter " + i);
        }
        Trainer.Evaluation last = plain.evaluate(x.sliceRows(80, 100), y.sliceRows(80, 100));
        assertEquals(last.loss(), history.get(2).validationLoss(), 1e-6);
        assertEquals(last.accuracy(), history.get(2).validationAccuracy());
        assertEquals(0.1, history.get(2).learningRate(), 1e-7);
    }

    @Test
    void evaluationInChunksEqualsOnePieceForMeanAndSum() {
        Tensor x = TestData.normal(8, 2500, 8);
        Tensor y = labels(x, 0);
        Sequential net = mlp(9);
        for (Reduction reduction : Reduction.values()) {
            Trainer t = new Trainer(net, Objective.softmaxCrossEntropy(reduction), new Sgd(0.1));
            Trainer whole = new Trainer(net, (p, target) -> p.softmaxCrossEntropy(target, reduction), new Sgd(0.1));
            Trainer.Evaluation chunked = t.evaluate(x, y);
            Trainer.Evaluation onePiece = whole.evaluate(x, y);
            assertEquals(onePiece.loss(), chunked.loss(), Math.abs(onePiece.loss()) * 1e-5, reduction.name());
            assertEquals(onePiece.accuracy(), chunked.accuracy());
        }
    }

    @Test
    void eachEpochsOrderDependsOnTheSeedAndTheEpochOnly() {
        assertNotEquals(Trainer.epochSeed(42, 1), Trainer.epochSeed(42, 2));
        assertNotEquals(Trainer.epochSeed(42, 1), Trainer.epochSeed(43, 1));
        // no two (seed, epoch) pairs nearby share a shuffle, as seed + epoch would for (42, 2) and (43, 1)
        Set<Long> seeds = new HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            for (int epoch = 1; epoch <= 64; epoch++) {
                assertTrue(seeds.add(Trainer.epochSeed(seed, epoch)), "seed " + seed + ", epoch " + epoch);
            }
        }
    }

    @Test
    void aListenerCanStopTrainingAndTheReasonIsKept() {
        Tensor x = TestData.normal(1, 40, 8);
        String[] reason = new String[1];
        List<EpochResult> history = trainer(mlp(1)).fit(x, labels(x, 0), Fit.epochs(10).batchSize(8)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult result, TrainingContext context) {
                        if (result.epoch() == 3) {
                            context.stop("enough");
                            context.stop("ignored");
                        }
                    }

                    @Override
                    public void onTrainEnd(List<EpochResult> h, TrainingContext context) {
                        reason[0] = context.stopReason();
                    }
                }));
        assertEquals(3, history.size());
        assertEquals("enough", reason[0]);
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        assertEquals("metric 'val_los' not found; available: loss, val_loss, val_accuracy",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_los", 1, 0, false))
                        .getMessage());
        assertEquals("the validation split (1.0) must be in (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).validationSplit(1)).getMessage());
        Tensor x = TestData.normal(1, 3, 8);
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> trainer(mlp(1)).fit(x, labels(x, 0), Fit.epochs(1).validationSplit(0.2)));
        assertEquals("a validation split of 0.2 of 3 rows leaves 0 for validation and 3 for training; both need at"
                + " least one", tiny.getMessage());
        IllegalStateException noValidation = assertThrows(IllegalStateException.class,
                () -> trainer(mlp(1)).fit(x, labels(x, 0),
                        Fit.epochs(2).batchSize(1).listener(new EarlyStopping("val_loss", 1, 0, false))));
        assertEquals("early stopping monitors 'val_loss', which epoch 1 did not measure: give validation data or a"
                + " validation split", noValidation.getMessage());
    }
}
