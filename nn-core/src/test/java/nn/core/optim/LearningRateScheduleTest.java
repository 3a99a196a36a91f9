package nn.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.graph.Parameter;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each schedule's rates, by hand, and that applying one changes what the optimizer does. */
class LearningRateScheduleTest {

    @Test
    void stepDecayMultipliesByGammaEveryStepEpochs() {
        LearningRateSchedule s = Schedules.step(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int e = 1; e <= expected.length; e++) {
            assertEquals(expected[e - 1], s.rate(e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void exponentialDecayMultipliesByGammaEachEpoch() {
        LearningRateSchedule s = Schedules.exponential(0.2, 0.9);
        assertEquals(0.2, s.rate(1), 1e-15);
        assertEquals(0.18, s.rate(2), 1e-15);
        assertEquals(0.2 * 0.9 * 0.9 * 0.9, s.rate(4), 1e-15);
    }

    @Test
    void cosineGoesFromTheRateTowardsZero() {
        LearningRateSchedule s = Schedules.cosine(0.1, 4);
        assertEquals(0.1, s.rate(1), 1e-15);
        assertEquals(0.05 * (1 + Math.sqrt(0.5)), s.rate(2), 1e-15);
        assertEquals(0.05, s.rate(3), 1e-15);
        assertEquals(0.05 * (1 - Math.sqrt(0.5)), s.rate(4), 1e-15);
    }

    @Test
    void warmupRisesLinearlyThenHandsOverToTheSchedule() {
        LearningRateSchedule s = Schedules.warmup(2, Schedules.step(0.4, 1, 0.5));
        assertEquals(0.2, s.rate(1), 1e-15);
        assertEquals(0.4, s.rate(2), 1e-15);
        assertEquals(0.4, s.rate(3), 1e-15, "the step schedule's first epoch");
        assertEquals(0.2, s.rate(4), 1e-15, "its second");
        // per batch, 4 batches an epoch: 8 warm-up batches of 0.05, 0.10, ... 0.40
        assertEquals(0.05, s.rate(1, 0, 4), 1e-15);
        assertEquals(0.2, s.rate(1, 3, 4), 1e-15);
        assertEquals(0.25, s.rate(2, 0, 4), 1e-15);
        assertEquals(0.4, s.rate(2, 3, 4), 1e-15);
        assertEquals(0.2, s.rate(4, 2, 4), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.rate(1, 4, 4));
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.step(0.1, 0, 0.5));
        assertTrue(e.getMessage().contains("stepEpochs (0) must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.exponential(0.1, 1.5));
        assertTrue(e.getMessage().contains("gamma (1.5) must be in (0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(-1, 3));
        assertTrue(e.getMessage().contains("rate (-1.0) must be positive"), e.getMessage());
    }

    @Test
    void plateauReducesAfterPatienceAndWaitsOutTheCooldown() {
        // factor 0.5, patience 1, threshold 0, cooldown 1, min 0.02
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(0.1, ReduceLrOnPlateau.Mode.MIN, 0.5, 1, 0, 1, 0.02);
        assertEquals(0.1, s.observe(1.0), 0, "first metric is the best");
        assertEquals(0.1, s.observe(0.9), 0, "improved");
        assertEquals(0.1, s.observe(0.95), 0, "one bad epoch: within patience");
        assertEquals(0.05, s.observe(0.95), 0, "two bad epochs: reduce");
        assertEquals(0.05, s.observe(0.99), 0, "cooldown: not counted");
        assertEquals(0.05, s.observe(0.99), 0, "one bad epoch");
        assertEquals(0.025, s.observe(0.99), 0, "two: reduce");
        s.observe(0.99);
        s.observe(0.99);
        assertEquals(0.02, s.observe(0.99), 0, "never below the minimum");
        assertEquals(0.02, s.rate(99), 0);
    }

    @Test
    void plateauInMaxModeFollowsAnAccuracyAndItsStateRestores() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(1.0, ReduceLrOnPlateau.Mode.MAX, 0.1, 0, 0.01, 0, 0);
        assertEquals(1.0, s.observe(0.5), 0);
        assertEquals(1.0, s.observe(0.6), 0, "0.6 > 0.5 * 1.01");
        ReduceLrOnPlateau.State saved = s.state();
        assertEquals(0.1, s.observe(0.605), 1e-15, "0.605 < 0.6 * 1.01: not an improvement, patience 0");

        ReduceLrOnPlateau again = new ReduceLrOnPlateau(1.0, ReduceLrOnPlateau.Mode.MAX, 0.1, 0, 0.01, 0, 0);
        again.restore(saved);
        assertEquals(0.1, again.observe(0.605), 1e-15, "the restored schedule continues the same way");
        ReduceLrOnPlateau fresh = new ReduceLrOnPlateau(1.0, ReduceLrOnPlateau.Mode.MAX, 0.1, 0, 0.01, 0, 0);
        assertEquals(1.0, fresh.observe(0.605), 0, "without the state it would not reduce");
    }

    @Test
    void applyingAScheduleChangesTheSteps() {
        // sgd with gradient 1: each step moves w by -rate
        Parameter p = new Parameter("w", Tensor.vector(0f));
        RuleOptimizer sgd = RuleOptimizer.of("sgd(lr=0.1)");
        LearningRateSchedule s = Schedules.step(0.1, 1, 0.5);
        double w = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            s.apply(sgd, epoch);
            Reference.setGrad(p, new float[] {1f});
            sgd.step(List.of(p));
            w -= s.rate(epoch);
            assertEquals(w, p.value().data()[0], 1e-7, "epoch " + epoch);
        }
        assertEquals(-0.175, p.value().data()[0], 1e-7, "0.1 + 0.05 + 0.025, not 0.3");

        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(0.1, ReduceLrOnPlateau.Mode.MIN, 0.5, 0, 0, 0, 0);
        plateau.observe(1.0, sgd);
        plateau.observe(2.0, sgd);
        assertEquals(0.05, sgd.learningRate(), 1e-15);
    }
}
