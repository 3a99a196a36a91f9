package nn.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.core.graph.Parameter;
import nn.core.kernels.Parallel;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine: convergence, clipping, regularization, threads, and saving and restoring state. */
class RuleOptimizerTest {

    private static final double[] A = {1, 4, 0.25, 2};
    private static final double[] C = {1.5, -2, 0.5, 3};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** Minimizes {@code 0.5 sum a (w - c)^2} from 0 for {@code steps} steps, with an optional schedule per 100. */
    private static float[] minimizeQuadratic(Optimizer optimizer, int steps, LearningRateSchedule perHundred) {
        Parameter p = new Parameter("w", Tensor.zeros(4));
        for (int t = 0; t < steps; t++) {
            if (perHundred != null && t % 100 == 0) {
                perHundred.apply(optimizer, t / 100 + 1);
            }
            Reference.quadraticGrads(List.of(p), A, C);
            optimizer.step(List.of(p));
        }
        return p.value().data();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr=0.2)", "sgd(lr=0.1, momentum=0.9)", "sgd(lr=0.1, momentum=0.9, nesterov=1)",
            "sgd(lr=0.1, momentum=0.5, dampening=0.5)", "adagrad(lr=0.5)", "rmsprop(lr=0.01)",
            "rmsprop(lr=0.01, momentum=0.5, centered=1)", "adam(lr=0.05)", "adamw(lr=0.05, weight_decay=0)"})
    void everyRuleConvergesOnAConvexQuadraticToItsMinimum(String spec) {
        RuleOptimizer optimizer = RuleOptimizer.of(spec);
        // adaptive rules hover within about lr of the minimum at a constant rate: decay it
        LearningRateSchedule decay = Schedules.exponential(optimizer.learningRate(), 0.7);
        float[] w = minimizeQuadratic(optimizer, 2000, decay);
        for (int i = 0; i < 4; i++) {
            assertEquals(C[i], w[i], 1e-3, spec + ": element " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr=0.05, momentum=0.9)", "adagrad(lr=0.5)", "rmsprop(lr=0.01)", "adam(lr=0.05)",
            "adamw(lr=0.05, weight_decay=0)"})
    void everyRuleSolvesLeastSquares(String spec) {
        // y = X w* exactly, X 32 x 3 well conditioned: the minimum of |X w - y|^2 / 2n is w*
        Random random = new Random(7);
        int n = 32;
        double[] wStar = {0.7, -1.2, 2.5};
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 3; j++) {
                x[r][j] = random.nextGaussian();
                y[r] += x[r][j] * wStar[j];
            }
        }
        Parameter p = new Parameter("w", Tensor.zeros(3));
        RuleOptimizer optimizer = RuleOptimizer.of(spec);
        LearningRateSchedule decay = Schedules.exponential(optimizer.learningRate(), 0.7);
        for (int t = 0; t < 2000; t++) {
            if (t % 100 == 0) {
                decay.apply(optimizer, t / 100 + 1);
            }
            float[] w = p.value().data();
            float[] g = new float[3];
            for (int r = 0; r < n; r++) {
                double residual = -y[r];
                for (int j = 0; j < 3; j++) {
                    residual += x[r][j] * w[j];
                }
                for (int j = 0; j < 3; j++) {
                    g[j] += (float) (x[r][j] * residual / n);
                }
            }
            Reference.setGrad(p, g);
            optimizer.step(List.of(p));
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(wStar[j], p.value().data()[j], 2e-3, spec + ": w" + j);
        }
    }

    @Test
    void l2AndCoupledWeightDecayMoveTheMinimumTo_ac_over_a_plus_lambda() {
        double lambda = 0.5;
        float[] byRule = minimizeQuadratic(RuleOptimizer.of("sgd(lr=0.1, weight_decay=0.5)"), 3000, null);
        float[] byEngine = minimizeQuadratic(RuleOptimizer.builder("sgd(lr=0.1)").l2(lambda).build(), 3000, null);
        for (int i = 0; i < 4; i++) {
            double expected = A[i] * C[i] / (A[i] + lambda);
            assertEquals(expected, byRule[i], 1e-4, "weight_decay, element " + i);
            assertEquals(expected, byEngine[i], 1e-4, "l2, element " + i);
        }
    }

    @Test
    void l1ShrinksTowardsZeroBySoftThresholding() {
        // min 0.5 a (w - c)^2 + l1 |w|: w = sign(c) max(|c| - l1 / a, 0)
        double l1 = 0.6;
        RuleOptimizer optimizer = RuleOptimizer.builder("sgd(lr=0.01)").l1(l1).build();
        float[] w = minimizeQuadratic(optimizer, 5000, null);
        for (int i = 0; i < 4; i++) {
            double shrunk = Math.signum(C[i]) * Math.max(Math.abs(C[i]) - l1 / A[i], 0);
            // where the minimum is 0, sign(w) flips every step: w stays within lr * (a |w - c| + l1) of 0
            assertEquals(shrunk, w[i], shrunk == 0 ? 0.02 : 1e-4, "element " + i);
        }
        // element 2 goes to its minimum, 0.5, without l1, and is thresholded to 0 with it
        float[] plain = minimizeQuadratic(RuleOptimizer.of("sgd(lr=0.01)"), 5000, null);
        assertEquals(C[2], plain[2], 1e-4);
        assertEquals(0, w[2], 0.02);
    }

    @Test
    void clippingByValueClampsEachElement() {
        Parameter p = new Parameter("w", Tensor.vector(0f, 0f, 0f));
        Reference.setGrad(p, new float[] {5f, -0.2f, -3f});
        RuleOptimizer.builder("sgd(lr=1)").clipValue(1).build().step(List.of(p));
        assertArrayEquals(new float[] {-1f, 0.2f, 1f}, p.value().data());
    }

    @Test
    void clippingByNormScalesAllGradientsByOneGlobalFactor() {
        // global norm of [3] and [4] is 5; max norm 1 scales both by 1 / (5 + 1e-6)
        Parameter a = new Parameter("a", Tensor.vector(0f));
        Parameter b = new Parameter("b", Tensor.vector(0f));
        Reference.setGrad(a, new float[] {3f});
        Reference.setGrad(b, new float[] {4f});
        RuleOptimizer.builder("sgd(lr=1)").clipNorm(1).build().step(List.of(a, b));
        assertEquals(-3 / (5 + 1e-6), a.value().data()[0], 1e-7);
        assertEquals(-4 / (5 + 1e-6), b.value().data()[0], 1e-7);
        // a norm below the limit is left alone
        Parameter c = new Parameter("c", Tensor.vector(0f, 0f));
        Reference.setGrad(c, new float[] {0.3f, 0.4f});
        RuleOptimizer.builder("sgd(lr=1)").clipNorm(1).build().step(List.of(c));
        assertArrayEquals(new float[] {-0.3f, -0.4f}, c.value().data());
        // value clipping first, then the norm of the clipped gradient: [1, 1] has norm sqrt 2
        Parameter d = new Parameter("d", Tensor.vector(0f, 0f));
        Reference.setGrad(d, new float[] {10f, -10f});
        RuleOptimizer.builder("sgd(lr=1)").clipValue(1).clipNorm(1).build().step(List.of(d));
        assertEquals(-1 / (Math.sqrt(2) + 1e-6), d.value().data()[0], 1e-7);
        assertEquals(1 / (Math.sqrt(2) + 1e-6), d.value().data()[1], 1e-7);
    }

    @Test
    void badOptionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleOptimizer.builder("adam").clipNorm(0));
        assertTrue(e.getMessage().contains("clip norm must be positive and finite, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RuleOptimizer.builder("adam").l2(-1));
        assertTrue(e.getMessage().contains("l2 must be finite and not negative, got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RuleOptimizer.of("adam").setLearningRate(-0.1));
        assertTrue(e.getMessage().contains("learning rate must be finite and not negative, got -0.1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr=0.01)", "sgd(lr=0.01, momentum=0.9, nesterov=1)",
            "rmsprop(lr=0.01, momentum=0.5, centered=1)", "adagrad(lr=0.1)"})
    void oneAndTwoThreadsGiveTheSameBits(String spec) {
        float[] one = trainLarge(spec, 1);
        float[] two = trainLarge(spec, 2);
        assertArrayEquals(one, two, 0f, spec);
    }

    /** A parameter far above the parallel threshold, with clipping and regularization on. */
    private static float[] trainLarge(String spec, int threads) {
        Parallel.setThreads(threads);
        int n = 100_003;
        Random random = new Random(3);
        float[] w0 = new float[n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) random.nextGaussian();
        }
        Parameter p = new Parameter("w", Tensor.of(w0, n));
        RuleOptimizer optimizer = RuleOptimizer.builder(spec).clipValue(2).clipNorm(100).l2(1e-3).l1(1e-4).build();
        float[] g = new float[n];
        for (int t = 0; t < 5; t++) {
            float[] w = p.value().data();
            for (int i = 0; i < n; i++) {
                g[i] = w[i] * (1 + (i % 7)) - 0.3f * t;
            }
            Reference.setGrad(p, g);
            optimizer.step(List.of(p));
        }
        return p.value().data().clone();
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr=0.01)", "adamw(lr=0.01)", "sgd(lr=0.05, momentum=0.9, dampening=0.1)",
            "rmsprop(lr=0.01, momentum=0.5, centered=1)", "adagrad(lr=0.1, lr_decay=0.1)"})
    void restoringASnapshotAndGoingOnGivesTheSameBitsAsNeverStopping(String spec) {
        int before = 4;
        int after = 5;
        List<Parameter> straight = parameters();
        RuleOptimizer uninterrupted = RuleOptimizer.of(spec);
        for (int t = 0; t < before + after; t++) {
            if (t == 2) {
                uninterrupted.setLearningRate(uninterrupted.learningRate() * 0.5);
            }
            Reference.quadraticGrads(straight, A, C);
            uninterrupted.step(straight);
        }

        List<Parameter> first = parameters();
        RuleOptimizer stopped = RuleOptimizer.of(spec);
        for (int t = 0; t < before; t++) {
            if (t == 2) {
                stopped.setLearningRate(stopped.learningRate() * 0.5);
            }
            Reference.quadraticGrads(first, A, C);
            stopped.step(first);
        }
        OptimizerState saved = stopped.snapshot();
        assertEquals(2, saved.parameters().size());
        assertEquals(before, saved.parameters().get("0.w").steps());
        // a fresh network with the saved weights, a fresh optimizer from the saved state
        List<Parameter> resumed = new ArrayList<>();
        for (Parameter p : first) {
            resumed.add(new Parameter(p.name(), p.value().copy()));
        }
        RuleOptimizer restored = RuleOptimizer.restored(saved);
        assertEquals(saved.learningRate(), restored.learningRate());
        for (int t = 0; t < after; t++) {
            Reference.quadraticGrads(resumed, A, C);
            restored.step(resumed);
        }
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).value().data(), resumed.get(i).value().data(), 0f, spec + " " + i);
        }
        // and the saved state was a copy: stepping on did not change it
        assertEquals(before, saved.parameters().get("0.w").steps());
    }

    @Test
    void aFreshOptimizerWithoutTheStateGoesElsewhere() {
        // the check above can fail: dropping Adam's state changes the result
        List<Parameter> ps = parameters();
        RuleOptimizer a = RuleOptimizer.of("adam(lr=0.01)");
        for (int t = 0; t < 3; t++) {
            Reference.quadraticGrads(ps, A, C);
            a.step(ps);
        }
        List<Parameter> copy = new ArrayList<>();
        for (Parameter p : ps) {
            copy.add(new Parameter(p.name(), p.value().copy()));
        }
        RuleOptimizer restarted = RuleOptimizer.of("adam(lr=0.01)");
        Reference.quadraticGrads(ps, A, C);
        a.step(ps);
        Reference.quadraticGrads(copy, A, C);
        restarted.step(copy);
        assertNotEquals(ps.get(0).value().data()[0], copy.get(0).value().data()[0]);
    }

    @Test
    void restoringStateOfAnotherRuleOrShapeFails() {
        List<Parameter> ps = parameters();
        RuleOptimizer adam = RuleOptimizer.of("adam(lr=0.01)");
        Reference.quadraticGrads(ps, A, C);
        adam.step(ps);
        OptimizerState saved = adam.snapshot();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuleOptimizer.of("adam(lr=0.02)").restore(saved));
        assertTrue(e.getMessage().contains("the saved optimizer state is of adam(lr=0.01"), e.getMessage());
        RuleOptimizer other = RuleOptimizer.restored(saved);
        List<Parameter> wrongShape = List.of(new Parameter("0.w", Tensor.zeros(3)));
        Reference.setGrad(wrongShape.get(0), new float[3]);
        e = assertThrows(IllegalStateException.class, () -> other.step(wrongShape));
        assertTrue(e.getMessage().contains("parameter '0.w' has arrays of 4 elements, but the parameter has 3"),
                e.getMessage());
    }

    private static List<Parameter> parameters() {
        return List.of(new Parameter("0.w", Tensor.vector(0.5f, -1f, 2f, 0.1f)),
                new Parameter("0.b", Tensor.vector(-0.3f, 0.7f, 0f, 1f)));
    }
}
