package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Value;
import nn.core.TestData;
import nn.core.graph.Parameter;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files: the round trip, and every kind of damage a file can have. */
class ModelFileTest {

    @TempDir
    Path dir;

    private static Sequential network(long seed) {
        return new Sequential(4, List.of(
                new Dense(4, 5), new ActivationLayer(Plugins.activation("tanh")),
                new Dense(5, 3), new ActivationLayer(Plugins.activation("softmax"))), seed);
    }

    /** A small valid model file's bytes: 4-5-3 with metadata. */
    private static byte[] validBytes() {
        return ModelFile.toBytes(new SavedModel(network(3), Map.of("epochs", "15", "classes", "a\nb\nc")));
    }

    private static ModelFormatException fails(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(bytes, "model.nnm"));
    }

    private static String problem(byte[] bytes) {
        ModelFormatException e = fails(bytes);
        assertEquals("model.nnm", e.source());
        assertEquals("model.nnm: " + e.problem(), e.getMessage());
        return e.problem();
    }

    /** Recomputes both checksums after a test changed bytes on purpose, so only the change is seen. */
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

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("'" + ascii + "' not in the file");
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    private static Map<String, String> attributes(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** A file of a 2 -> 3 dense layer and the given second layer, with correct checksums. */
    private static byte[] withSecondLayer(LayerRecord second) {
        Header h = new Header(2, List.of(new LayerRecord("dense", attributes("in", "2", "out", "3")), second),
                List.of(new TensorRecord("0.weights", new int[] {2, 3}), new TensorRecord("0.bias", new int[] {1, 3})),
                Map.of());
        return ModelFile.assemble(h, List.of(new float[6], new float[3]));
    }

    // ------------------------------------------------------------------------------- round trip

    @Test
    void saveLoadPredictGivesBitwiseIdenticalOutputs() throws IOException {
        Sequential net = network(42);
        Map<String, String> metadata = Map.of("learning_rate", "0.1", "classes", "T-shirt/top\nTrouser",
                "note", "ünïcödé ✓ 🧥", "empty", "");
        Path file = dir.resolve("model" + ModelFile.EXTENSION);
        ModelFile.save(net, metadata, file);

        SavedModel saved = ModelFile.read(file);
        Sequential loaded = saved.network();
        assertEquals(net.toString(), loaded.toString());
        assertEquals(net.inputWidth(), loaded.inputWidth());
        assertEquals(net.outputWidth(), loaded.outputWidth());
        assertEquals(net.parameters().size(), loaded.parameters().size());
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter a = net.parameters().get(i);
            Parameter b = loaded.parameters().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.value(), b.value(), a.name()); // shapes and bits
        }
        assertEquals(metadata, saved.metadata());
        assertEquals(List.of("classes", "empty", "learning_rate", "note"), new ArrayList<>(saved.metadata().keySet()));
        assertEquals(Map.of(), saved.extras());

        Tensor x = TestData.normal(7, 16, 4);
        float[] expected = net.predict(x).data();
        float[] actual = loaded.predict(x).data();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "output " + i);
        }
        assertEquals(net.predict(x), ModelFile.load(file).predict(x));
    }

    @Test
    void specialFloatValuesSurviveBitForBit() throws IOException {
        Sequential net = network(1);
        float[] w = net.parameters().get(0).value().data();
        w[0] = Float.NaN;
        w[1] = Float.intBitsToFloat(0x7fc00123); // a NaN with a payload
        w[2] = Float.NEGATIVE_INFINITY;
        w[3] = -0f;
        w[4] = Float.MIN_VALUE;
        Path file = dir.resolve("special.nnm");
        ModelFile.save(net, file);
        float[] back = ModelFile.load(file).parameters().get(0).value().data();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(back[i]), "weight " + i);
        }
    }

    @Test
    void extraTensorsTravelWithTheModel() throws IOException {
        Tensor velocity = TestData.normal(5, 4, 5);
        Tensor step = Tensor.of(new float[] {12f});
        Path file = dir.resolve("checkpoint.nnm");
        ModelFile.save(new SavedModel(network(2), Map.of("kind", "checkpoint"),
                Map.of("sgd.velocity.0.weights", velocity, "step", step)), file);
        SavedModel saved = ModelFile.read(file);
        assertEquals(List.of("sgd.velocity.0.weights", "step"), new ArrayList<>(saved.extras().keySet()));
        assertEquals(velocity, saved.extras().get("sgd.velocity.0.weights"));
        assertEquals(step, saved.extras().get("step"));
        assertEquals(0, saved.extras().get("step").rank());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(
                new SavedModel(network(2), Map.of(), Map.of("0.bias", step)), dir.resolve("clash.nnm")));
        assertEquals("the extra tensor '0.bias' has the name of a parameter of the network; choose another name",
                e.getMessage());
    }

    @Test
    void theSameModelGivesTheSameBytes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        byte[] first = ModelFile.toBytes(new SavedModel(network(9), a));
        byte[] second = ModelFile.toBytes(new SavedModel(network(9), Map.of("a", "1", "b", "2")));
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, ModelFile.toBytes(new SavedModel(network(10), a))));
    }

    /**
     * The bytes of a tiny model, pinned: a change here is a change of the format, which needs a
     * new version (and docs/MODEL-FORMAT.md shows these same bytes).
     */
    @Test
    void theFormatIsPinnedByAWorkedExample() throws Exception {
        Sequential net = new Sequential(2, List.of(new Dense(2, 1), new ActivationLayer(Plugins.activation("sigmoid"))), 0);
        float[] w = net.parameters().get(0).value().data();
        w[0] = 0.5f;
        w[1] = -1f;
        net.parameters().get(1).value().data()[0] = 0.25f;
        byte[] bytes = ModelFile.toBytes(new SavedModel(net, Map.of("epochs", "3")));
        String hex = HexFormat.of().formatHex(bytes);
        String expected = ""
                + "894e4e4d0d0a1a0a" + "02000000" + "99000000" + "0c00000000000000"   // preamble, version 2
                + "02000000"                                                         // input width 2
                + "02000000"                                                         // 2 layers
                + "05000000" + "64656e7365" + "02000000"                             // "dense", 2 attributes
                + "02000000" + "696e" + "01000000" + "32"                            // in = 2
                + "03000000" + "6f7574" + "01000000" + "31"                          // out = 1
                + "0a000000" + "61637469766174696f6e" + "01000000"                   // "activation", 1 attribute
                + "0a000000" + "61637469766174696f6e" + "07000000" + "7369676d6f6964" // activation = sigmoid
                + "02000000"                                                         // 2 tensors
                + "09000000" + "302e77656967687473" + "01" + "02" + "02000000" + "01000000" // 0.weights f32 [2, 1]
                + "06000000" + "302e62696173" + "01" + "02" + "01000000" + "01000000" // 0.bias f32 [1, 1]
                + "01000000"                                                         // 1 metadata entry
                + "06000000" + "65706f636873" + "01000000" + "33";                   // epochs = 3
        assertTrue(hex.startsWith(expected), hex);
        int headerCrcAt = expected.length() / 2;
        String data = "0000003f" + "000080bf" + "0000803e";                        // 0.5, -1, 0.25
        assertEquals(data, hex.substring(2 * (headerCrcAt + 4), 2 * (headerCrcAt + 4) + data.length()));
        assertEquals(headerCrcAt + 4 + 12 + 4, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, headerCrcAt);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(headerCrcAt));
        crc.reset();
        crc.update(bytes, 0, bytes.length - 4);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 4));
        // and it loads
        assertEquals(net.predict(Tensor.vector(1, 2)), ModelFile.fromBytes(bytes, "x").network().predict(Tensor.vector(1, 2)));
    }

    // ------------------------------------------------------------------------ what cannot be saved

    /** A third party's layer, which the format does not know. */
    private static final class Doubling implements Layer {
        @Override
        public String name() {
            return "doubling";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Value forward(Value input, boolean training) {
            return input.multiply(2);
        }

        @Override
        public String toString() {
            return "Doubling()";
        }
    }

    @Test
    void aLayerTheFormatDoesNotKnowIsNamed() {
        Sequential net = new Sequential(2, List.of(new Dense(2, 2), new Doubling()), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(net, dir.resolve("m.nnm")));
        assertEquals("layer 1 (Doubling(), of type 'doubling', class " + Doubling.class.getName() + ") cannot be"
                + " saved: the model format knows the layer types " + LayerCodec.TYPES + " (the built-in layers of"
                + " nn.core.layers)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("m.nnm")));
    }

    @Test
    void anActivationLoadingCouldNotGiveBackIsRefused() throws Exception {
        Activation unregistered = new Activation() {
            @Override
            public String name() {
                return "unregistered";
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(
                new Sequential(2, List.of(new ActivationLayer(unregistered)), 1), dir.resolve("a.nnm")));
        assertTrue(e.getMessage().startsWith("layer 0 (activation 'unregistered', class "), e.getMessage());
        assertTrue(e.getMessage().contains("no activation of that name is registered"), e.getMessage());

        Activation impostor = new Activation() {
            @Override
            public String name() {
                return "relu";
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
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(
                new Sequential(2, List.of(new ActivationLayer(impostor)), 1), dir.resolve("b.nnm")));
        assertTrue(e.getMessage().contains("but the registered 'relu' is a "), e.getMessage());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void metadataMustBeValidUnicode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(network(1), Map.of("k", "bad \uD800 surrogate"), dir.resolve("m.nnm")));
        assertTrue(e.getMessage().startsWith("the metadata value of 'k' is not valid Unicode"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SavedModel(network(1), Map.of("", "v")));
        assertThrows(NullPointerException.class, () -> new SavedModel(network(1), null));
    }

    // -------------------------------------------------------------------------------- atomicity

    @Test
    void aFailedSaveLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.nnm");
        ModelFile.save(network(1), Map.of("version", "old"), file);
        byte[] before = Files.readAllBytes(file);

        // the disk fails after 300 bytes of the new file
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(
                new SavedModel(network(2), Map.of("version", "new")), file, out -> new OutputStream() {
                    private int written;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (written + len > 300) {
                            throw new IOException("disk full (simulated)");
                        }
                        written += len;
                        out.write(b, off, len);
                    }
                }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals("old", ModelFile.read(file).metadata().get("version"));

        // a runtime failure in the middle is no different
        assertThrows(IllegalStateException.class, () -> ModelFile.save(new SavedModel(network(2), Map.of()), file,
                out -> new OutputStream() {
                    @Override
                    public void write(int b) {
                        throw new IllegalStateException("crash (simulated)");
                    }
                }));
        assertArrayEquals(before, Files.readAllBytes(file));

        // a model that cannot be saved does not touch it either
        assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(new Sequential(2, List.of(new Doubling()), 1), file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "temporary files were left behind");
        }

        // and a save that succeeds replaces it
        ModelFile.save(network(2), Map.of("version", "new"), file);
        assertEquals("new", ModelFile.read(file).metadata().get("version"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void saveCreatesMissingDirectories() throws IOException {
        Path file = dir.resolve("out/run-1/model.nnm");
        ModelFile.save(network(1), file);
        assertEquals(network(1).parameters().get(0).value(), ModelFile.load(file).parameters().get(0).value());
    }

    // ------------------------------------------------------------------------------- corruption

    @Test
    void notAModelFile() throws IOException {
        assertEquals("not an nn model file: it starts with 89 50 4E 47 0D 0A 1A 0A, and a model file starts with"
                + " 89 4E 4E 4D 0D 0A 1A 0A", problem(HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452")));
        assertEquals("not an nn model file: it starts with 68 65 6C 6C 6F, and a model file starts with"
                + " 89 4E 4E 4D 0D 0A 1A 0A", problem("hello".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("the file is empty", problem(new byte[0]));
        Path empty = Files.createFile(dir.resolve("empty.nnm"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(empty));
        assertEquals(empty + ": the file is empty", e.getMessage());
    }

    @Test
    void aMissingFileOrADirectorySaysWhichAfterThePath() throws IOException {
        Path missing = dir.resolve("missing.nnm");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFile.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.nnm"));
        FileSystemException d = assertThrows(FileSystemException.class, () -> ModelFile.load(folder));
        assertEquals(folder + ": is a directory; expected a model file (written by ModelFile.save or"
                + " Checkpoint.write)", d.getMessage());
    }

    @Test
    void everyTruncationFailsCleanly() throws IOException {
        byte[] bytes = validBytes();
        for (int length = 0; length < bytes.length; length++) {
            String p = problem(Arrays.copyOf(bytes, length));
            assertTrue(p.startsWith("truncated") || p.equals("the file is empty"), length + ": " + p);
        }
        assertEquals("truncated: the preamble declares " + bytes.length + " bytes (a header of "
                + (bytes.length - 32 - 4 * (20 + 5 + 15 + 3)) + " and weights of " + 4 * (20 + 5 + 15 + 3)
                + "), but the file has " + (bytes.length - 1), problem(Arrays.copyOf(bytes, bytes.length - 1)));
        // and through real files, at a few points
        for (int length : new int[] {3, 10, 23, 24, 60, bytes.length - 5, bytes.length - 1}) {
            Path f = Files.write(dir.resolve("cut" + length + ".nnm"), Arrays.copyOf(bytes, length));
            assertThrows(ModelFormatException.class, () -> ModelFile.load(f));
        }
    }

    @Test
    void bytesAfterTheEndFail() {
        byte[] bytes = validBytes();
        assertEquals("the file has 2 bytes after the end of the model (it should have " + bytes.length + ", as its"
                + " preamble declares): it is corrupted or something was appended",
                problem(Arrays.copyOf(bytes, bytes.length + 2)));
    }

    @Test
    void everySingleBitFlipIsCaught() {
        byte[] bytes = validBytes();
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            fails(flipped);
        }
    }

    @Test
    void aFlippedBitInTheWeightsIsACorruptedFile() {
        byte[] bytes = validBytes();
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 0x10;
        String p = problem(flipped);
        assertTrue(p.startsWith("the checksum of the file does not match (stored "), p);
        assertTrue(p.endsWith("): the weights are corrupted"), p);

        byte[] header = bytes.clone();
        header[40] ^= 0x01;
        assertTrue(problem(header).startsWith("the header's checksum does not match"), problem(header));
    }

    @Test
    void aFutureVersionSaysSo() {
        byte[] bytes = validBytes();
        putInt(bytes, 8, 3);
        assertEquals("the file has format version 3, which is newer than this nn reads (version 2): load it with a"
                + " newer version of nn", problem(bytes));
        putInt(bytes, 8, -1);
        assertTrue(problem(bytes).startsWith("the file has format version 4294967295"), problem(bytes));
        putInt(bytes, 8, 0);
        assertEquals("format version 0 does not exist: the file is corrupted", problem(bytes));
    }

    @Test
    void anUnknownActivationReusesTheRegistrysMessage() {
        String p = problem(withSecondLayer(new LayerRecord("activation", Map.of("activation", "x"))));
        assertTrue(p.startsWith("layer 1: activation 'x' not found; available: "), p);
        for (String name : Plugins.activations().names()) {
            assertTrue(p.contains(name), p);
        }
        ModelFormatException e = fails(withSecondLayer(new LayerRecord("activation", Map.of("activation", "x"))));
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
    }

    @Test
    void layersTheFileDescribesBadlyAreNamed() {
        assertEquals("layer 1 has the type 'capsule', which this version of nn does not know (it knows "
                + LayerCodec.TYPES + ")", problem(withSecondLayer(new LayerRecord("capsule", Map.of()))));
        assertEquals("layer 1 (activation) has the attribute 'activation.alpha', which this version of nn does not"
                + " know (it knows [activation])", problem(withSecondLayer(new LayerRecord(
                        "activation", attributes("activation", "leaky_relu", "activation.alpha", "0.1")))));
        assertEquals("layer 1 (activation) has no attribute 'activation'",
                problem(withSecondLayer(new LayerRecord("activation", Map.of()))));
        assertEquals("layer 1 (activation) has the attribute 'colour', which this version of nn does not know (it"
                + " knows [activation])", problem(withSecondLayer(new LayerRecord(
                        "activation", attributes("activation", "relu", "colour", "blue")))));
        assertEquals("layer 1 (dense): the attribute 'in' is '0x10', not a positive whole number up to 2147483647",
                problem(withSecondLayer(new LayerRecord("dense", attributes("in", "0x10", "out", "1")))));
        assertEquals("layer 1 (dense): the attribute 'out' is '2147483648', not a positive whole number up to"
                + " 2147483647", problem(withSecondLayer(new LayerRecord("dense", attributes("in", "3", "out",
                        "2147483648")))));
        assertEquals("layer 1 (dense) has no attribute 'out'",
                problem(withSecondLayer(new LayerRecord("dense", attributes("in", "3")))));
        assertEquals("layer 1 (dense 3 -> 2) needs the tensor '1.weights' of shape [3, 2], which the file does not"
                + " have", problem(withSecondLayer(new LayerRecord("dense", attributes("in", "3", "out", "2")))));
    }

    @Test
    void tensorsThatDoNotMatchTheLayersAreNamed() {
        Header wrongShape = new Header(2, List.of(new LayerRecord("dense", attributes("in", "2", "out", "3"))),
                List.of(new TensorRecord("0.weights", new int[] {3, 2}), new TensorRecord("0.bias", new int[] {1, 3})),
                Map.of());
        assertEquals("layer 0 (dense 2 -> 3) needs the tensor '0.weights' of shape [2, 3], but the file's has shape"
                + " [3, 2]", problem(ModelFile.assemble(wrongShape, List.of(new float[6], new float[3]))));

        Header misfit = new Header(4, List.of(new LayerRecord("dense", attributes("in", "2", "out", "3"))),
                List.of(new TensorRecord("0.weights", new int[] {2, 3}), new TensorRecord("0.bias", new int[] {1, 3})),
                Map.of());
        assertEquals("the layers do not make a network: layer 0 (Dense(2 -> 3)) does not fit the output of the layer"
                + " before it, of shape [4]: Dense(2 -> 3) expects samples of shape [2], got [4]",
                problem(ModelFile.assemble(misfit, List.of(new float[6], new float[3]))));

        Header short1 = new Header(2, List.of(new LayerRecord("dense", attributes("in", "2", "out", "3"))),
                List.of(new TensorRecord("0.weights", new int[] {2, 3}), new TensorRecord("0.bias", new int[] {1, 3})),
                Map.of());
        assertEquals("the header's tensors hold 36 bytes, but the preamble declares 32 bytes of weights",
                problem(ModelFile.assemble(short1, List.of(new float[6], new float[2]))));
    }

    @Test
    void inflatedLengthsCountsAndDimensionsFailWithoutAllocating() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            byte[] valid = validBytes();

            byte[] b = valid.clone();
            putInt(b, 12, -1); // header length 2^32 - 1 (not covered by a checksum: checked first)
            assertEquals("the preamble declares a header of 4294967295 bytes; a header has 16 to 67108864 bytes",
                    problem(b));

            b = valid.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 40); // data length
            assertTrue(problem(b).startsWith("truncated: the preamble declares"), problem(b));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 62);
            assertEquals("the preamble declares 4611686018427387904 bytes of weights, more than any file holds",
                    problem(b));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, -8);
            assertTrue(problem(b).startsWith("the preamble declares 18446744073709551608 bytes of weights"), problem(b));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 6);
            assertEquals("the preamble declares 6 bytes of weights, which is not a multiple of 4, the size of a"
                    + " float32", problem(b));

            b = valid.clone();
            putInt(b, 24, Integer.MAX_VALUE); // input width: fine by itself, refused by the layers
            assertTrue(problem(rechecksum(b)).startsWith("the layers do not make a network"), problem(b));

            b = valid.clone();
            putInt(b, 28, Integer.MAX_VALUE); // layer count
            assertTrue(problem(rechecksum(b)).startsWith("the header declares 2147483647 layers (at byte 28), but its"
                    + " remaining"), problem(b));

            b = valid.clone();
            putInt(b, 32, 0x7FFFFFF0); // the length of the first layer's type
            assertTrue(problem(rechecksum(b)).startsWith("the type of layer 0 is declared 2147483632 bytes long"
                    + " (at byte 32), but only"), problem(b));
            putInt(b, 32, -16);
            assertTrue(problem(rechecksum(b)).startsWith("the length of the type of layer 0 is 4294967280"), problem(b));

            int weights = indexOf(valid, "0.weights");
            b = valid.clone();
            putInt(b, weights + 11, Integer.MAX_VALUE); // first dimension of 0.weights: [2^31 - 1, 5]
            assertEquals("tensor '0.weights' of shape [2147483647, 5] has more elements than one array can hold"
                    + " (2147483639)", problem(rechecksum(b)));
            putInt(b, weights + 11, 1 << 20); // [2^20, 5]: one array could, the file cannot
            assertTrue(problem(rechecksum(b)).startsWith("the header's tensors hold 20971612 bytes, but the"
                    + " preamble declares 172"), problem(b));

            b = valid.clone();
            b[weights + 10] = (byte) 200; // rank
            assertEquals("tensor '0.weights' has 200 dimensions; at most 8 are allowed", problem(rechecksum(b)));
            b = valid.clone();
            b[weights + 10] = 8; // rank 8: the shape runs past the header's end into other fields
            fails(rechecksum(b));
            b = valid.clone();
            b[weights + 9] = 7; // data type
            assertEquals("tensor '0.weights' has data type 7, which format version 2 does not know (1 is float32)",
                    problem(rechecksum(b)));

            b = valid.clone();
            putInt(b, weights - 8, Integer.MAX_VALUE); // the tensor count, before the first name's length
            assertTrue(problem(rechecksum(b)).startsWith("the header declares 2147483647 tensors"), problem(b));

            b = valid.clone();
            putInt(b, indexOf(valid, "classes") - 8, 1 << 30); // the metadata count
            assertTrue(problem(rechecksum(b)).startsWith("the header declares 1073741824 metadata entries"),
                    problem(b));

            b = valid.clone();
            putInt(b, indexOf(valid, "classes") - 4, 1 << 30); // a metadata key's length
            assertTrue(problem(rechecksum(b)).startsWith("metadata key 0 is declared 1073741824 bytes long"),
                    problem(b));
        });
    }

    @Test
    void malformedStringsAndDuplicatesAreRefused() {
        byte[] b = validBytes();
        b[indexOf(b, "dense")] = (byte) 0xC3; // a lead byte without its continuation
        assertTrue(problem(rechecksum(b)).startsWith("the type of layer 0 (at byte 36) is not valid UTF-8"), problem(b));

        Header twice = new Header(2, List.of(new LayerRecord("activation", Map.of("activation", "relu"))),
                List.of(new TensorRecord("t", new int[] {1}), new TensorRecord("t", new int[] {1})), Map.of());
        assertEquals("two tensors are named 't'", problem(ModelFile.assemble(twice, List.of(new float[1], new float[1]))));

        Header noLayers = new Header(2, List.of(), List.of(), Map.of());
        assertEquals("the header declares no layers; a network has at least one",
                problem(ModelFile.assemble(noLayers, List.of())));
    }

    @Test
    void randomDamageLoadsOrFailsWithTheOneException() {
        byte[] valid = validBytes();
        Random random = new Random(2024);
        int loaded = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b = valid.clone();
            int kind = random.nextInt(4);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length);
                switch (kind) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                    case 2 -> {
                        if (at + 4 <= b.length) {
                            putInt(b, at, random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt());
                        }
                    }
                    default -> b[at] = (byte) (random.nextBoolean() ? 0 : 0xFF);
                }
            }
            boolean fixed = random.nextBoolean() && b.length >= 28 && ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN)
                    .getInt(12) == ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
            byte[] candidate = fixed ? rechecksum(b) : b;
            try {
                ModelFile.fromBytes(candidate, "fuzz");
                loaded++;
            } catch (ModelFormatException expected) {
                assertFalse(expected.problem().isEmpty());
            }
        }
        assertNotEquals(3000, loaded);
    }
}
