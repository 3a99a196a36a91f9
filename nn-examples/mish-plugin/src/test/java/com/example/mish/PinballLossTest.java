package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import nn.api.Loss;
import nn.core.check.Conformance;
import nn.core.plugins.Plugins;
import org.junit.jupiter.api.Test;

class PinballLossTest {

    @Test
    void conformsAndIsFoundByName() {
        // name, gradient against central differences, finite values, bulk methods, sharing,
        // hyperparameters through with() and the spec's text, and ServiceLoader finding "pinball"
        Conformance.loss(new PinballLoss(), "pinball", PinballLossTest.class.getClassLoader()).assertPassed();
        Conformance.loss(new PinballLoss(0.9), "pinball", PinballLossTest.class.getClassLoader()).assertPassed();
        Conformance.loss(new PinballLoss(0.05), "pinball", PinballLossTest.class.getClassLoader()).assertPassed();
    }

    @Test
    void usedByNameWithItsQuantile() {
        Loss loss = Plugins.loss("pinball(tau=0.9)");
        assertEquals(PinballLoss.class, loss.getClass());
        assertEquals(0.9, ((PinballLoss) loss).tau());
        assertEquals("pinball(tau=0.5)", Plugins.loss("pinball").spec().toString());
    }

    @Test
    void knownValues() {
        // by the definition: under-prediction by 2 costs 2 tau, over-prediction by 1 costs 1 - tau
        PinballLoss q = new PinballLoss(0.9);
        assertEquals((2 * 0.9 + 1 * 0.1) / 2, q.value(new double[] {0, 1}, new double[] {2, 0}), 1e-15);
        double[] g = new double[2];
        q.gradient(new double[] {0, 1}, new double[] {2, 0}, g);
        assertArrayEquals(new double[] {-0.9 / 2, 0.1 / 2}, g, 1e-15);
        // tau = 0.5 is half the mean absolute error
        assertEquals(0.5 * (3 + 1) / 2, new PinballLoss().value(new double[] {0, 1}, new double[] {3, 0}), 1e-15);
    }

    @Test
    void badQuantilesAndKeysAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.loss("pinball(tau=1)"));
        assertEquals("cannot make the loss pinball(tau=1): pinball: tau (the quantile) must be strictly between 0"
                + " and 1 (0 < tau < 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PinballLoss().with(Map.of("quantile", 0.9)));
        assertEquals("pinball has no hyperparameter 'quantile'; it takes tau", e.getMessage());
    }
}
