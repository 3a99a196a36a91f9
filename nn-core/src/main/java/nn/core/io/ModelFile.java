package nn.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import nn.api.Layer;
import nn.core.graph.Parameter;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.network.Sequential;
import nn.core.tensor.Tensor;

/**
 * Saves a {@link Sequential} network to a file and loads it back: a versioned, self-describing,
 * checksummed format described byte by byte in {@code docs/MODEL-FORMAT.md}.
 *
 * <pre>{@code
 * ModelFile.save(net, Map.of("epochs", "15", "classes", "T-shirt/top\nTrouser\n..."), Path.of("out/model.nnm"));
 * SavedModel saved = ModelFile.read(Path.of("out/model.nnm"));
 * Tensor p = saved.network().predict(x);     // bit for bit what net.predict(x) gave
 * }</pre>
 *
 * <p>The file names its layers by type ({@code dense}, {@code activation}) and its activations by
 * their plugin specs, the name with every hyperparameter ({@code leaky_relu(alpha=0.2)}), never by
 * a class name, so loading one instantiates only the built-in layers and registered plugins,
 * configured through their {@code with}. It holds the weights as raw little-endian float32 and ends with a CRC-32
 * of everything before it.
 *
 * <p>Reading trusts nothing: every length, count and dimension is checked against the bytes that
 * remain before anything is allocated, and any file that is not a valid model, whatever its bytes
 * (truncated, corrupted, from a newer format version, naming an unknown plugin), fails with a
 * {@link ModelFormatException} saying what is wrong. Writing is atomic ({@link AtomicFiles}): the
 * target holds the old file or the new one, never half of one.
 *
 * <p>Stateless and thread-safe; saving reads the network's weights, so do not train it while it
 * is being saved.
 */
public final class ModelFile {

    /**
     * The format version this class writes: 2, where an activation is stored as its spec with
     * its hyperparameters ({@code leaky_relu(alpha=0.2)}). It also reads version 1, which stored
     * bare names ({@code relu}); versions 1 and 2 differ in nothing else.
     */
    public static final int FORMAT_VERSION = 2;

    /** The oldest format version this class reads. */
    public static final int OLDEST_READABLE_VERSION = 1;

    /** The customary file name extension. */
    public static final String EXTENSION = ".nnm";

    /**
     * The first eight bytes of every model file: {@code 89 'N' 'N' 'M' CR LF 1A LF}, after PNG's
     * signature: the high byte catches 7-bit transfers, CR LF and LF catch line-ending
     * conversions, and 1A stops {@code type} on Windows.
     */
    static final byte[] MAGIC = {(byte) 0x89, 'N', 'N', 'M', '\r', '\n', 0x1A, '\n'};

    /** Magic, version, header length, data length. */
    static final int PREAMBLE_BYTES = 24;

    /** The largest header accepted: far more than any architecture and metadata need. */
    static final int MAX_HEADER_BYTES = 64 << 20;

    private static final int CHUNK_BYTES = 1 << 20;

    private ModelFile() {
    }

    // ------------------------------------------------------------------------------------ saving

    /** Saves {@code network} to {@code file} atomically, without metadata. */
    public static void save(Sequential network, Path file) throws IOException {
        save(new SavedModel(network, Map.of()), file);
    }

    /** Saves {@code network} and {@code metadata} to {@code file} atomically. */
    public static void save(Sequential network, Map<String, String> metadata, Path file) throws IOException {
        save(new SavedModel(network, metadata), file);
    }

    /**
     * Saves a network, its metadata and extra tensors to {@code file} atomically, creating
     * missing parent directories. Everything is checked before the file system is touched.
     *
     * @throws IllegalArgumentException naming the layer, if the format cannot describe one (a
     *                                  layer type it does not know, an activation that is not
     *                                  registered or whose spec would not load back to the same
     *                                  plugin), or an extra tensor takes a parameter's name
     * @throws IOException              if writing fails; {@code file} is then as it was before
     */
    public static void save(SavedModel model, Path file) throws IOException {
        save(model, file, UnaryOperator.identity());
    }

