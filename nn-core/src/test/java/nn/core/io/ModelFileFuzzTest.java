package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import nn.core.graph.Parameter;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A structured fuzzer of model files: it takes valid files and damages them in every way a file
 * can be damaged (bit flips, truncation, appended garbage, inflated lengths, counts and dimensions,
 * wrong versions, unknown layer types and plugin names, inconsistent tables, pure garbage), with
 * and without recomputed checksums so that the damage reaches the decoder, and requires of every
 * case that the file either loads as a valid model or fails with {@link ModelFormatException} and
 * a message; no other exception, no error, no allocation out of proportion to the file, no hang.
 *
 * <p>CI runs {@value #CI_CASES} cases per file kind, from a fixed seed. The long run is
 * {@code mvn -o -pl nn-core -am test -Dtest=ModelFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnn.fuzz.seconds=300} (optionally {@code -Dnn.fuzz.seed=...}); it prints its figures. Each
 * failure names the kind, seed and case, so that it replays alone.
 *
 * <p>A new kind of file (checkpoints) is one more entry in {@link #KINDS}.
 */
class ModelFileFuzzTest {

    /** Cases per file kind in a CI run: a few seconds. */
    static final int CI_CASES = 20_000;

    /** Cases per batch; each batch runs under a preemptive timeout, so a hang fails the test. */
    private static final int BATCH = 500;

    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    /** Allowed allocation per case: a constant (the reader's 1 MiB chunk, the network) plus a multiple of the file's size. */
    private static final long ALLOCATION_SLACK = 4L << 20;
    private static final long ALLOCATION_PER_FILE_BYTE = 64;

    /** A file format under test: valid sample files, and how to read bytes of that format. */
    record FileKind(String name, Supplier<List<byte[]>> seeds, Reader reader) {
    }

    /** Reads one file's bytes; returns what it loaded, checked for validity by the reader itself. */
    interface Reader {
        void read(byte[] bytes) throws ModelFormatException;
    }

    /** Every kind of file the fuzzer tries; a checkpoint format is one more line here. */
    static final List<FileKind> KINDS = List.of(
            new FileKind("model", ModelFileFuzzTest::modelSeeds, ModelFileFuzzTest::readModel),
            new FileKind("checkpoint", ModelFileFuzzTest::checkpointSeeds, ModelFileFuzzTest::readCheckpoint));

    /** Checkpoints of two short runs: Adam with early stopping, and SGD with momentum and dropout. */
    static List<byte[]> checkpointSeeds() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("nn-fuzz-checkpoints");
            Tensor x = nn.core.TestData.normal(5, 40, 4);
            Tensor y = Tensor.zeros(40, 1);
            for (int r = 0; r < 40; r++) {
                y.data()[r] = x.data()[r * 4] > 0 ? 1 : 0;
            }
            new nn.core.train.Trainer(network(4, 3, new Dense(4, 5), "tanh", new Dense(5, 2)),
                    nn.core.train.Objective.softmaxCrossEntropy(nn.api.Reduction.MEAN),
                    nn.core.optim.RuleOptimizer.of("adam(lr=0.01)"))
                    .fit(x, y, nn.core.train.Fit.epochs(1).batchSize(8).validationSplit(0.25)
                            .listener(new nn.core.train.EarlyStopping("val_loss", 3, 0, true))
                            .checkpoints(dir.resolve("a"), 1, 1));
            new nn.core.train.Trainer(network(4, 4, new Dense(4, 3), "relu", new nn.core.layers.Dropout(0.2, 1),
                    new Dense(3, 2)), nn.core.train.Objective.softmaxCrossEntropy(nn.api.Reduction.MEAN),
                    nn.core.optim.RuleOptimizer.of("sgd(lr=0.1,momentum=0.9)"))
                    .fit(x, y, nn.core.train.Fit.epochs(2).batchSize(8).checkpoints(dir.resolve("b"), 1, 1));
            List<byte[]> seeds = List.of(timeless(nn.core.train.Checkpoint.fileFor(dir.resolve("a"), 1)),
                    timeless(nn.core.train.Checkpoint.fileFor(dir.resolve("b"), 2)));
            for (String sub : List.of("a", "b")) {
                for (Path p : nn.core.train.Checkpoint.files(dir.resolve(sub))) {
                    java.nio.file.Files.delete(p);
                }
                java.nio.file.Files.delete(dir.resolve(sub));
            }
            java.nio.file.Files.delete(dir);
            return seeds;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The bytes of a checkpoint with its epochs' wall-clock times set to 0, so that the seed files,
     * and so every case, are the same in every run.
     */
    private static byte[] timeless(Path file) throws java.io.IOException {
        nn.core.train.Checkpoint cp = nn.core.train.Checkpoint.read(file);
        List<nn.core.train.EpochResult> history = new ArrayList<>();
        for (nn.core.train.EpochResult r : cp.history()) {
            history.add(new nn.core.train.EpochResult(r.epoch(), r.loss(), r.validationLoss(), r.validationAccuracy(),
                    r.learningRate(), 0));
        }
        new nn.core.train.Checkpoint(cp.network(), cp.epoch(), cp.seed(), cp.optimizer(), history, cp.state(),
                cp.tensors()).write(file);
        return java.nio.file.Files.readAllBytes(file);
    }

    /** A checkpoint must read as a model and as a checkpoint, and write back to one that reads. */
    private static void readCheckpoint(byte[] bytes) throws ModelFormatException {
        readModel(bytes);
        nn.core.train.Checkpoint cp = nn.core.train.Checkpoint.from(ModelFile.fromBytes(bytes, "fuzz.nnm"),
                "fuzz.nnm");
        assertTrue(cp.epoch() >= 1);
        nn.core.optim.RuleOptimizer.restored(cp.optimizer());
    }

    // ------------------------------------------------------------------------------- the seeds

    private static Sequential network(int input, long seed, Object... layers) {
        List<nn.api.Layer> list = new ArrayList<>();
        for (Object o : layers) {
            list.add(o instanceof String s ? new ActivationLayer(Plugins.activation(s)) : (nn.api.Layer) o);
        }
        return new Sequential(input, list, seed);
    }

    /** Small valid model files of several shapes: layers, metadata, extra tensors of ranks 0 to 3. */
    static List<byte[]> modelSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ModelFile.toBytes(new SavedModel(network(4, 3, new Dense(4, 5), "tanh", new Dense(5, 3), "softmax"),
                Map.of("epochs", "15", "classes", "a\nb\nc"))));
        seeds.add(ModelFile.toBytes(new SavedModel(network(1, 1, new Dense(1, 1)), Map.of())));
        seeds.add(ModelFile.toBytes(new SavedModel(network(3, 7, new Dense(3, 2), "relu", "sigmoid", new Dense(2, 2)),
                Map.of("note", "é – ü"),
                Map.of("step", Tensor.of(new float[] {7}), "velocity", Tensor.zeros(2, 1, 3),
                        "z", Tensor.of(new float[] {Float.NaN, -0f, Float.POSITIVE_INFINITY}, 3)))));
        seeds.add(ModelFile.toBytes(new SavedModel(network(2, 5, "leaky_relu", new Dense(2, 4), "gelu",
                new Dense(4, 1), "identity"), Map.of("loss", "mse"))));
        return seeds;
    }

    /** Reads a model and checks it is valid: it predicts, and saves to bytes that load to the same weights. */
    private static void readModel(byte[] bytes) throws ModelFormatException {
        SavedModel model = ModelFile.fromBytes(bytes, "fuzz.nnm");
        Sequential net = model.network();
        Tensor out = net.predict(Tensor.zeros(2, net.inputWidth()));
        assertArrayEquals(new int[] {2, net.outputWidth()}, out.shape(), "a loaded model predicts");
        SavedModel again = ModelFile.fromBytes(ModelFile.toBytes(model), "again.nnm");
        List<Parameter> a = net.parameters();
        List<Parameter> b = again.network().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), "weights survive a second save");
        }
        assertEquals(model.metadata(), again.metadata());
        assertEquals(model.extras().keySet(), again.extras().keySet());
    }

    // --------------------------------------------------------------------------- the mutations

    /** The kinds of damage; each case applies one, then maybe fixes the checksums. */
    enum Mutation {
        BIT_FLIPS, BYTE_WRITES, TRUNCATION, APPENDED_GARBAGE, INFLATED_FIELD, PREAMBLE_LENGTHS, VERSION,
        UNKNOWN_PLUGIN, UNKNOWN_LAYER_TYPE, ATTRIBUTES, TENSOR_TABLE, CONSISTENT_RESIZE, METADATA, SPLICE, GARBAGE
    }

    /** Interesting values for a 32-bit field. */
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 255, 256, 65535, 65536, 1 << 20, 1 << 24,
        1 << 30, Integer.MAX_VALUE - 8, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, -8};

    /** Names a file might give an activation: unknown ones, malformed ones and specs. */
    private static final String[] PLUGIN_NAMES = {"no_such_activation", "", "RELU", "relu ", " relu", "relu\0",
        "leaky_relu(alpha=0.1)", "leaky_relu(alpha=NaN)", "leaky_relu(alpha=1e308)", "leaky_relu(", "elu(alpha=)",
        "relu(x=1)", "softmax", "java.lang.Runtime", "../../relu", "é", "\uD7FF", "a".repeat(300)};

    private static final String[] LAYER_TYPES = {"conv2d", "", "Dense", "dense ", "activation\0", "java.lang.Object",
        "batch_norm", "dropout", "DENSE"};

    private static final String[] ATTRIBUTE_VALUES = {"0", "-1", "+3", "03", "1e3", "2147483647", "2147483648",
        "99999999999999999999", "", " 3", "3 ", "٣", "0x10", "NaN", "65536", "46341"};

    /** One fuzz case: a seed file damaged by a mutation; returns the bytes and a description. */
    static final class Case {
        final Mutation mutation;
        final byte[] bytes;
        final String description;

        Case(Mutation mutation, byte[] bytes, String description) {
            this.mutation = mutation;
            this.bytes = bytes;
            this.description = description;
        }
    }

    static Case mutate(byte[] seed, Random random) {
        Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
        byte[] b = seed.clone();
        String what;
        switch (m) {
            case BIT_FLIPS -> {
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                what = flips + " bit flips";
            }
            case BYTE_WRITES -> {
                int writes = 1 + random.nextInt(6);
                for (int i = 0; i < writes; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                what = writes + " random bytes";
            }
            case TRUNCATION -> {
                int length = random.nextBoolean() ? random.nextInt(b.length) : b.length - 1 - random.nextInt(8);
                b = Arrays.copyOf(b, Math.max(0, length));
                what = "truncated to " + b.length;
            }
            case APPENDED_GARBAGE -> {
                int extra = 1 + random.nextInt(64);
                b = Arrays.copyOf(b, b.length + extra);
                for (int i = b.length - extra; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
                what = extra + " bytes appended";
            }
            case INFLATED_FIELD -> {
                List<Field> fields = fields(seed);
                Field f = fields.get(random.nextInt(fields.size()));
                int value = random.nextInt(3) == 0 ? f.value + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(4))
                        : INTERESTING[random.nextInt(INTERESTING.length)];
                if (f.width == 1) {
                    b[f.offset] = (byte) value;
                } else {
                    putInt(b, f.offset, value);
                }
                what = f.label + " set to " + (f.width == 1 ? value & 0xFF : Integer.toUnsignedLong(value));
            }
            case PREAMBLE_LENGTHS -> {
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (random.nextBoolean()) {
                    buf.putInt(12, INTERESTING[random.nextInt(INTERESTING.length)]);
                    what = "header length " + Integer.toUnsignedLong(buf.getInt(12));
                } else {
                    long[] values = {0, 4, 6, 1L << 31, 1L << 32, 1L << 40, 1L << 61, 1L << 62, Long.MAX_VALUE, -1, -4,
                        buf.getLong(16) + 4, buf.getLong(16) - 4};
                    buf.putLong(16, values[random.nextInt(values.length)]);
                    what = "data length " + Long.toUnsignedString(buf.getLong(16));
                }
            }
            case VERSION -> {
                int[] versions = {0, 2, 3, 255, 256, Integer.MAX_VALUE, -1};
                putInt(b, 8, versions[random.nextInt(versions.length)]);
                what = "version " + Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
            }
            case UNKNOWN_PLUGIN, UNKNOWN_LAYER_TYPE, ATTRIBUTES, TENSOR_TABLE, CONSISTENT_RESIZE, METADATA -> {
                return structured(m, seed, random);
            }
            case SPLICE -> {
                // the preamble and header of the seed with another seed's weights, or the reverse
                int cut = 24 + random.nextInt(b.length - 24);
                byte[] other = new byte[random.nextInt(200)];
                random.nextBytes(other);
                b = concat(Arrays.copyOf(b, cut), other);
                what = "spliced at " + cut + " with " + other.length + " random bytes";
            }
            default -> {
                b = new byte[random.nextInt(300)];
                random.nextBytes(b);
                if (random.nextBoolean() && b.length >= 12) {
                    System.arraycopy(ModelFile.MAGIC, 0, b, 0, 8);
                    putInt(b, 8, 1);
                    if (b.length >= 24 && random.nextBoolean()) {
                        putInt(b, 12, Math.max(16, b.length - 32));
                        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 0);
                    }
                }
                what = b.length + " bytes of garbage";
            }
        }
        boolean fix = random.nextBoolean() && rechecksum(b);
        return new Case(m, b, what + (fix ? ", checksums fixed" : ""));
    }

    /** Damage done to the header's records, assembled into a file with valid checksums. */
    private static Case structured(Mutation m, byte[] seed, Random random) {
        Header h = header(seed);
        List<float[]> data = data(seed, h);
        List<LayerRecord> layers = new ArrayList<>(h.layers());
        List<TensorRecord> tensors = new ArrayList<>(h.tensors());
        Map<String, String> metadata = new LinkedHashMap<>(h.metadata());
        int inputWidth = h.inputWidth();
        String what;
        int li = random.nextInt(layers.size());
        LayerRecord layer = layers.get(li);
        switch (m) {
            case UNKNOWN_PLUGIN -> {
                String name = PLUGIN_NAMES[random.nextInt(PLUGIN_NAMES.length)];
                layers.add(li, new LayerRecord("activation", Map.of("activation", name)));
                what = "activation '" + name + "' inserted at layer " + li;
            }
            case UNKNOWN_LAYER_TYPE -> {
                String type = LAYER_TYPES[random.nextInt(LAYER_TYPES.length)];
                layers.set(li, new LayerRecord(type, layer.attributes()));
                what = "layer " + li + " of type '" + type + "'";
            }
            case ATTRIBUTES -> {
                Map<String, String> attributes = new LinkedHashMap<>(layer.attributes());
                List<String> keys = new ArrayList<>(attributes.keySet());
                int choice = random.nextInt(4);
                if (choice == 0 && !keys.isEmpty()) {
                    String key = keys.get(random.nextInt(keys.size()));
                    attributes.remove(key);
                    what = "attribute '" + key + "' of layer " + li + " removed";
                } else if (choice == 1) {
                    String key = random.nextBoolean() ? "activation.alpha" : "bias";
                    attributes.put(key, ATTRIBUTE_VALUES[random.nextInt(ATTRIBUTE_VALUES.length)]);
                    what = "attribute '" + key + "' added to layer " + li;
                } else if (!keys.isEmpty()) {
                    String key = keys.get(random.nextInt(keys.size()));
                    String value = ATTRIBUTE_VALUES[random.nextInt(ATTRIBUTE_VALUES.length)];
                    attributes.put(key, value);
                    what = "attribute '" + key + "' of layer " + li + " set to '" + value + "'";
                } else {
                    what = "layer " + li + " unchanged";
                }
                layers.set(li, new LayerRecord(layer.type(), attributes));
            }
            case TENSOR_TABLE -> {
                int ti = random.nextInt(tensors.size() + 1);
                int choice = random.nextInt(5);
                if (ti == tensors.size() || choice == 0) {
                    // an extra tensor, with a name that may collide, and its data
                    String[] names = {"0.weights", "0.bias", "extra", "9.weights", "", "é", "0.weights\0"};
                    String name = names[random.nextInt(names.length)];
                    int[] shape = randomShape(random);
                    tensors.add(Math.min(ti, tensors.size()), new TensorRecord(name, shape));
                    data.add(Math.min(ti, data.size()), new float[(int) Math.min(1 << 12, size(shape))]);
                    what = "tensor '" + name + "' " + Arrays.toString(shape) + " added";
                } else if (choice == 1) {
                    tensors.remove(ti);
                    data.remove(ti);
                    what = "tensor " + ti + " removed";
                } else if (choice == 2) {
                    TensorRecord t = tensors.get(ti);
                    int[] shape = t.shape().clone();
                    if (shape.length > 0) {
                        shape[random.nextInt(shape.length)] = INTERESTING[random.nextInt(INTERESTING.length)] & 0x7FFFFFFF;
                    }
                    tensors.set(ti, new TensorRecord(t.name(), shape));
                    what = "tensor '" + t.name() + "' reshaped to " + Arrays.toString(shape) + " (data kept)";
                } else if (choice == 3) {
                    TensorRecord t = tensors.get(ti);
                    int[] shape = random.nextBoolean() ? new int[] {size(t.shape()) > Integer.MAX_VALUE ? 1
                        : (int) size(t.shape())} : append(t.shape(), 1);
                    tensors.set(ti, new TensorRecord(t.name(), shape));
                    what = "tensor '" + t.name() + "' given the same size as " + Arrays.toString(shape);
                } else {
                    int tj = random.nextInt(tensors.size());
                    TensorRecord t = tensors.remove(ti);
                    float[] d = data.remove(ti);
                    tensors.add(tj, t);
                    data.add(tj, d);
                    what = "tensor " + ti + " moved to " + tj;
                }
            }
            case CONSISTENT_RESIZE -> {
                // a dense layer resized with its tensors and data: a valid file if its neighbours fit
                int width = 1 + random.nextInt(random.nextBoolean() ? 8 : 300);
                if (layer.type().equals("dense")) {
                    boolean in = random.nextBoolean();
                    Map<String, String> attributes = new LinkedHashMap<>(layer.attributes());
                    attributes.put(in ? "in" : "out", Integer.toString(width));
                    layers.set(li, new LayerRecord("dense", attributes));
                    int rows = Integer.parseInt(attributes.get("in"));
                    int cols = Integer.parseInt(attributes.get("out"));
                    for (int t = 0; t < tensors.size(); t++) {
                        if (tensors.get(t).name().equals(li + ".weights")) {
                            tensors.set(t, new TensorRecord(li + ".weights", new int[] {rows, cols}));
                            data.set(t, new float[rows * cols]);
                        } else if (tensors.get(t).name().equals(li + ".bias")) {
                            tensors.set(t, new TensorRecord(li + ".bias", new int[] {1, cols}));
                            data.set(t, new float[cols]);
                        }
                    }
                    if (in && li == 0 && random.nextBoolean()) {
                        inputWidth = width;
                    }
                    what = "dense layer " + li + " resized: " + rows + " -> " + cols;
                } else {
                    inputWidth = random.nextBoolean() ? width : INTERESTING[random.nextInt(INTERESTING.length)] & 0x7FFFFFFF;
                    what = "input width " + inputWidth;
                }
            }
            default -> {
                String[] keys = {"", "epochs", "k\0", "é", "\uFFFF", "a".repeat(1000)};
                String key = keys[random.nextInt(keys.length)];
                if (random.nextBoolean()) {
                    metadata.put(key, "v".repeat(random.nextInt(3000)));
                    what = "metadata '" + abbreviate(key) + "' set";
                } else {
                    metadata.clear();
                    what = "metadata removed";
                }
            }
        }
        byte[] bytes = ModelFile.assemble(new Header(inputWidth, layers, tensors, metadata), data);
        return new Case(m, bytes, what);
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 17) + "..." : s;
    }

    private static int[] randomShape(Random random) {
        int rank = random.nextInt(4);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = random.nextInt(4) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)] & 0x7FFFFFFF
                    : random.nextInt(5);
        }
        return shape;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = d == 0 ? 0 : n > (1L << 40) / d ? 1L << 40 : n * d; // capped, never overflowing
        }
        return n;
    }

    private static int[] append(int[] shape, int d) {
        int[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = d;
        return s;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    /** Recomputes both checksums where the preamble still says where they are; false if it cannot. */
    private static boolean rechecksum(byte[] bytes) {
        if (bytes.length < 32) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerEnd = 24 + Integer.toUnsignedLong(b.getInt(12));
        if (headerEnd + 8 > bytes.length) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, (int) headerEnd);
        b.putInt((int) headerEnd, (int) crc.getValue());
        crc.reset();
        crc.update(bytes, 0, bytes.length - 4);
        b.putInt(bytes.length - 4, (int) crc.getValue());
        return true;
    }

    /** The header of a valid file. */
    private static Header header(byte[] valid) {
        int h = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        try {
            return HeaderCodec.decode(Arrays.copyOfRange(valid, 24, 24 + h), h, 24);
        } catch (FormatProblem p) {
            throw new AssertionError("a seed file is invalid", p);
        }
    }

    /** The tensors' data of a valid file, in table order. */
    private static List<float[]> data(byte[] valid, Header header) {
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        int at = 28 + b.getInt(12);
        List<float[]> data = new ArrayList<>();
        for (TensorRecord t : header.tensors()) {
            float[] d = new float[t.size()];
            for (int i = 0; i < d.length; i++, at += 4) {
                d[i] = b.getFloat(at);
            }
            data.add(d);
        }
        return data;
    }

    /** A numeric field of a file, found by walking a valid file's structure. */
    record Field(int offset, int width, int value, String label) {
    }

    /** Every count, length, dimension, rank and type code of a valid file, with its offset. */
    static List<Field> fields(byte[] valid) {
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        List<Field> fields = new ArrayList<>();
        int[] at = {24};
        java.util.function.Function<String, Integer> u32 = label -> {
            int v = b.getInt(at[0]);
            fields.add(new Field(at[0], 4, v, label));
            at[0] += 4;
            return v;
        };
        java.util.function.Consumer<String> string = label -> {
            int length = u32.apply("length of " + label);
            at[0] += length;
        };
        u32.apply("input width");
        int layers = u32.apply("layer count");
        for (int i = 0; i < layers; i++) {
            string.accept("type of layer " + i);
            int attributes = u32.apply("attribute count of layer " + i);
            for (int a = 0; a < attributes; a++) {
                string.accept("attribute name");
                string.accept("attribute value");
            }
        }
        int tensors = u32.apply("tensor count");
        for (int t = 0; t < tensors; t++) {
            string.accept("tensor name");
            fields.add(new Field(at[0], 1, valid[at[0]], "data type of tensor " + t));
            int rank = valid[at[0] + 1];
            fields.add(new Field(at[0] + 1, 1, rank, "rank of tensor " + t));
            at[0] += 2;
            for (int d = 0; d < rank; d++) {
                u32.apply("dimension " + d + " of tensor " + t);
            }
        }
        int metadata = u32.apply("metadata count");
        for (int m = 0; m < metadata; m++) {
            string.accept("metadata key");
            string.accept("metadata value");
        }
        assertEquals(24 + b.getInt(12), at[0], "the walk ends where the header does");
        return fields;
    }

    // -------------------------------------------------------------------------------- the runs

    /** Figures of a run, per mutation: cases tried, files loaded, files refused. */
    static final class Tally {
        final Map<Mutation, int[]> counts = new EnumMap<>(Mutation.class);
        long cases;
        long loaded;

        void add(Mutation m, boolean ok) {
            int[] c = counts.computeIfAbsent(m, k -> new int[2]);
            c[ok ? 0 : 1]++;
            cases++;
            loaded += ok ? 1 : 0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(cases + " cases, " + loaded + " loaded, " + (cases - loaded)
                    + " refused with ModelFormatException;");
            counts.forEach((m, c) -> sb.append(' ').append(m).append('=').append(c[0] + c[1])
                    .append(" (").append(c[0]).append(" loaded)"));
            return sb.toString();
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Runs cases {@code [from, to)} of {@code kind} from {@code seed}; case {@code i} uses {@code new Random(seed + i)}. */
    static void run(FileKind kind, List<byte[]> seeds, long seed, long from, long to, Tally tally) {
        for (long i = from; i < to; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            Case c = mutate(seeds.get(random.nextInt(seeds.size())), random);
            String where = kind.name() + " case " + i + " of seed " + seed + " (" + c.mutation + ": "
                    + c.description + ", " + c.bytes.length + " bytes)";
            long before = THREADS.getCurrentThreadAllocatedBytes();
            boolean ok;
            try {
                kind.reader().read(c.bytes);
                ok = true;
            } catch (ModelFormatException e) {
                ok = false;
                assertTrue(e.problem() != null && !e.problem().isBlank(), where + ": an empty message");
                if (e.problem().startsWith("cannot be read as a model: ")) {
                    fail(where + ": a check is missing; the reader's catch-all caught " + e.getCause(), e);
                }
            } catch (Throwable t) {
                throw new AssertionError(where + ": " + t, t);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            long allowed = ALLOCATION_SLACK + ALLOCATION_PER_FILE_BYTE * c.bytes.length;
            assertTrue(allocated <= allowed, () -> where + ": allocated " + allocated + " bytes, more than "
                    + allowed + " for a file of " + c.bytes.length);
            tally.add(c.mutation, ok);
        }
    }

    /** Runs {@code cases} cases in batches, each under a preemptive timeout. */
    static Tally fuzz(FileKind kind, long seed, long cases) {
        List<byte[]> seeds = kind.seeds().get();
        for (byte[] s : seeds) {
            assertDoesNotFail(kind, s); // also warms the registries, so their loading is not counted
        }
        Tally tally = new Tally();
        for (long from = 0; from < cases; from += BATCH) {
            long start = from;
            long end = Math.min(cases, from + BATCH);
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> run(kind, seeds, seed, start, end, tally),
                    () -> kind.name() + " cases " + start + " to " + end + " of seed " + seed + " hang");
        }
        return tally;
    }

    private static void assertDoesNotFail(FileKind kind, byte[] valid) {
        try {
            kind.reader().read(valid);
        } catch (ModelFormatException e) {
            throw new AssertionError("a seed " + kind.name() + " file does not load", e);
        }
    }

    @Test
    void thousandsOfDamagedFilesLoadOrFailWithTheOneException() {
        for (FileKind kind : KINDS) {
            Tally tally = fuzz(kind, 20261128L, CI_CASES);
            assertEquals(CI_CASES, tally.cases);
            for (Mutation m : Mutation.values()) {
                assertTrue(tally.counts.containsKey(m), kind.name() + ": no case of " + m + "; " + tally);
            }
            // both outcomes occur: the mutations reach past the checksums to files that load
            assertTrue(tally.loaded > 0 && tally.loaded < tally.cases, tally.toString());
            System.out.println("fuzzed " + kind.name() + " files: " + tally);
        }
    }

    /**
     * The long run, when asked for with {@code -Dnn.fuzz.seconds=N}: batches of cases until the
     * time is up. Skipped (and reported as skipped) otherwise.
     */
    @Test
    @EnabledIfSystemProperty(named = "nn.fuzz.seconds", matches = "[1-9][0-9]*")
    void longRunWhenAskedFor() {
        long seconds = Long.getLong("nn.fuzz.seconds");
        long seed = Long.getLong("nn.fuzz.seed", System.nanoTime());
        for (FileKind kind : KINDS) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L / KINDS.size();
            List<byte[]> seeds = kind.seeds().get();
            Tally tally = new Tally();
            for (long from = 0; System.nanoTime() < deadline; from += BATCH) {
                long start = from;
                assertTimeoutPreemptively(BATCH_TIMEOUT, () -> run(kind, seeds, seed, start, start + BATCH, tally),
                        () -> kind.name() + " cases from " + start + " of seed " + seed + " hang");
            }
            System.out.println("long fuzz run of " + kind.name() + " files, seed " + seed + ", " + seconds + " s: "
                    + tally);
        }
    }

    @Test
    void everyPluginNameTheFuzzerTriesLoadsOrFailsCleanly() {
        for (String name : PLUGIN_NAMES) {
            Header h = new Header(2, List.of(new LayerRecord("activation", Map.of("activation", name))), List.of(),
                    Map.of());
            byte[] bytes = ModelFile.assemble(h, List.of());
            try {
                readModel(bytes);
            } catch (ModelFormatException e) {
                assertTrue(e.problem().startsWith("layer 0: "), e.getMessage());
            }
        }
    }

    @Test
    void theFieldWalkFindsEveryNumericField() {
        byte[] seed = modelSeeds().get(0);
        List<Field> fields = fields(seed);
        // input width, layer count, 4 layers (type length, attribute count, attributes), tensors, metadata
        assertEquals(4, fields.get(0).value());
        assertEquals(4, fields.get(1).value());
        assertTrue(fields.stream().anyMatch(f -> f.label().equals("dimension 1 of tensor 0") && f.value() == 5));
        assertEquals("dense", new String(seed, fields.get(2).offset() + 4, 5, StandardCharsets.UTF_8));
    }
}
