package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import nn.api.Activation;
import nn.api.PluginSpec;
import org.junit.jupiter.api.Test;

/**
 * The hyperparameters of the built-in activations: every value listed (defaults included, in a
 * stable order), {@code with} changing only what it is given, the bulk float methods using the
 * configured values, and messages that name the key or the value and the range expected.
 */
class HyperparametersTest {

    private static final double EPS = 1e-12;

    @Test
    void everyValueIsListedDefaultsIncludedInAStableOrder() {
        assertEquals(List.of(Map.entry("alpha", 0.01)), List.copyOf(new LeakyRelu().hyperparameters().entrySet()));
        assertEquals(List.of(Map.entry("alpha", 1.0)), List.copyOf(new Elu().hyperparameters().entrySet()));
        assertEquals(List.of(Map.entry("beta", 1.0)), List.copyOf(new Softplus().hyperparameters().entrySet()));
        assertEquals(List.of(Map.entry("min_val", -1.0), Map.entry("max_val", 1.0)),
                List.copyOf(new HardTanh().hyperparameters().entrySet()));
        assertEquals("hard_tanh(min_val=-1,max_val=1)", new HardTanh().spec().toString());
        assertEquals("leaky_relu(alpha=0.01)", new LeakyRelu().spec().toString());
        for (Activation a : List.of(new Relu(), new Selu(), new Gelu(), new Softmax())) {
            assertEquals(Map.of(), a.hyperparameters(), a.name());
            assertSame(a, a.with(Map.of()), a.name());
        }
    }

    @Test
    void withChangesWhatItIsGivenAndKeepsTheRest() {
        HardTanh upper = new HardTanh(-2, 3).with(Map.of("max_val", 6.0));
        assertEquals(-2.0, upper.minVal());
        assertEquals(6.0, upper.maxVal());
        assertEquals(0.2, new LeakyRelu().with(Map.of("alpha", 0.2)).alpha());
        assertEquals(0.3, new LeakyRelu(0.3).with(Map.of()).alpha());
        assertEquals(0.5, new Elu().with(Map.of("alpha", 0.5)).alpha());
        assertEquals(2.0, new Softplus().with(Map.of("beta", 2.0)).beta());
        for (Activation a : List.of(new LeakyRelu(0.2), new Elu(0.5), new Softplus(2), new HardTanh(0, 6))) {
            Activation again = new LeakyRelu().getClass() == a.getClass()
                    ? new LeakyRelu().with(a.hyperparameters()) : a.with(a.hyperparameters());
            assertEquals(a.spec(), again.spec());
            assertEquals(a.spec(), PluginSpec.parse(a.spec().toString()));
        }
    }

    @Test
    void configuredValuesReachTheFormulaAndTheBulkMethods() {
        // the published formulas, in double, at x = -2 and x = 0.75
        float[] x = {-2f, 0.75f, 7f};
        assertBulk(new LeakyRelu(0.2), x, new double[] {-0.4, 0.75, 7}, new double[] {0.2, 1, 1});
        assertBulk(new Elu(0.5), x, new double[] {0.5 * (Math.exp(-2) - 1), 0.75, 7},
                new double[] {0.5 * Math.exp(-2), 1, 1});
        double b = 2;
        assertBulk(new Softplus(b), x,
                new double[] {Math.log(1 + Math.exp(-4)) / b, Math.log(1 + Math.exp(1.5)) / b, Math.log(1 + Math.exp(14)) / b},
                new double[] {1 / (1 + Math.exp(4)), 1 / (1 + Math.exp(-1.5)), 1 / (1 + Math.exp(-14))});
        assertBulk(new HardTanh(0, 6), x, new double[] {0, 0.75, 6}, new double[] {0, 1, 0});
    }

    private static void assertBulk(Activation a, float[] x, double[] y, double[] dy) {
        float[] out = new float[x.length];
        float[] grad = new float[x.length];
        float[] ones = {1f, 1f, 1f};
        a.forward(x, out, 0, x.length, 1);
        a.backward(x, out, ones, grad, 0, x.length, 1);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], a.apply(x[i]), EPS * Math.max(1, Math.abs(y[i])), a + " at " + x[i]);
            assertEquals(dy[i], a.derivative(x[i]), EPS, a + "' at " + x[i]);
            assertEquals(y[i], out[i], 1e-6 * Math.max(1, Math.abs(y[i])), a + " bulk at " + x[i]);
            assertEquals(dy[i], grad[i], 1e-6, a + "' bulk at " + x[i]);
        }
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LeakyRelu().with(Map.of("slope", 0.2)));
        assertEquals("leaky_relu has no hyperparameter 'slope'; it takes alpha", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HardTanh().with(Map.of("min", 0.0)));
        assertEquals("hard_tanh has no hyperparameter 'min'; it takes max_val, min_val", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Relu().with(Map.of("alpha", 0.0)));
        assertEquals("relu has no hyperparameter 'alpha'; it takes none", e.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheValueAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Elu().with(Map.of("alpha", -1.0)));
        assertEquals("elu: alpha must be finite and >= 0 (0 <= alpha < infinity), got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Softplus().with(Map.of("beta", 0.0)));
        assertEquals("softplus: beta must be positive and finite (0 < beta < infinity), got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu().with(Map.of("alpha", 1e39)));
        assertEquals("leaky_relu: alpha (the negative slope) must be finite and within the float range,"
                + " -3.4e38 <= alpha <= 3.4e38, got 1.0E39", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HardTanh().with(Map.of("min_val", 2.0)));
        assertEquals("hard_tanh: min_val must be less than max_val (in float), got min_val=2.0, max_val=1.0",
                e.getMessage());
    }
}
