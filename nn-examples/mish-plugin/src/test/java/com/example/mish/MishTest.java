package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nn.core.check.Conformance;
import nn.core.plugins.Plugins;
import org.junit.jupiter.api.Test;

class MishTest {

    @Test
    void conformsAndIsFoundByName() {
        // name, derivative against central differences (edges included), finite values, the float
        // bulk methods, sharing between threads, and ServiceLoader finding "mish"
        Conformance.activation(new Mish(), "mish", MishTest.class.getClassLoader()).assertPassed();
    }

    @Test
    void usedByNameThroughTheRegistry() {
        assertEquals(Mish.class, Plugins.activation("mish").getClass());
    }

    @Test
    void knownValues() {
        Mish mish = new Mish();
        assertEquals(0.0, mish.apply(0), 0);
        assertEquals(0.8650983882673103, mish.apply(1), 1e-12);   // tanh(log(1 + e))
        assertEquals(0.6, mish.derivative(0), 1e-12);              // tanh(log 2) = 3/5
        assertEquals(20.0, mish.apply(20), 1e-9);
    }
}
