package nn.core.graph;

import static nn.core.TestData.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.check.GradientChecker;
import nn.core.kernels.Parallel;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Dropout, batch normalization and layer normalization as graph ops: gradients against central
 * differences, forward values against double-precision references written from the published
 * formulas, running statistics against the exponential average computed by hand.
 */
class NormalizationOpsTest {

    private static final double EPS = 1e-5;

    // ---- references in double -------------------------------------------------------------------

    /** Batch norm of [n, C, S] with the given per-channel mean and variance, in double. */
    private static double[] batchNormReference(float[] x, int n, int c, int s, double[] mean, double[] var,
                                               float[] gamma, float[] beta) {
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < s; k++) {
                    int i = (b * c + ch) * s + k;
                    y[i] = gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + EPS) + beta[ch];
                }
            }
        }
        return y;
    }

    /** Per-channel mean of [n, C, S]. */
    private static double[] channelMean(float[] x, int n, int c, int s) {
        double[] mean = new double[c];
        for (int i = 0; i < x.length; i++) {
            mean[(i / s) % c] += x[i];
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= (double) n * s;
        }
        return mean;
    }

    /** Per-channel variance of [n, C, S], dividing by {@code m - correction}. */
    private static double[] channelVariance(float[] x, int n, int c, int s, int correction) {
        double[] mean = channelMean(x, n, c, s);
        double[] var = new double[c];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / s) % c;
            var[ch] += (x[i] - mean[ch]) * (x[i] - mean[ch]);
        }
        for (int ch = 0; ch < c; ch++) {
            var[ch] /= (double) n * s - correction;
        }
        return var;
    }

    private static void assertClose(double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    private static Parameter buffer(String name, Tensor t) {
        return new Parameter(name, t, false);
    }

    private static Tensor filled(float value, int... shape) {
        Tensor t = Tensor.zeros(shape);
        t.fill(value);
        return t;
    }

    // ---- gradient checks ---------------------------------------------------------------------------

    @Test
    void batchNormPassesTheGradientCheckInTrainingAndInference() {
        Tensor x = normal(1, 6, 4);
        Tensor gamma = TestData.uniform(2, 0.5, 1.5, 4);
        Tensor beta = normal(3, 4);
        Parameter mean = buffer("running_mean", normal(4, 4));
        Parameter var = buffer("running_var", TestData.uniform(5, 0.5, 2, 4));
        for (boolean training : new boolean[] {true, false}) {
            GradientChecker.graph("batch norm [6, 4], training " + training,
                    v -> LayerOps.batchNorm(v.get(0), v.get(1), v.get(2), mean, var, EPS, 0.1, training),
                    x, gamma, beta).assertPassed();
        }
    }

    @Test
    void batchNormOfRank4InputsPassesTheGradientCheckPerChannel() {
        Tensor x = normal(6, 3, 2, 2, 3);
        Tensor gamma = TestData.uniform(7, 0.5, 1.5, 2);
        Tensor beta = normal(8, 2);
        Parameter mean = buffer("running_mean", normal(9, 2));
        Parameter var = buffer("running_var", TestData.uniform(10, 0.5, 2, 2));
        for (boolean training : new boolean[] {true, false}) {
            GradientChecker.graph("batch norm [3, 2, 2, 3], training " + training,
                    v -> LayerOps.batchNorm(v.get(0), v.get(1), v.get(2), mean, var, EPS, 0.1, training),
                    x, gamma, beta).assertPassed();
        }
    }

    @Test
    void batchNormTrainingGradientIncludesThePathThroughTheStatistics() {
        // a node used twice and a non-uniform downstream: the mean/variance terms matter
        Tensor x = normal(11, 5, 3);
        Parameter mean = buffer("running_mean", Tensor.zeros(3));
        Parameter var = buffer("running_var", filled(1, 3));
        GradientChecker.graph("batch norm, squared output",
                v -> {
                    Node y = LayerOps.batchNorm(v.get(0), v.get(1), v.get(2), mean, var, EPS, 0.1, true);
                    return y.multiply(y).add(v.get(0));
                }, x, TestData.uniform(12, 0.5, 1.5, 3), normal(13, 3)).assertPassed();
    }

    @Test
    void layerNormPassesTheGradientCheck() {
        GradientChecker.graph("layer norm [5, 6]",
                v -> LayerOps.layerNorm(v.get(0), v.get(1), v.get(2), 1, EPS),
                normal(14, 5, 6), TestData.uniform(15, 0.5, 1.5, 6), normal(16, 6)).assertPassed();
        GradientChecker.graph("layer norm [3, 2, 4] over two dimensions",
                v -> LayerOps.layerNorm(v.get(0), v.get(1), v.get(2), 2, EPS),
                normal(17, 3, 2, 4), TestData.uniform(18, 0.5, 1.5, 2, 4), normal(19, 2, 4)).assertPassed();
    }

    @Test
    void dropoutPassesTheGradientCheckWithAFixedMask() {
        // a new generator of one seed per evaluation: every evaluation draws the same mask
        GradientChecker.graph("dropout 0.4",
                v -> LayerOps.dropout(v.get(0), 0.4, new DropoutGenerator(21)).multiply(v.get(0)),
                normal(20, 6, 7)).assertPassed();
    }

    // ---- batch normalization forward and running statistics -------------------------------------

    @Test
    void batchNormTrainingNormalizesByTheBatchMeanAndBiasedVariance() {
        int n = 8;
        int c = 3;
        Tensor x = TestData.uniform(30, -2, 5, n, c);
        Tensor gamma = TestData.uniform(31, 0.5, 2, c);
        Tensor beta = normal(32, c);
        Node y = LayerOps.batchNorm(Node.constant(x), Node.variable(gamma), Node.variable(beta),
                buffer("m", Tensor.zeros(c)), buffer("v", filled(1, c)), EPS, 0.1, true);
        double[] expected = batchNormReference(x.data(), n, c, 1, channelMean(x.data(), n, c, 1),
                channelVariance(x.data(), n, c, 1, 0), gamma.data(), beta.data());
        assertClose(expected, y.value().data(), 1e-5);
    }

    @Test
    void batchNormOfRank4InputsNormalizesEachChannelOverBatchAndSpace() {
        int n = 3;
        int c = 2;
        Tensor x = TestData.uniform(33, -1, 3, n, c, 2, 3);
        Tensor gamma = TestData.uniform(34, 0.5, 2, c);
        Tensor beta = normal(35, c);
        Node y = LayerOps.batchNorm(Node.constant(x), Node.variable(gamma), Node.variable(beta),
                buffer("m", Tensor.zeros(c)), buffer("v", filled(1, c)), EPS, 0.1, true);
        double[] expected = batchNormReference(x.data(), n, c, 6, channelMean(x.data(), n, c, 6),
                channelVariance(x.data(), n, c, 6, 0), gamma.data(), beta.data());
        assertClose(expected, y.value().data(), 1e-5);
        assertArrayEquals(new int[] {n, c, 2, 3}, y.shape());
    }

    @Test
    void runningStatisticsAfterKStepsAreTheExponentialAverageWithUnbiasedVariance() {
        int n = 5;
        int c = 4;
        double momentum = 0.25;
        Parameter mean = buffer("m", Tensor.zeros(c));
        Parameter var = buffer("v", filled(1, c));
        Parameter gamma = new Parameter("g", filled(1, c));
        Parameter beta = new Parameter("b", Tensor.zeros(c));
        double[] expectedMean = new double[c];
        double[] expectedVar = {1, 1, 1, 1};
        for (int step = 0; step < 4; step++) {
            Tensor x = TestData.uniform(40 + step, -3 + step, 4, n, c);
            Node y = LayerOps.batchNorm(Node.constant(x), gamma, beta, mean, var, EPS, momentum, true);
            y.sum().backward();
            double[] bm = channelMean(x.data(), n, c, 1);
            double[] bv = channelVariance(x.data(), n, c, 1, 1);
            for (int ch = 0; ch < c; ch++) {
                expectedMean[ch] = (1 - momentum) * expectedMean[ch] + momentum * bm[ch];
                expectedVar[ch] = (1 - momentum) * expectedVar[ch] + momentum * bv[ch];
            }
        }
        assertClose(expectedMean, mean.value().data(), 1e-6);
        assertClose(expectedVar, var.value().data(), 1e-6);
    }

    @Test
    void aCompiledGraphUpdatesTheRunningStatisticsOncePerReplayAndNotWhenRecorded() {
        int n = 6;
        int c = 3;
        double momentum = 0.1;
        Parameter mean = buffer("m", Tensor.zeros(c));
        Parameter var = buffer("v", filled(1, c));
        Parameter gamma = new Parameter("g", filled(1, c));
        Parameter beta = new Parameter("b", Tensor.zeros(c));
        Tensor input = Tensor.zeros(n, c); // a placeholder, as a trainer records on
        Node y = LayerOps.batchNorm(Node.constant(input), gamma, beta, mean, var, EPS, momentum, true);
        CompiledGraph graph = CompiledGraph.of(y.multiply(y).sum());
        assertArrayEquals(new float[] {0, 0, 0}, mean.value().data());
        assertArrayEquals(new float[] {1, 1, 1}, var.value().data());
        double[] expectedMean = new double[c];
        double[] expectedVar = {1, 1, 1};
        for (int step = 0; step < 3; step++) {
            Tensor x = TestData.uniform(50 + step, -1, 2 + step, n, c);
            System.arraycopy(x.data(), 0, input.data(), 0, x.size());
            graph.forward();
            graph.backward();
            double[] bm = channelMean(x.data(), n, c, 1);
            double[] bv = channelVariance(x.data(), n, c, 1, 1);
            for (int ch = 0; ch < c; ch++) {
                expectedMean[ch] = (1 - momentum) * expectedMean[ch] + momentum * bm[ch];
                expectedVar[ch] = (1 - momentum) * expectedVar[ch] + momentum * bv[ch];
            }
        }
        assertClose(expectedMean, mean.value().data(), 1e-6);
        assertClose(expectedVar, var.value().data(), 1e-6);
    }

    @Test
    void batchNormInferenceUsesTheRunningStatisticsAndLeavesThemAlone() {
        int n = 4;
        int c = 3;
        Tensor x = normal(60, n, c);
        Tensor gamma = TestData.uniform(61, 0.5, 2, c);
        Tensor beta = normal(62, c);
        float[] rm = {0.5f, -1f, 2f};
        float[] rv = {0.25f, 4f, 1.5f};
        Parameter mean = buffer("m", Tensor.of(rm.clone(), c));
        Parameter var = buffer("v", Tensor.of(rv.clone(), c));
        Node y = LayerOps.batchNorm(Node.variable(x), Node.variable(gamma), Node.variable(beta), mean, var, EPS, 0.1,
                false);
        y.sum().backward();
        double[] expected = batchNormReference(x.data(), n, c, 1, new double[] {0.5, -1, 2},
                new double[] {0.25, 4, 1.5}, gamma.data(), beta.data());
        assertClose(expected, y.value().data(), 1e-5);
        assertArrayEquals(rm, mean.value().data());
        assertArrayEquals(rv, var.value().data());
        assertEquals(null, mean.grad());
    }

    @Test
    void batchNormRefusesBadShapesAndSingleValueBatches() {
        Parameter m = buffer("m", Tensor.zeros(3));
        Parameter v = buffer("v", filled(1, 3));
        Parameter g = new Parameter("g", filled(1, 3));
        Parameter b = new Parameter("b", Tensor.zeros(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerOps.batchNorm(Node.constant(Tensor.zeros(1, 3)), g, b, m, v, EPS, 0.1, true));
        assertTrue(e.getMessage().contains("more than one value per channel, got input [1, 3]"), e.getMessage());
        // one sample is fine at inference
        LayerOps.batchNorm(Node.constant(Tensor.zeros(1, 3)), g, b, m, v, EPS, 0.1, false);
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerOps.batchNorm(Node.constant(Tensor.zeros(4, 5)), g, b, m, v, EPS, 0.1, true));
        assertTrue(e.getMessage().contains("of 5 elements (one per channel), got [3], [3], [3], [3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerOps.batchNorm(Node.constant(Tensor.zeros(4, 3)), g, b, g, v, EPS, 0.1, true));
        assertTrue(e.getMessage().contains("buffers, not trainable"), e.getMessage());
    }

    // ---- layer normalization ----------------------------------------------------------------------

    @Test
    void layerNormMatchesTheReference() {
        int rows = 4;
        int cols = 7;
        Tensor x = TestData.uniform(70, -3, 6, rows, cols);
        Tensor gamma = TestData.uniform(71, 0.5, 2, cols);
        Tensor beta = normal(72, cols);
        Node y = LayerOps.layerNorm(Node.constant(x), Node.variable(gamma), Node.variable(beta), 1, EPS);
        double[] expected = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += x.get(r, j);
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                var += (x.get(r, j) - mean) * (x.get(r, j) - mean);
            }
            var /= cols;
            for (int j = 0; j < cols; j++) {
                expected[r * cols + j] = gamma.data()[j] * (x.get(r, j) - mean) / Math.sqrt(var + EPS) + beta.data()[j];
            }
        }
        assertClose(expected, y.value().data(), 1e-5);
    }

    @Test
    void layerNormRefusesGammaOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerOps.layerNorm(Node.constant(Tensor.zeros(2, 3, 4)), Node.variable(filled(1, 4)),
                        Node.variable(Tensor.zeros(4)), 2, EPS));
        assertEquals("layer normalization of [2, 3, 4] over the last 2 dimensions needs gamma and beta of 12"
                + " elements, got [4] and [4]", e.getMessage());
    }

    // ---- dropout ---------------------------------------------------------------------------------------

    @Test
    void dropoutKeepsTheExpectedValueAndDropsAboutTheRate() {
        int n = 200_000;
        double rate = 0.3;
        Tensor x = filled(2f, 1, n);
        Node y = LayerOps.dropout(Node.constant(x), rate, new DropoutGenerator(1));
        int dropped = 0;
        double sum = 0;
        for (float v : y.value().data()) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(2f / (1f - (float) rate), v, 0f);
            }
            sum += v;
        }
        // binomial standard deviations: fraction 0.001, mean 0.0044; allow about 5 of each
        assertEquals(rate, dropped / (double) n, 0.005);
        assertEquals(2.0, sum / n, 0.02);
    }

    @Test
    void dropoutDrawsAFreshMaskOnEveryReplayAndOneSeedGivesOneSequence() {
        Tensor x = normal(80, 16, 32);
        Node v1 = Node.variable(x.copy());
        Node v2 = Node.variable(x.copy());
        CompiledGraph a = CompiledGraph.of(LayerOps.dropout(v1, 0.5, new DropoutGenerator(9)).sum());
        CompiledGraph b = CompiledGraph.of(LayerOps.dropout(v2, 0.5, new DropoutGenerator(9)).sum());
        float[] previous = null;
        for (int step = 0; step < 3; step++) {
            a.forward();
            b.forward();
            a.backward();
            float[] out = a.root().inputs().get(0).value().data().clone();
            assertArrayEquals(out, b.root().inputs().get(0).value().data(), "same seed, same mask at step " + step);
            // the gradient is the mask of this step: 0 where dropped, 2 where kept
            float[] g = v1.grad().data();
            for (int i = 0; i < g.length; i++) {
                assertEquals(out[i] == 0f && x.data()[i] != 0f ? 0f : 2f, g[i], 0f);
            }
            v1.zeroGrad();
            if (previous != null) {
                assertFalse(Arrays.equals(previous, out), "the mask changes between steps");
            }
            previous = out;
        }
        Node other = LayerOps.dropout(Node.constant(x), 0.5, new DropoutGenerator(10));
        Node same = LayerOps.dropout(Node.constant(x), 0.5, new DropoutGenerator(9));
        assertNotEquals(Tensor.of(other.value().data(), 16, 32), Tensor.of(same.value().data(), 16, 32));
    }

    @Test
    void dropoutAtRateZeroIsTheIdentityAndBadRatesAreRefused() {
        Tensor x = normal(81, 4, 5);
        assertArrayEquals(x.data(), LayerOps.dropout(Node.constant(x), 0, new DropoutGenerator(1)).value().data());
        for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LayerOps.dropout(Node.constant(x), bad, new DropoutGenerator(1)));
            assertEquals("the dropout rate must be in [0, 1) (the fraction of values set to zero during training),"
                    + " got " + bad, e.getMessage());
        }
    }

    // ---- replay and threads ---------------------------------------------------------------------

    @Test
    void aReplayRecomputesOpsMadeFromConstantsAlone() {
        // dropout of the input, then a weight: the dropout node gets no gradient but must be replayed
        Tensor input = Tensor.zeros(3, 4);
        Parameter w = new Parameter("w", normal(90, 4, 2));
        DropoutGenerator g3 = new DropoutGenerator(3);
        Node out = LayerOps.dropout(Node.constant(input), 0.25, g3).apply(
                nn.core.plugins.Plugins.activation("tanh")).matmul(w);
        CompiledGraph graph = CompiledGraph.of(out.loss(nn.core.plugins.Plugins.loss("l2"),
                Node.constant(Tensor.zeros(3, 2)), Reduction.SUM));
        Tensor x = normal(91, 3, 4);
        System.arraycopy(x.data(), 0, input.data(), 0, x.size());
        graph.forward();
        // the recording drew mask 0 of seed 3 (on the zero placeholder) and gave it back when the
        // graph was compiled: the replays are the steps, so the first replay draws mask 0 again
        assertEquals(1, g3.masksDrawn());
        DropoutGenerator g = new DropoutGenerator(3);
        Node secondMask = LayerOps.dropout(Node.constant(x), 0.25, g).apply(nn.core.plugins.Plugins.activation("tanh"))
                .matmul(w);
        assertArrayEquals(secondMask.value().data(), out.value().data());
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int previous = Parallel.threads();
        try {
            float[][] one = runLargeOps(1);
            float[][] two = runLargeOps(2);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], two[i], "result " + i);
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    /** Forward and backward of the three ops on inputs large enough to be split among threads. */
    private static float[][] runLargeOps(int threads) {
        Parallel.setThreads(threads);
        int n = 256;
        int c = 200;
        Node x = Node.variable(normal(100, n, c));
        Node gamma = Node.variable(TestData.uniform(101, 0.5, 1.5, c));
        Node beta = Node.variable(normal(102, c));
        Parameter mean = buffer("m", Tensor.zeros(c));
        Parameter var = buffer("v", filled(1, c));
        Node lnGamma = Node.variable(TestData.uniform(103, 0.5, 1.5, c));
        Node lnBeta = Node.variable(normal(104, c));
        Node bn = LayerOps.batchNorm(x, gamma, beta, mean, var, EPS, 0.1, true);
        Node ln = LayerOps.layerNorm(bn, lnGamma, lnBeta, 1, EPS);
        Node d = LayerOps.dropout(ln, 0.3, new DropoutGenerator(5));
        Node bnInference = LayerOps.batchNorm(d, gamma, beta, mean, var, EPS, 0.1, false);
        Node loss = bnInference.multiply(Node.constant(normal(105, n, c))).sum();
        loss.backward();
        return new float[][] {bnInference.value().data().clone(), x.grad().data().clone(),
            gamma.grad().data().clone(), beta.grad().data().clone(), lnGamma.grad().data().clone(),
            lnBeta.grad().data().clone(), mean.value().data().clone(), var.value().data().clone()};
    }

    @Test
    void noGradInferenceRecordsNothing() {
        try (NoGrad ignored = NoGrad.enter()) {
            Node y = LayerOps.layerNorm(Node.variable(normal(110, 2, 3)), Node.variable(filled(1, 3)),
                    Node.variable(Tensor.zeros(3)), 1, EPS);
            assertEquals(List.of(), y.inputs());
        }
    }
}
