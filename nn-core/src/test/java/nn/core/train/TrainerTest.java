package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Sequential mlp(long seed) {
        return new Sequential(12, List.of(
                new Dense(12, 16, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(16, 5, Initializers.heNormal(), Initializers.zeros())), seed);
    }

    private static Tensor labels(int n, int classes, long seed) {
        java.util.Random r = new java.util.Random(seed);
        Tensor t = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            t.data()[i] = r.nextInt(classes);
        }
        return t;
    }

    private static float[] weights(Sequential net) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            for (float v : p.value().data()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aReplayedStepEqualsAStepOnAFreshGraphBitForBit() {
        Tensor x = TestData.normal(1, 50, 12);
        Tensor y = labels(50, 5, 2);
        Sequential replayed = mlp(3);
        Sequential fresh = mlp(3);
        Trainer trainer = new Trainer(replayed, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1, 0.9));
        Sgd optimizer = new Sgd(0.1, 0.9);
        for (int step = 0; step < 5; step++) {
            Tensor bx = x.sliceRows(step * 10, step * 10 + 10);
            Tensor by = y.sliceRows(step * 10, step * 10 + 10);
            double a = trainer.step(bx, by);
            fresh.zeroGrad();
            Node loss = fresh.forward(Node.constant(bx), true).softmaxCrossEntropy(Node.constant(by), Reduction.MEAN);
            loss.backward();
            optimizer.step(fresh.parameters());
            assertEquals(loss.item(), (float) a, "loss of step " + step);
            assertArrayEquals(weights(fresh), weights(replayed), "weights after step " + step);
        }
    }

    @Test
    void fitTrainsOnTheShuffledRowsAsStepsOnCopiedBatchesWould() {
        // fit reads each batch where it lies in x (the first layer is dense); the same batches
        // copied and stepped through a fresh graph give the same bits, batch 17 leaving a last
        // batch of 2, and 200 inputs a product whose A is packed
        for (int width : new int[] {12, 700}) {
            Tensor x = TestData.normal(31, 70, width);
            Tensor y = labels(70, 5, 32);
            Sequential fitted = new Sequential(width, List.of(
                    new Dense(width, 16, Initializers.heNormal(), Initializers.zeros()),
                    new ActivationLayer(Plugins.activation("relu")),
                    new Dense(16, 5, Initializers.heNormal(), Initializers.zeros())), 33);
            Sequential stepped = new Sequential(width, List.of(
                    new Dense(width, 16, Initializers.heNormal(), Initializers.zeros()),
                    new ActivationLayer(Plugins.activation("relu")),
                    new Dense(16, 5, Initializers.heNormal(), Initializers.zeros())), 33);
            new Trainer(fitted, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1, 0.9))
                    .fit(x, y, 2, 17, 34, new TrainingListener() { });
            Sgd optimizer = new Sgd(0.1, 0.9);
            int[] order = new int[70];
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Trainer.shuffle(order, new java.util.Random(Trainer.epochSeed(34, epoch)));
                for (int from = 0; from < 70; from += 17) {
                    int rows = Math.min(17, 70 - from);
                    Tensor bx = Tensor.zeros(rows, width);
                    Tensor by = Tensor.zeros(rows, 1);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(x.data(), order[from + r] * width, bx.data(), r * width, width);
                        by.data()[r] = y.data()[order[from + r]];
                    }
                    stepped.zeroGrad();
                    stepped.forward(Node.constant(bx), true).softmaxCrossEntropy(Node.constant(by), Reduction.MEAN)
                            .backward();
                    optimizer.step(stepped.parameters());
                }
            }
            assertArrayEquals(weights(stepped), weights(fitted), "inputs of width " + width);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() {
        Tensor x = TestData.normal(4, 70, 12);
        Tensor y = labels(70, 5, 5);
        float[][] results = new float[3][];
        long[] seeds = {11, 11, 12};
        for (int i = 0; i < 3; i++) {
            Sequential net = mlp(6);
            new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9))
                    .fit(x, y, 3, 16, seeds[i], new TrainingListener() { });
            results[i] = weights(net);
        }
        assertArrayEquals(results[0], results[1]);
        assertNotEquals(java.util.Arrays.toString(results[0]), java.util.Arrays.toString(results[2]));
    }

    @Test
    void trainingLowersTheLoss() {
        Tensor x = TestData.normal(7, 200, 12);
        // a learnable rule: the class is the index of the largest of the first five inputs
        Tensor y = Tensor.zeros(200, 1);
        for (int r = 0; r < 200; r++) {
            int best = 0;
            for (int c = 1; c < 5; c++) {
                best = x.get(r, c) > x.get(r, best) ? c : best;
            }
            y.data()[r] = best;
        }
        Sequential net = mlp(8);
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9));
        double before = trainer.loss(x, y);
        List<EpochResult> history = trainer.fit(x, y, 30, 20, 9, new TrainingListener() { });
        assertEquals(30, history.size());
        double after = trainer.loss(x, y);
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void badArgumentsAreNamed() {
        Trainer trainer = new Trainer(mlp(1), Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1));
        Tensor x = TestData.normal(1, 10, 12);
        Tensor y = labels(10, 5, 1);
        assertEquals("batch size (0) must be positive",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, y, 1, 0, 1, new TrainingListener() { })).getMessage());
        assertEquals("10 input rows but 9 target rows in the training data",
                assertThrows(IllegalArgumentException.class,
                        () -> trainer.fit(x, y.sliceRows(0, 9), 1, 4, 1, new TrainingListener() { })).getMessage());
        assertEquals("the training data set is empty",
                assertThrows(IllegalArgumentException.class,
                        () -> trainer.fit(x.sliceRows(0, 0), y.sliceRows(0, 0), 1, 4, 1, new TrainingListener() { })).getMessage());
        assertEquals("learning rate (0.0) must be positive and finite",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0)).getMessage());
    }

    @Test
    void aLossThatBecomesNonFiniteStopsTrainingWithAMessage() {
        Tensor x = TestData.normal(1, 10, 12);
        x.data()[5] = Float.NaN;
        Trainer trainer = new Trainer(mlp(1), Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainer.fit(x, labels(10, 5, 1), 1, 10, 1, new TrainingListener() { }));
        assertTrue(e.getMessage().startsWith("the loss became NaN in epoch 1, batch 0"), e.getMessage());
    }

    @Test
    void theListenerHearsEveryBatchAndEpoch() {
        Tensor x = TestData.normal(1, 10, 12);
        List<String> heard = new ArrayList<>();
        new Trainer(mlp(1), Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1))
                .fit(x, labels(10, 5, 1), 2, 4, 1, new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                        heard.add(epoch + ":" + batch + "/" + batches);
                    }

                    @Override
                    public void onEpochEnd(EpochResult result) {
                        heard.add("end " + result.epoch());
                    }
                });
        assertEquals(List.of("1:0/3", "1:1/3", "1:2/3", "end 1", "2:0/3", "2:1/3", "2:2/3", "end 2"), heard);
    }

    @Test
    void oneAndTwoThreadsTrainToBitwiseIdenticalWeights() {
        // big enough that the kernels split their work between threads
        Tensor x = TestData.normal(20, 256, 300);
        Tensor y = labels(256, 10, 21);
        float[][] results = new float[2][];
        int before = nn.core.kernels.Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                nn.core.kernels.Parallel.setThreads(threads);
                Sequential net = new Sequential(300, List.of(
                        new Dense(300, 200, Initializers.heNormal(), Initializers.zeros()),
                        new ActivationLayer(Plugins.activation("relu")),
                        new Dense(200, 10, Initializers.heNormal(), Initializers.zeros())), 22);
                new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9))
                        .fit(x, y, 2, 64, 23, new TrainingListener() { });
                results[threads - 1] = weights(net);
            }
        } finally {
            nn.core.kernels.Parallel.setThreads(before);
        }
        assertArrayEquals(results[0], results[1]);
    }
}
