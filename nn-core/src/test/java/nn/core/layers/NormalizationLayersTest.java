package nn.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.check.GradientChecker;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.EpochResult;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** The Dropout, BatchNorm and LayerNorm layers inside networks, trainers and predictors. */
class NormalizationLayersTest {

    @Test
    void theLayersPassTheGradientCheckInTrainingAndInference() {
        for (boolean training : new boolean[] {true, false}) {
            GradientChecker.layer(new BatchNorm(), 5, 6, training, 1).assertPassed();
            GradientChecker.layer(new LayerNorm(), 5, 4, training, 2).assertPassed();
        }
        // dropout differs by mode: at inference the identity; in training checked with a fixed mask in
        // NormalizationOpsTest (each evaluation here would draw a new one)
        GradientChecker.layer(new Dropout(0.5), 5, 4, false, 3).assertPassed();
        GradientChecker.layer(new Dropout(0), 5, 4, true, 3).assertPassed();
    }

    @Test
    void batchNormMakesTwoParametersAndTwoBuffers() {
        Sequential net = new Sequential(3, List.of(new BatchNorm(), new Dense(3, 2)), 1);
        List<String> names = new ArrayList<>();
        List<Boolean> trainable = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            names.add(p.name());
            trainable.add(p.trainable());
        }
        assertEquals(List.of("0.gamma", "0.beta", "0.running_mean", "0.running_var", "1.weights", "1.bias"), names);
        assertEquals(List.of(true, true, false, false, true, true), trainable);
        assertArrayEquals(new float[] {1, 1, 1}, net.parameters().get(0).value().data());
        assertArrayEquals(new float[] {0, 0, 0}, net.parameters().get(2).value().data());
        assertArrayEquals(new float[] {1, 1, 1}, net.parameters().get(3).value().data());
        assertEquals("BatchNorm(3, eps=1.0E-5, momentum=0.1)", net.layers().get(0).toString());
    }

    /** Per-column mean and variance (dividing by {@code n - correction}) of a matrix, in double. */
    private static double[][] columnStatistics(Tensor x, int correction) {
        int n = x.rows();
        int c = x.cols();
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int j = 0; j < c; j++) {
            for (int r = 0; r < n; r++) {
                mean[j] += x.get(r, j);
            }
            mean[j] /= n;
            for (int r = 0; r < n; r++) {
                var[j] += (x.get(r, j) - mean[j]) * (x.get(r, j) - mean[j]);
            }
            var[j] /= n - correction;
        }
        return new double[][] {mean, var};
    }

    @Test
    void theTrainerUpdatesRunningStatisticsOncePerStepAndPredictUsesThem() {
        double momentum = 0.2;
        Sequential net = new Sequential(3, List.of(new BatchNorm(1e-5, momentum)), 1);
        Trainer trainer = new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.05));
        double[] mean = new double[3];
        double[] var = {1, 1, 1};
        int[] batchSizes = {8, 8, 5, 8, 5}; // two recorded graphs, each replayed
        for (int step = 0; step < batchSizes.length; step++) {
            Tensor x = TestData.uniform(10 + step, -2 + step, 3 + step, batchSizes[step], 3);
            trainer.step(x, TestData.normal(20 + step, batchSizes[step], 3));
            double[][] stats = columnStatistics(x, 1);
            for (int j = 0; j < 3; j++) {
                mean[j] = (1 - momentum) * mean[j] + momentum * stats[0][j];
                var[j] = (1 - momentum) * var[j] + momentum * stats[1][j];
            }
        }
        float[] runningMean = net.parameters().get(2).value().data();
        float[] runningVar = net.parameters().get(3).value().data();
        for (int j = 0; j < 3; j++) {
            assertEquals(mean[j], runningMean[j], 1e-5 * Math.max(1, Math.abs(mean[j])), "running mean " + j);
            assertEquals(var[j], runningVar[j], 1e-5 * Math.max(1, var[j]), "running var " + j);
        }
        // inference: the running statistics, not the batch's, and no update
        float[] gamma = net.parameters().get(0).value().data();
        float[] beta = net.parameters().get(1).value().data();
        Tensor x = TestData.normal(30, 4, 3);
        Tensor y = net.predict(x);
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 3; j++) {
                double expected = gamma[j] * (x.get(r, j) - mean[j]) / Math.sqrt(var[j] + 1e-5) + beta[j];
                assertEquals(expected, y.get(r, j), 1e-4);
            }
        }
        assertEquals(y, net.predictor(4).predict(x).copy());
        assertArrayEquals(new float[] {runningMean[0], runningMean[1], runningMean[2]},
                net.parameters().get(2).value().data());
    }

    @Test
    void aReplayedStepWithBatchNormEqualsAStepOnAFreshGraphBitForBit() {
        Sequential replayed = bnNet(4);
        Sequential fresh = bnNet(4);
        Objective objective = Objective.softmaxCrossEntropy(Reduction.MEAN);
        Trainer trainer = new Trainer(replayed, objective, new Sgd(0.1, 0.9));
        Sgd optimizer = new Sgd(0.1, 0.9);
        Tensor x = TestData.normal(5, 40, 6);
        Tensor y = Tensor.zeros(40, 1);
        for (int r = 0; r < 40; r++) {
            y.data()[r] = r % 3;
        }
        for (int step = 0; step < 4; step++) {
            Tensor bx = x.sliceRows(step * 10, step * 10 + 10);
            Tensor by = y.sliceRows(step * 10, step * 10 + 10);
            double a = trainer.step(bx, by);
            fresh.zeroGrad();
            Node loss = objective.apply(fresh.forward(Node.constant(bx), true), Node.constant(by));
            loss.backward();
            optimizer.step(fresh.parameters());
            assertEquals(loss.item(), (float) a, "loss of step " + step);
            for (int i = 0; i < fresh.parameters().size(); i++) {
                assertArrayEquals(fresh.parameters().get(i).value().data(),
                        replayed.parameters().get(i).value().data(), fresh.parameters().get(i).name());
            }
        }
    }

    private static Sequential bnNet(long seed) {
        return new Sequential(6, List.of(new Dense(6, 8), new BatchNorm(), new ActivationLayer(Plugins.activation("relu")),
                new LayerNorm(), new Dense(8, 3)), seed);
    }

    @Test
    void aNetworkWithBatchNormAndDropoutTrains() {
        Tensor x = TestData.normal(7, 240, 10);
        // a learnable rule: the class is the index of the largest of the first four inputs
        Tensor y = Tensor.zeros(240, 1);
        for (int r = 0; r < 240; r++) {
            int best = 0;
            for (int c = 1; c < 4; c++) {
                best = x.get(r, c) > x.get(r, best) ? c : best;
            }
            y.data()[r] = best;
        }
        Sequential net = new Sequential(10, List.of(
                new Dense(10, 32, Initializers.heNormal(), Initializers.zeros()),
                new BatchNorm(),
                new ActivationLayer(Plugins.activation("relu")),
                new Dropout(0.2, 17),
                new Dense(32, 4)), 8);
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9));
        double before = trainer.loss(x, y);
        List<EpochResult> history = trainer.fit(x, y, 25, 16, 9, new TrainingListener() { });
        double after = trainer.loss(x, y);
        assertTrue(after < 0.5 * before, "inference loss " + before + " -> " + after);
        assertTrue(history.get(24).loss() < 0.6 * history.get(0).loss(),
                "training loss " + history.get(0).loss() + " -> " + history.get(24).loss());
        Dropout dropout = (Dropout) net.layers().get(3);
        assertTrue(dropout.masks().masksDrawn() >= 25 * 15, "a mask per step: " + dropout.masks());
    }

    @Test
    void dropoutIsTheIdentityAtInferenceAndNotInTraining() {
        Sequential net = new Sequential(6, List.of(new Dropout(0.5, 3)), 1);
        Tensor x = TestData.normal(40, 5, 6);
        assertEquals(x, net.predict(x));
        Sequential dense = new Sequential(6, List.of(new Dense(6, 4), new Dropout(0.5, 3)), 1);
        Sequential denseOnly = new Sequential(6, List.of(new Dense(6, 4)), 1);
        assertEquals(denseOnly.predict(x), dense.predictor(5).predict(x).copy());
        Tensor trained = net.forward(Node.constant(x), true).value();
        assertNotEquals(x, trained);
        for (int i = 0; i < x.size(); i++) {
            float v = trained.data()[i];
            assertTrue(v == 0f || v == x.data()[i] * 2f, "kept values are doubled at rate 0.5");
        }
    }

    @Test
    void replaysRecomputeLayersBeforeTheFirstParameter() {
        // input dropout or an activation of the input get no gradient, yet a replay must recompute them
        Sequential net = new Sequential(6, List.of(new ActivationLayer(Plugins.activation("tanh")), new Dense(6, 3)), 1);
        Tensor x = TestData.normal(43, 4, 6);
        assertEquals(net.predict(x), net.predictor(4).predict(x).copy());
        Sequential dropped = new Sequential(6, List.of(new Dropout(0.5, 8), new Dense(6, 3)), 1);
        Trainer trainer = new Trainer(dropped, Objective.of(Plugins.loss("mse"), Reduction.SUM), new Sgd(0.1));
        Tensor y = TestData.normal(44, 4, 3);
        trainer.step(x, y);
        float[] bias = dropped.parameters().get(1).value().data().clone();
        // mse is the mean over a sample's 3 columns, summed over rows: the step's bias gradient is
        // 2/3 sum over rows of (x' W - y), with x' the dropped input of mask 0 (the mask the
        // recording drew on the zero placeholder is given back when the step is compiled)
        nn.core.graph.DropoutGenerator masks = new nn.core.graph.DropoutGenerator(8);
        Tensor xDropped = nn.core.graph.LayerOps.dropout(Node.constant(x), 0.5, masks).value();
        Sequential reference = new Sequential(6, List.of(new Dense(6, 3)), 1);
        Tensor out = reference.predict(xDropped);
        for (int j = 0; j < 3; j++) {
            double g = 0;
            for (int r = 0; r < 4; r++) {
                g += 2.0 / 3 * (out.get(r, j) - y.get(r, j));
            }
            assertEquals(-0.1 * g, bias[j], 1e-5, "bias " + j);
        }
    }

    @Test
    void batchNormAndLayerNormTakeImageSamplesPerChannel() {
        // samples [C, H, W] = [2, 3, 3]: batch norm keeps one statistic per channel, layer norm over all three
        List<String> made = new ArrayList<>();
        nn.api.ParameterFactory factory = new nn.api.ParameterFactory() {
            @Override
            public nn.api.Value create(String name, int[] shape, nn.api.Initializer init) {
                made.add(name + java.util.Arrays.toString(shape));
                Tensor t = Tensor.zeros(shape);
                init.initialize(t.data(), shape, new java.util.Random(1));
                return new Parameter(name, t);
            }

            @Override
            public nn.api.Value buffer(String name, int[] shape, nn.api.Initializer init) {
                made.add(name + java.util.Arrays.toString(shape));
                Tensor t = Tensor.zeros(shape);
                init.initialize(t.data(), shape, new java.util.Random(1));
                return new Parameter(name, t, false);
            }
        };
        BatchNorm bn = new BatchNorm();
        bn.build(new int[] {2, 3, 3}, factory);
        LayerNorm ln = new LayerNorm(3, 1e-5);
        ln.build(new int[] {2, 3, 3}, factory);
        assertEquals(List.of("gamma[2]", "beta[2]", "running_mean[2]", "running_var[2]", "gamma[2, 3, 3]",
                "beta[2, 3, 3]"), made);
        Tensor x = TestData.uniform(45, -1, 4, 4, 2, 3, 3);
        Tensor y = Node.of(bn.forward(Node.constant(x), true)).value();
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            for (int b = 0; b < 4; b++) {
                for (int k = 0; k < 9; k++) {
                    double v = y.data()[(b * 2 + c) * 9 + k];
                    sum += v;
                    squares += v * v;
                }
            }
            assertEquals(0, sum / 36, 1e-5, "channel " + c + " mean");
            assertEquals(1, squares / 36, 1e-3, "channel " + c + " variance");
        }
        Tensor z = Node.of(ln.forward(Node.constant(x), true)).value();
        for (int b = 0; b < 4; b++) {
            double sum = 0;
            for (int k = 0; k < 18; k++) {
                sum += z.data()[b * 18 + k];
            }
            assertEquals(0, sum / 18, 1e-5, "sample " + b + " mean");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Node.constant(Tensor.zeros(4, 3, 3, 3)), true));
        assertTrue(e.getMessage().contains("expects input [rows, 2, ...] with 2 channels, got [4, 3, 3, 3]"),
                e.getMessage());
    }

    @Test
    void sameSeedSameRunAndAnotherSeedAnotherRun() {
        float[][] runs = new float[3][];
        long[] seeds = {5, 5, 6};
        for (int i = 0; i < 3; i++) {
            Sequential net = new Sequential(6, List.of(new Dense(6, 8), new Dropout(0.3, seeds[i]), new Dense(8, 2)), 2);
            new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.05))
                    .fit(TestData.normal(41, 30, 6), TestData.normal(42, 30, 2), 2, 8, 1, new TrainingListener() { });
            runs[i] = net.parameters().get(0).value().data().clone();
        }
        assertArrayEquals(runs[0], runs[1]);
        assertFalse(java.util.Arrays.equals(runs[0], runs[2]));
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("the dropout rate must be in [0, 1) (the fraction of values set to zero during training), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0)).getMessage());
        assertEquals("the dropout rate must be in [0, 1) (the fraction of values set to zero during training), got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.5)).getMessage());
        assertEquals("batch norm: eps (0.0) must be positive",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0, 0.1)).getMessage());
        assertEquals("batch norm: momentum (1.5) must be in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm(1e-5, 1.5)).getMessage());
        assertEquals("layer norm: dims (0) must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0, 1e-5)).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BatchNorm().forward(Node.constant(Tensor.zeros(2, 3)), true));
        assertTrue(e.getMessage().contains("is not built yet"), e.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(3, List.of(new LayerNorm(2, 1e-5)), 1));
        assertTrue(wrong.getMessage().contains("normalizes the last 2 dimensions of a sample, got samples of shape [3]"),
                wrong.getMessage());
    }
}
