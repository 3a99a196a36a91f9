package nn.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.api.Activation;
import nn.api.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @TempDir
    Path dir;

    @Test
    void findsTheBuiltInPluginsByName() {
        assertTrue(Plugins.activations().names().containsAll(List.of("identity", "sigmoid", "tanh", "relu",
                "leaky_relu", "elu", "selu", "gelu", "silu", "softplus", "softsign", "hard_sigmoid", "hard_tanh",
                "softmax", "log_softmax")), Plugins.activations().names().toString());
        assertTrue(Plugins.losses().names().containsAll(List.of("l2", "mse", "mae", "huber", "log_cosh",
                "binary_cross_entropy", "categorical_cross_entropy", "sparse_categorical_cross_entropy", "hinge",
                "squared_hinge", "kl_divergence", "poisson")), Plugins.losses().names().toString());
        assertEquals("relu", Plugins.activation("relu").name());
        assertEquals("l2", Plugins.loss("l2").name());
    }

    @Test
    void findsAPluginDefinedOnlyInTheTestSources() {
        Activation cube = Plugins.activation("cube");
        assertEquals("nn.core.testplugin.Cube", cube.getClass().getName());
        assertEquals(8.0, cube.apply(2.0));
    }

    @Test
    void unknownNameListsTheNamesThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.activation("swish2"));
        assertTrue(e.getMessage().startsWith("activation 'swish2' not found; available: "), e.getMessage());
        for (String name : Plugins.activations().names()) {
            assertTrue(e.getMessage().contains(name), "missing " + name + " in: " + e.getMessage());
        }
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> Plugins.loss("L2"));
        assertTrue(l.getMessage().contains("loss 'L2' not found; available: "), l.getMessage());
        assertTrue(l.getMessage().contains("did you mean 'l2'?"), l.getMessage());
    }

    @Test
    void twoPluginsWithOneNameFailAndNameBothClasses() throws IOException {
        ClassLoader loader = loaderWithServices(Activation.class, AnotherRelu.class.getName());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PluginRegistry.load("activation", Activation.class, Activation::name, loader));
        String builtIn = Plugins.activation("relu").getClass().getName();
        assertTrue(e.getMessage().contains("two activations are named 'relu'"), e.getMessage());
        assertTrue(e.getMessage().contains(builtIn), e.getMessage());
        assertTrue(e.getMessage().contains(AnotherRelu.class.getName()), e.getMessage());
    }

    @Test
    void aProviderThatFailsToLoadIsReportedWithItsClassAndTheOthersStillLoad() throws IOException {
        ClassLoader loader = loaderWithServices(Activation.class, ThrowingActivation.class.getName());
        PluginRegistry<Activation> registry =
                PluginRegistry.load("activation", Activation.class, Activation::name, loader);
        assertEquals(1, registry.failures().size(), registry.failures().toString());
        assertTrue(registry.failures().get(0).contains(ThrowingActivation.class.getName()), registry.failures().get(0));
        assertTrue(registry.failures().get(0).contains("missing configuration"), registry.failures().get(0));
        assertEquals("tanh", registry.get("tanh").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("throwing"));
        assertTrue(e.getMessage().contains("providers that failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains(ThrowingActivation.class.getName()), e.getMessage());
    }

    @Test
    void aProviderListedButMissingIsReportedWithItsClassName() throws IOException {
        ClassLoader loader = loaderWithServices(Loss.class, "com.example.NoSuchLoss");
        PluginRegistry<Loss> registry = PluginRegistry.load("loss", Loss.class, Loss::name, loader);
        assertEquals(1, registry.failures().size());
        assertTrue(registry.failures().get(0).contains("com.example.NoSuchLoss"), registry.failures().get(0));
        assertEquals("mse", registry.get("mse").name());
    }

    @Test
    void aNameThatIsNotLowerCaseIsRefused() {
        Activation bad = new Activation() {
            @Override
            public String name() {
                return "MyRelu";
            }

            @Override
            public double apply(double x) {
                return x;
            }

            @Override
            public double derivative(double x) {
                return 1;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PluginRegistry.of("activation", List.of(bad).iterator(), Activation::name));
        assertTrue(e.getMessage().contains("'MyRelu'") && e.getMessage().contains("lower-case"), e.getMessage());
    }

    /** A class loader that sees the test class path plus one more services file for {@code type}. */
    private ClassLoader loaderWithServices(Class<?> type, String providerClass) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(type.getName()), providerClass + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }
}
