package nn.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nn.api.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginSpecTest {

    @Test
    void readsANameAlone() {
        PluginSpec spec = PluginSpec.parse(" relu ");
        assertEquals("relu", spec.name());
        assertTrue(spec.isBare());
        assertEquals("relu", spec.toString());
    }

    @Test
    void readsHyperparametersInOrderWithSpaces() {
        PluginSpec spec = PluginSpec.parse("adam ( lr = 1e-3 , beta2=0.99 )");
        assertEquals("adam", spec.name());
        assertEquals(List.of("lr", "beta2"), List.copyOf(spec.hyperparameters().keySet()));
        assertEquals(1e-3, spec.get("lr", 0));
        assertEquals(0.99, spec.get("beta2", 0));
        assertEquals(0.9, spec.get("beta1", 0.9));
        assertEquals("adam(lr=0.001,beta2=0.99)", spec.toString());
    }

    @Test
    void canonicalFormReadsBackToBitwiseEqualValues() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            double v = switch (i % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> Math.scalb(random.nextDouble(), random.nextInt(200) - 100);
                case 2 -> random.nextInt(2001) - 1000;
                default -> -0.0;
            };
            values.put("alpha", v);
            values.put("b_2", -v);
            PluginSpec spec = new PluginSpec("p" + (i % 3), values);
            PluginSpec back = PluginSpec.parse(spec.toString());
            assertEquals(spec.name(), back.name());
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back.get("alpha", 1)),
                    spec::toString);
            assertEquals(Double.doubleToRawLongBits(-v), Double.doubleToRawLongBits(back.get("b_2", 1)),
                    spec::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Relu", "leaky_relu(alpha)", "leaky_relu(alpha=)", "leaky_relu(alpha=x)",
        "leaky_relu(alpha=0.1", "leaky_relu alpha=0.1)", "leaky_relu(alpha=0.1,alpha=0.2)", "leaky_relu(Alpha=1)",
        "leaky_relu(alpha=NaN)", "leaky_relu(alpha=Infinity)", "leaky_relu(alpha=1f)", "leaky_relu(alpha=1,)",
        "(alpha=1)", "1relu"})
    void malformedSpecsSayWhatIsExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginSpec.parse(text));
        assertTrue(e.getMessage().contains("expected name or name(key=value, ...)")
                || e.getMessage().contains("not a valid plugin name"), e.getMessage());
    }

    @Test
    void registryConfiguresByHyperparameters() {
        PluginRegistry<Scaled> registry = PluginRegistry.of("scaler", List.of(new Scaled(1)).iterator(), s -> "scaled")
                .configuredBy((s, values) -> {
                    nn.api.Hyperparameters.requireKnown("scaled", values, java.util.Set.of("factor"));
                    return new Scaled(values.getOrDefault("factor", s.factor));
                });
        assertEquals(1, registry.get("scaled").factor);
        assertEquals(2.5, registry.get("scaled(factor=2.5)").factor);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> registry.get("scaled(gain=2)"));
        assertEquals("cannot make the scaler scaled(gain=2): scaled has no hyperparameter 'gain'; it takes factor",
                unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> registry.get("shifted(by=2)"));
        assertEquals("scaler 'shifted' not found; available: scaled", missing.getMessage());
    }

    @Test
    void registryWithoutConfigurationRefusesHyperparameters() {
        PluginRegistry<Scaled> registry = PluginRegistry.of("scaler", List.of(new Scaled(1)).iterator(), s -> "scaled");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("scaled(factor=2)"));
        assertEquals("the scaler 'scaled' takes no hyperparameters, got scaled(factor=2)", e.getMessage());
    }

    private record Scaled(double factor) {
    }
}