    /** {@link #save(SavedModel, Path)}, with the file's stream passed through {@code interpose} (for tests). */
    static void save(SavedModel model, Path file, UnaryOperator<OutputStream> interpose) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Encoded encoded = encode(model);
        AtomicFiles.write(file, out -> write(encoded, interpose.apply(out)));
    }

    /** The bytes of a model file, as {@link #save} writes them (for tests). */
    static byte[] toBytes(SavedModel model) {
        Encoded encoded = encode(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(encoded, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /**
     * The bytes of a file with this header and data, with correct checksums, whatever the header
     * says: for tests of what reading makes of files no writer of nn would produce.
     */
    static byte[] assemble(Header header, List<float[]> data) {
        long dataBytes = 0;
        for (float[] d : data) {
            dataBytes += 4L * d.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(new Encoded(HeaderCodec.encode(header), data, dataBytes), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A model checked and described: its header bytes and its tensors' data, in the header's order. */
    private record Encoded(byte[] header, List<float[]> data, long dataBytes) {
    }

    private static Encoded encode(SavedModel model) {
        Sequential network = model.network();
        List<LayerRecord> layers = new ArrayList<>();
        List<TensorRecord> expected = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            layers.add(LayerCodec.encode(i, layer));
            expected.addAll(LayerCodec.parameters(i, layer));
        }
        List<TensorRecord> tensors = new ArrayList<>();
        List<float[]> data = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            tensors.add(new TensorRecord(p.name(), p.value().shape()));
            data.add(p.value().data());
        }
        if (!tensors.equals(expected)) {
            // only a network whose layers created other parameters than Dense does
            throw new IllegalArgumentException("the network's parameters " + tensors + " are not those its layers"
                    + " are saved with, " + expected);
        }
        for (Map.Entry<String, Tensor> e : model.extras().entrySet()) {
            for (TensorRecord t : tensors) {
                if (t.name().equals(e.getKey())) {
                    throw new IllegalArgumentException("the extra tensor '" + e.getKey()
                            + "' has the name of a parameter of the network; choose another name");
                }
            }
            int[] shape = e.getValue().shape();
            if (shape.length > Header.MAX_RANK) {
                throw new IllegalArgumentException("the extra tensor '" + e.getKey() + "' has " + shape.length
                        + " dimensions; a model file holds at most " + Header.MAX_RANK);
            }
            tensors.add(new TensorRecord(e.getKey(), shape));
            data.add(e.getValue().data());
        }
        long dataBytes = 0;
        for (float[] d : data) {
            dataBytes += 4L * d.length;
        }
        byte[] header = HeaderCodec.encode(new Header(network.inputWidth(), layers, tensors, model.metadata()));
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header would take " + header.length + " bytes, more than the "
                    + MAX_HEADER_BYTES + " a model file allows: the metadata are too large");
        }
        return new Encoded(header, data, dataBytes);
    }

    private static void write(Encoded encoded, OutputStream target) throws IOException {
        CheckedOutputStream out = new CheckedOutputStream(target, new CRC32());
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC).putInt(FORMAT_VERSION).putInt(encoded.header().length).putLong(encoded.dataBytes());
        CRC32 headerCrc = new CRC32();
        headerCrc.update(preamble.array());
        headerCrc.update(encoded.header());
        out.write(preamble.array());
        out.write(encoded.header());
        out.write(littleEndian((int) headerCrc.getValue()));
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(4, encoded.dataBytes()))];
        FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (float[] d : encoded.data()) {
            for (int offset = 0; offset < d.length; ) {
                int n = Math.min(floats.capacity(), d.length - offset);
                floats.clear();
                floats.put(d, offset, n);
                out.write(chunk, 0, 4 * n);
                offset += n;
            }
        }
        target.write(littleEndian((int) out.getChecksum().getValue()));
        target.flush();
    }

    private static byte[] littleEndian(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    // ----------------------------------------------------------------------------------- loading

    /**
     * The network saved in {@code file}.
     *
     * @throws ModelFormatException saying what is wrong, for any file that is not a valid model
     * @throws IOException          if the file cannot be read at all: a {@link NoSuchFileException}
     *                              if it is missing, a {@link FileSystemException} if it is a
     *                              directory, each saying so after the path
     */
    public static Sequential load(Path file) throws IOException {
        return read(file).network();
    }

    /**
     * The network, metadata and extra tensors saved in {@code file}.
     *
     * @throws ModelFormatException saying what is wrong, for any file that is not a valid model
     * @throws IOException          if the file cannot be read at all: a {@link NoSuchFileException}
     *                              if it is missing, a {@link FileSystemException} if it is a
     *                              directory, each saying so after the path
     */
    public static SavedModel read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; expected a model file (written by"
                    + " ModelFile.save or Checkpoint.write)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, channel.size(), file.toString());
        } catch (NoSuchFileException e) {
            throw (NoSuchFileException) new NoSuchFileException(file.toString(), null, "no such file").initCause(e);
        }
    }

    /** The model in {@code bytes}, as if read from a file named {@code source}. */
    static SavedModel fromBytes(byte[] bytes, String source) throws ModelFormatException {
        try {
            return read(Channels.newChannel(new ByteArrayInputStream(bytes)), bytes.length,
                    source);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
    }

    /** The model in the {@code size} bytes of {@code channel}, read from its current position. */
    static SavedModel read(ReadableByteChannel channel, long size, String source) throws IOException {
        try {
            return decode(channel, size);
        } catch (FormatProblem p) {
            throw new ModelFormatException(source, p.getMessage(), p.getCause());
        } catch (RuntimeException e) {
            // every check above should make this unreachable; if one was missed, the caller still
            // gets the one documented exception
            throw new ModelFormatException(source, "cannot be read as a model: " + e, e);
        }
    }

    private static SavedModel decode(ReadableByteChannel channel, long size) throws IOException, FormatProblem {
        // the preamble: magic, version, header length, data length
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int got = readUpTo(channel, preamble);
        byte[] p = preamble.array();
        int magicBytes = Math.min(got, MAGIC.length);
        if (!Arrays.equals(p, 0, magicBytes, MAGIC, 0, magicBytes)) {
            throw FormatProblem.of("not an nn model file: it starts with %s, and a model file starts with %s",
                    hex(p, magicBytes), hex(MAGIC, MAGIC.length));
        }
        if (got == 0) {
            throw FormatProblem.of("the file is empty");
        }
        if (got < MAGIC.length + 4) {
            throw FormatProblem.of("truncated: the file has %d bytes and ends before its format version", got);
        }
        int version = preamble.getInt(8);
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            if (version == 0) {
                throw FormatProblem.of("format version 0 does not exist: the file is corrupted");
            }
            throw FormatProblem.of("the file has format version %d, which is newer than this nn reads (version %d):"
                    + " load it with a newer version of nn", Integer.toUnsignedLong(version), FORMAT_VERSION);
        }
        if (got < PREAMBLE_BYTES) {
            throw FormatProblem.of("truncated: the file has %d bytes and ends inside its %d-byte preamble", got,
                    PREAMBLE_BYTES);
        }
        long headerBytes = Integer.toUnsignedLong(preamble.getInt(12));
        long dataBytes = preamble.getLong(16);
        if (headerBytes < HeaderCodec.MIN_BYTES || headerBytes > MAX_HEADER_BYTES) {
            throw FormatProblem.of("the preamble declares a header of %d bytes; a header has %d to %d bytes",
                    headerBytes, HeaderCodec.MIN_BYTES, MAX_HEADER_BYTES);
        }
        if (dataBytes < 0 || dataBytes > Long.MAX_VALUE / 4) {
            throw FormatProblem.of("the preamble declares %s bytes of weights, more than any file holds",
                    Long.toUnsignedString(dataBytes));
        }
        if (dataBytes % 4 != 0) {
            throw FormatProblem.of("the preamble declares %d bytes of weights, which is not a multiple of 4, the size"
                    + " of a float32", dataBytes);
        }
        long expected = PREAMBLE_BYTES + headerBytes + 4 + dataBytes + 4;
        if (size < expected) {
            throw FormatProblem.of("truncated: the preamble declares %d bytes (a header of %d and weights of %d),"
                    + " but the file has %d", expected, headerBytes, dataBytes, size);
        }
        if (size > expected) {
            throw FormatProblem.of("the file has %d bytes after the end of the model (it should have %d, as its"
                    + " preamble declares): it is corrupted or something was appended", size - expected, expected);
        }

        // the header and its checksum
        byte[] header = new byte[(int) headerBytes + 4];
        readFully(channel, ByteBuffer.wrap(header), "the header");
        CRC32 crc = new CRC32();
        crc.update(p, 0, PREAMBLE_BYTES);
        crc.update(header, 0, (int) headerBytes);
        int storedHeaderCrc = ByteBuffer.wrap(header, (int) headerBytes, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (storedHeaderCrc != (int) crc.getValue()) {
            throw FormatProblem.of("the header's checksum does not match (stored %08x, computed %08x): the file is"
                    + " corrupted", storedHeaderCrc, (int) crc.getValue());
        }
        crc.update(header, (int) headerBytes, 4);
        Header h = HeaderCodec.decode(header, (int) headerBytes, PREAMBLE_BYTES);

        // the tensors must fill the data section exactly
        long tableBytes = 0;
        for (TensorRecord t : h.tensors()) {
            tableBytes += 4L * t.size();
        }
        if (tableBytes != dataBytes) {
            throw FormatProblem.of("the header's tensors hold %d bytes, but the preamble declares %d bytes of"
                    + " weights", tableBytes, dataBytes);
        }

        // the architecture: every parameter a layer owns must be in the table, with its shape,
        // before the network allocates them
        Map<String, TensorRecord> table = new HashMap<>();
        for (TensorRecord t : h.tensors()) {
            table.put(t.name(), t);
        }
        List<Layer> layers = new ArrayList<>();
        List<TensorRecord> parameters = new ArrayList<>();
        for (int i = 0; i < h.layers().size(); i++) {
            LayerCodec.Decoded d = LayerCodec.decode(i, h.layers().get(i));
            for (TensorRecord needed : d.parameters()) {
                TensorRecord found = table.get(needed.name());
                if (found == null) {
                    throw FormatProblem.of("layer %d (%s) needs the tensor '%s' of shape %s, which the file does"
                            + " not have", i, d.description(), needed.name(), Arrays.toString(needed.shape()));
                }
                if (!found.equals(needed)) {
                    throw FormatProblem.of("layer %d (%s) needs the tensor '%s' of shape %s, but the file's has"
                            + " shape %s", i, d.description(), needed.name(), Arrays.toString(needed.shape()),
                            Arrays.toString(found.shape()));
                }
            }
            layers.add(d.layer());
            parameters.addAll(d.parameters());
        }
        Sequential network;
        try {
            network = new Sequential(h.inputWidth(), layers, 0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FormatProblem("the layers do not make a network: " + e.getMessage(), e);
        }
        Map<String, float[]> destinations = new HashMap<>();
        for (Parameter param : network.parameters()) {
            destinations.put(param.name(), param.value().data());
        }
        List<TensorRecord> built = new ArrayList<>();
        for (Parameter param : network.parameters()) {
            built.add(new TensorRecord(param.name(), param.value().shape()));
        }
        if (!built.equals(parameters)) {
            throw FormatProblem.of("the network built has the parameters %s, not %s", built, parameters);
        }

        // the data: straight into the parameters, and the extras into tensors of their own
        Map<String, Tensor> extras = new LinkedHashMap<>();
        List<float[]> targets = new ArrayList<>();
        for (TensorRecord t : h.tensors()) {
            float[] target = destinations.get(t.name());
            if (target == null) {
                Tensor extra = Tensor.of(new float[t.size()], t.shape());
                extras.put(t.name(), extra);
                target = extra.data();
            }
            targets.add(target);
        }
        readData(channel, dataBytes, targets, crc);
        ByteBuffer stored = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, stored, "the final checksum");
        if (stored.getInt(0) != (int) crc.getValue()) {
            throw FormatProblem.of("the checksum of the file does not match (stored %08x, computed %08x): the weights"
                    + " are corrupted", stored.getInt(0), (int) crc.getValue());
        }
        return new SavedModel(network, h.metadata(), extras);
    }

    /** Reads {@code bytes} of little-endian floats into {@code targets}, one after the other, updating {@code crc}. */
    private static void readData(ReadableByteChannel channel, long bytes, List<float[]> targets, CRC32 crc)
            throws IOException, FormatProblem {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, bytes)).order(ByteOrder.LITTLE_ENDIAN);
        int target = 0;
        int offset = 0;
        for (long remaining = bytes; remaining > 0; ) {
            int length = (int) Math.min(chunk.capacity(), remaining);
            chunk.clear().limit(length);
            readFully(channel, chunk, "the weights");
            crc.update(chunk.array(), 0, length);
            chunk.flip();
            FloatBuffer floats = chunk.asFloatBuffer();
            while (floats.hasRemaining()) {
                while (offset == targets.get(target).length) {
                    target++;
                    offset = 0;
                }
                float[] t = targets.get(target);
                int n = Math.min(floats.remaining(), t.length - offset);
                floats.get(t, offset, n);
                offset += n;
            }
            remaining -= length;
        }
    }

    /** Fills {@code buffer} as far as the channel goes; returns the bytes read. */
    private static int readUpTo(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.position() - start;
    }

    private static void readFully(ReadableByteChannel channel, ByteBuffer buffer, String what)
            throws IOException, FormatProblem {
        int wanted = buffer.remaining();
        int got = readUpTo(channel, buffer);
        if (got < wanted) {
            // the size was checked, so the file shrank while being read
            throw FormatProblem.of("truncated while reading %s (%d of %d bytes): the file changed while it was"
                    + " being read", what, got, wanted);
        }
    }

    private static String hex(byte[] bytes, int length) {
        if (length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
