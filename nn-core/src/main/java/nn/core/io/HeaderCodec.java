package nn.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;

/**
 * The bytes of a {@link Header} (docs/MODEL-FORMAT.md): little-endian unsigned 32-bit integers,
 * strings as a 32-bit byte length and strict UTF-8.
 *
 * <p>Decoding checks every count and length against the bytes that remain before it allocates
 * anything, so a header of {@code n} bytes never costs much more than {@code n} bytes of memory.
 */
final class HeaderCodec {

    /** Bytes of the smallest header: input width, layer count, tensor count, metadata count. */
    static final int MIN_BYTES = 16;

    /** The largest array a JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private HeaderCodec() {
    }

    // ---------------------------------------------------------------------------------- encoding

    /**
     * The bytes of {@code header}.
     *
     * @throws IllegalArgumentException if a string is not valid Unicode (an unpaired surrogate)
     */
    static byte[] encode(Header header) {
        Out out = new Out();
        out.u32(header.inputWidth());
        out.u32(header.layers().size());
        for (LayerRecord layer : header.layers()) {
            out.string(layer.type(), "a layer type");
            out.u32(layer.attributes().size());
            for (Map.Entry<String, String> a : layer.attributes().entrySet()) {
                out.string(a.getKey(), "an attribute name");
                out.string(a.getValue(), "the attribute '" + a.getKey() + "'");
            }
        }
        out.u32(header.tensors().size());
        for (TensorRecord t : header.tensors()) {
            out.string(t.name(), "a tensor name");
            out.write(Header.FLOAT32);
            out.write(t.shape().length);
            for (int d : t.shape()) {
                out.u32(d);
            }
        }
        out.u32(header.metadata().size());
        for (Map.Entry<String, String> m : header.metadata().entrySet()) {
            out.string(m.getKey(), "a metadata key");
            out.string(m.getValue(), "the metadata value of '" + m.getKey() + "'");
        }
        return out.toByteArray();
    }

    private static final class Out extends ByteArrayOutputStream {

        void u32(int v) {
            write(v);
            write(v >>> 8);
            write(v >>> 16);
            write(v >>> 24);
        }

        void string(String s, String what) {
            byte[] utf8;
            try {
                ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(s));
                utf8 = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(what + " is not valid Unicode (it has an unpaired surrogate),"
                        + " so it cannot be written as UTF-8: " + abbreviate(s), e);
            }
            u32(utf8.length);
            write(utf8, 0, utf8.length);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }

    // ---------------------------------------------------------------------------------- decoding

