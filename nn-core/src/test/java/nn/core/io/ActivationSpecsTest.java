package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import nn.api.Activation;
import nn.core.TestData;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activations in model files are stored as their specs, hyperparameters included
 * ({@code leaky_relu(alpha=0.2)}, format version 2), and restored through the registry; files of
 * version 1, which stored bare names, still load.
 */
class ActivationSpecsTest {

    @TempDir
    Path dir;

    private static Sequential network(String hidden, long seed) {
        return new Sequential(3, List.of(new Dense(3, 6), new ActivationLayer(Plugins.activation(hidden)),
                new Dense(6, 2), new ActivationLayer(Plugins.activation("softmax"))), seed);
    }

    private static Activation activationOf(Sequential net, int layer) {
        return ((ActivationLayer) net.layers().get(layer)).activation();
    }

    private static void assertSamePredictions(Sequential a, Sequential b) {
        Tensor x = TestData.normal(11, 9, 3);
        float[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            data[i] *= 3; // past the kinks and bounds of the activations under test
        }
        float[] expected = a.predict(x).data();
        float[] actual = b.predict(x).data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "output " + i);
        }
    }

    @Test
    void leakyReluKeepsItsSlopeThroughAFile() throws IOException {
        Sequential net = network("leaky_relu(alpha=0.2)", 5);
        Path file = dir.resolve("leaky.nnm");
        ModelFile.save(net, file);
        Sequential loaded = ModelFile.load(file);
        Activation restored = activationOf(loaded, 1);
        assertEquals(Map.of("alpha", 0.2), restored.hyperparameters());
        assertEquals("leaky_relu(alpha=0.2)", restored.spec().toString());
        assertEquals(-0.4, restored.apply(-2), 1e-15);
        assertSamePredictions(net, loaded);
        // and the default slope would have given other outputs: the test can tell them apart
        Sequential withDefault = network("leaky_relu", 5);
        assertFalse(net.predict(TestData.normal(11, 9, 3)).equals(withDefault.predict(TestData.normal(11, 9, 3))));
    }

    @Test
    void theFileHoldsTheCanonicalSpecAndVersion2() throws IOException {
        Path file = dir.resolve("specs.nnm");
        ModelFile.save(network("hard_tanh(max_val=6, min_val=0)", 1), file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("hard_tanh(min_val=0,max_val=6)"), "the spec in canonical order");
        assertTrue(text.contains("softmax"));
        assertSamePredictions(network("hard_tanh(min_val=0,max_val=6)", 1), ModelFile.load(file));
    }

    @Test
    void anActivationBuiltDirectlyWithAHyperparameterIsSavedWithIt() throws Exception {
        Activation steep = Plugins.activation("elu").getClass().getConstructor(double.class).newInstance(0.3);
        Sequential net = new Sequential(3, List.of(new Dense(3, 4), new ActivationLayer(steep)), 3);
        Path file = dir.resolve("elu.nnm");
        ModelFile.save(net, file);
        Sequential loaded = ModelFile.load(file);
        assertEquals("elu(alpha=0.3)", activationOf(loaded, 1).spec().toString());
        assertSamePredictions(net, loaded);
    }

    /** A file as version 1 wrote it: bare names, version 1 in the preamble. */
    private static byte[] version1File(String activation) {
        Header h = new Header(2, List.of(new LayerRecord("dense", attributes("in", "2", "out", "3")),
                new LayerRecord("activation", Map.of("activation", activation))),
                List.of(new TensorRecord("0.weights", new int[] {2, 3}), new TensorRecord("0.bias", new int[] {1, 3})),
                Map.of("epochs", "1"));
        float[] weights = {0.5f, -1f, 2f, -0.25f, 1.5f, -3f};
        float[] bias = {0.1f, -0.2f, 0.3f};
        byte[] bytes = ModelFile.assemble(h, List.of(weights, bias));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1);
        return rechecksum(bytes);
    }

    private static Map<String, String> attributes(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void version1FilesWithBareNamesStillLoadWithTheDefaults() throws ModelFormatException {
        SavedModel saved = ModelFile.fromBytes(version1File("leaky_relu"), "old.nnm");
        Activation restored = activationOf(saved.network(), 1);
        assertEquals(Map.of("alpha", 0.01), restored.hyperparameters());
        // x = (1, 1): x . W + b = (0.5 - 0.25 + 0.1, -1 + 1.5 - 0.2, 2 - 3 + 0.3) = (0.35, 0.3, -0.7)
        float[] y = saved.network().predict(Tensor.vector(1, 1)).data();
        assertEquals(0.35, y[0], 1e-6);
        assertEquals(0.3, y[1], 1e-6);
        assertEquals(-0.7 * 0.01, y[2], 1e-8);
        assertEquals(Map.of("epochs", "1"), saved.metadata());
        assertEquals("relu", activationOf(ModelFile.fromBytes(version1File("relu"), "old.nnm").network(), 1).name());
    }

    /**
     * A third party's activation that this application has not registered (it is in no
     * META-INF/services file): it cannot be saved, and a file that names it fails to load with the
     * format's one exception and the registry's message.
     */
    public static final class SquaredRelu implements Activation {
        @Override
        public String name() {
            return "squared_relu";
        }

        @Override
        public double apply(double x) {
            return x > 0 ? x * x : 0;
        }

        @Override
        public double derivative(double x) {
            return x > 0 ? 2 * x : 0;
        }
    }

    @Test
    void anActivationThatIsNotRegisteredFailsWithTheRegistrysMessage() {
        Sequential net = new Sequential(2, List.of(new Dense(2, 3), new ActivationLayer(new SquaredRelu())), 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(net, dir.resolve("sq.nnm")));
        assertTrue(refused.getMessage().startsWith("layer 1 (activation 'squared_relu', class "
                + SquaredRelu.class.getName() + ") cannot be saved: no activation of that name is registered"),
                refused.getMessage());

        // a file written where it was registered
        for (int version : new int[] {1, 2}) {
            byte[] bytes = version1File("squared_relu");
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, version);
            byte[] fixed = rechecksum(bytes);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> ModelFile.fromBytes(fixed, "sq.nnm"));
            assertTrue(e.getMessage().startsWith("sq.nnm: layer 1: activation 'squared_relu' not found; available: "),
                    e.getMessage());
            for (String name : Plugins.activations().names()) {
                assertTrue(e.getMessage().contains(name), e.getMessage());
            }
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
    }

    @Test
    void aSpecTheRegistryRefusesIsAFormatProblemNamingTheLayer() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes(version1File("elu(alpha=-1)"), "bad.nnm"));
        assertEquals("bad.nnm: layer 1: cannot make the activation elu(alpha=-1): elu: alpha must be finite and >= 0"
                + " (0 <= alpha < infinity), got -1.0", e.getMessage());
        e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes(version1File("leaky_relu(slope=2)"), "bad.nnm"));
        assertEquals("bad.nnm: layer 1: cannot make the activation leaky_relu(slope=2): leaky_relu has no"
                + " hyperparameter 'slope'; it takes alpha", e.getMessage());
        e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes(version1File("leaky_relu(alpha=)"), "bad.nnm"));
        assertTrue(e.getMessage().startsWith("bad.nnm: layer 1: activation: cannot read the plugin spec"
                + " 'leaky_relu(alpha=)'"), e.getMessage());
    }

    private static byte[] rechecksum(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerEnd = 24 + b.getInt(12);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, headerEnd);
        b.putInt(headerEnd, (int) crc.getValue());
        crc.reset();
        crc.update(bytes, 0, bytes.length - 4);
        b.putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