    /**
     * The header in {@code bytes[0, length)}, which starts at byte {@code fileOffset} of the file
     * (for messages).
     *
     * @throws FormatProblem saying what is wrong and where
     */
    static Header decode(byte[] bytes, int length, long fileOffset) throws FormatProblem {
        In in = new In(bytes, length, fileOffset);
        int inputWidth = in.int32("the input width");
        if (inputWidth == 0) {
            throw FormatProblem.of("the input width is 0; a network takes at least one number per sample");
        }
        int layerCount = in.count("layers", 8);
        if (layerCount == 0) {
            throw FormatProblem.of("the header declares no layers; a network has at least one");
        }
        List<LayerRecord> layers = new ArrayList<>(layerCount);
        for (int i = 0; i < layerCount; i++) {
            String type = in.string("the type of layer " + i);
            int attributeCount = in.count("attributes of layer " + i, 8);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int a = 0; a < attributeCount; a++) {
                String key = in.string("an attribute name of layer " + i);
                String value = in.string("the attribute '" + key + "' of layer " + i);
                if (attributes.putIfAbsent(key, value) != null) {
                    throw FormatProblem.of("layer %d has the attribute '%s' twice", i, key);
                }
            }
            layers.add(new LayerRecord(type, Collections.unmodifiableMap(attributes)));
        }
        int tensorCount = in.count("tensors", 6);
        List<TensorRecord> tensors = new ArrayList<>(tensorCount);
        Map<String, Boolean> tensorNames = new LinkedHashMap<>();
        for (int t = 0; t < tensorCount; t++) {
            String name = in.string("the name of tensor " + t);
            if (name.isEmpty()) {
                throw FormatProblem.of("tensor %d has an empty name", t);
            }
            if (tensorNames.put(name, Boolean.TRUE) != null) {
                throw FormatProblem.of("two tensors are named '%s'", name);
            }
            int type = in.u8("the data type of tensor '" + name + "'");
            if (type != Header.FLOAT32) {
                throw FormatProblem.of("tensor '%s' has data type %d, which format version %d does not know"
                        + " (1 is float32)", name, type, ModelFile.FORMAT_VERSION);
            }
            int rank = in.u8("the rank of tensor '" + name + "'");
            if (rank > Header.MAX_RANK) {
                throw FormatProblem.of("tensor '%s' has %d dimensions; at most %d are allowed", name, rank,
                        Header.MAX_RANK);
            }
            in.need(4L * rank, "the shape of tensor '" + name + "'");
            int[] shape = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.int32("dimension " + d + " of tensor '" + name + "'");
                size = Math.min(size * shape[d], 1L << 32); // no overflow: both factors < 2^32 and 2^31
            }
            if (size > MAX_ARRAY) {
                throw FormatProblem.of("tensor '%s' of shape %s has more elements than one array can hold (%d)",
                        name, Arrays.toString(shape), MAX_ARRAY);
            }
            tensors.add(new TensorRecord(name, shape));
        }
        int metadataCount = in.count("metadata entries", 8);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int m = 0; m < metadataCount; m++) {
            String key = in.string("metadata key " + m);
            if (key.isEmpty()) {
                throw FormatProblem.of("metadata key %d is empty", m);
            }
            String value = in.string("the metadata value of '" + key + "'");
            if (metadata.putIfAbsent(key, value) != null) {
                throw FormatProblem.of("the metadata key '%s' appears twice", key);
            }
        }
        if (in.remaining() > 0) {
            throw FormatProblem.of("the header has %d bytes after its last field (the metadata), at byte %d:"
                    + " its declared length is wrong", in.remaining(), in.fileOffset());
        }
        return new Header(inputWidth, Collections.unmodifiableList(layers), Collections.unmodifiableList(tensors),
                Collections.unmodifiableMap(metadata));
    }

    /** Reads a header's fields, checking each against the bytes that remain. */
    private static final class In {

        private final ByteBuffer buffer;
        private final long fileOffset;

        In(byte[] bytes, int length, long fileOffset) {
            this.buffer = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
            this.fileOffset = fileOffset;
        }

        int remaining() {
            return buffer.remaining();
        }

        long fileOffset() {
            return fileOffset + buffer.position();
        }

        void need(long bytes, String what) throws FormatProblem {
            if (bytes > buffer.remaining()) {
                throw FormatProblem.of("the header ends inside %s (at byte %d of the file, %d bytes short):"
                        + " its declared length is wrong", what, fileOffset(), bytes - buffer.remaining());
            }
        }

        int u8(String what) throws FormatProblem {
            need(1, what);
            return buffer.get() & 0xFF;
        }

        /** An unsigned 32-bit integer that must fit a Java int. */
        int int32(String what) throws FormatProblem {
            need(4, what);
            long at = fileOffset();
            int v = buffer.getInt();
            if (v < 0) {
                throw FormatProblem.of("%s is %d (at byte %d), more than the largest allowed, %d", what,
                        Integer.toUnsignedLong(v), at, Integer.MAX_VALUE);
            }
            return v;
        }

        /** A count of entries of at least {@code minBytesEach} bytes, checked against the bytes that remain. */
        int count(String what, int minBytesEach) throws FormatProblem {
            long at = fileOffset();
            int n = int32("the number of " + what);
            if ((long) n * minBytesEach > buffer.remaining()) {
                throw FormatProblem.of("the header declares %d %s (at byte %d), but its remaining %d bytes can"
                        + " hold at most %d", n, what, at, buffer.remaining(), buffer.remaining() / minBytesEach);
            }
            return n;
        }

        String string(String what) throws FormatProblem {
            long at = fileOffset();
            int length = int32("the length of " + what);
            if (length > buffer.remaining()) {
                throw FormatProblem.of("%s is declared %d bytes long (at byte %d), but only %d header bytes remain",
                        what, length, at, buffer.remaining());
            }
            ByteBuffer slice = buffer.slice();
            slice.limit(length);
            buffer.position(buffer.position() + length);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(slice).toString();
            } catch (CharacterCodingException e) {
                throw FormatProblem.of("%s (at byte %d) is not valid UTF-8", what, at + 4);
            }
        }
    }
}
