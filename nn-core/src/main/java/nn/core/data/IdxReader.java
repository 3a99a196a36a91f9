package nn.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (a magic number
 * {@code 0x000008NN}, where {@code 08} means unsigned bytes and {@code NN} is the number of
 * dimensions, then each dimension as a 32-bit integer), then the elements, row-major.
 *
 * <p>A file may be gzip-compressed or plain; which it is comes from its first two bytes (the
 * gzip magic {@code 1f 8b}), not from its name. Every number is checked: the magic, each
 * dimension, and that the body holds exactly the declared elements. A wrong or truncated file
 * fails with an {@link IdxFormatException} that names the file and what was wrong.
 *
 * <p>Nothing is allocated that the file cannot justify: a plain file's declared size is checked
 * against its length before the body is allocated, and a gzip file's against the most that
 * deflate can expand its length to ({@value #MAX_GZIP_RATIO} to 1), and its body is read into a
 * buffer that grows as the data arrive, so a header that lies costs at most twice the data that
 * are really there.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {

    /** The magic number of a labels file: unsigned bytes, one dimension (the count). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The magic number of an images file: unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** The most deflate can expand its input: about 1032 to 1 (RFC 1951, a run of 258 bytes per 2 bits). */
    static final long MAX_GZIP_RATIO = 1032;

    /** The largest array a JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * The images of an IDX file with magic {@value #IMAGES_MAGIC}: {@code count} images of
     * {@code rows x cols} unsigned bytes.
     *
     * @throws IdxFormatException naming the file, if it is not a complete images file
     * @throws IOException        if it cannot be read at all (missing, a directory, unreadable)
     */
    public static IdxImages readImages(Path file) throws IOException {
        Body body = read(file, IMAGES_MAGIC);
        return new IdxImages(body.dims[0], body.dims[1], body.dims[2], body.data);
    }

    /**
     * The labels of an IDX file with magic {@value #LABELS_MAGIC}, each an unsigned byte
     * (0 to 255).
     *
     * @throws IdxFormatException naming the file, if it is not a complete labels file
     * @throws IOException        if it cannot be read at all (missing, a directory, unreadable)
     */
    public static int[] readLabels(Path file) throws IOException {
        Body body = read(file, LABELS_MAGIC);
        int[] labels = new int[body.data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = body.data[i] & 0xFF;
        }
        return labels;
    }

    /** A header's dimensions and the body they describe. */
    private record Body(int[] dims, byte[] data) {
    }

    private static Body read(Path file, int magic) throws IOException {
        String kind = magic == IMAGES_MAGIC ? "images" : "labels";
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; expected an IDX " + kind + " file"
                    + " (such as train-" + kind + "-idx" + (magic & 0xFF) + "-ubyte.gz)");
        }
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw (NoSuchFileException) new NoSuchFileException(file.toString(), null, "no such file").initCause(e);
        }
        try (InputStream raw = Files.newInputStream(file);
             BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16)) {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return readIdx(file, in, magic, gzip, fileSize);
        } catch (ZipException e) {
            throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "the gzip data are truncated: " + e.getMessage(), e);
        }
    }

    private static Body readIdx(Path file, InputStream in, int magic, boolean gzip, long fileSize)
            throws IOException {
        String kind = magic == IMAGES_MAGIC ? "images" : "labels";
        int dimCount = magic & 0xFF;
        int headerBytes = 4 + 4 * dimCount;
        byte[] header = new byte[headerBytes];
        int got = readFully(in, header, 0, 4);
        if (got < 4) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "truncated header: the %sdata end after %d bytes, inside the 4-byte magic number",
                    gzip ? "uncompressed " : "", got));
        }
        int found = bigEndian(header, 0);
        if (found != magic) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "expected magic 0x%08X (%s), found 0x%08X%s", magic, kind, found, describeMagic(found)));
        }
        got = readFully(in, header, 4, headerBytes - 4);
        if (got < headerBytes - 4) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "truncated header: the %sdata end after %d bytes, but an IDX %s header has %d"
                            + " (the magic number and %d dimension%s)",
                    gzip ? "uncompressed " : "", 4 + got, kind, headerBytes, dimCount, dimCount == 1 ? "" : "s"));
        }
        int[] dims = new int[dimCount];
        long elements = 1;
        for (int d = 0; d < dimCount; d++) {
            dims[d] = bigEndian(header, 4 + 4 * d);
            if (dims[d] < 0) {
                throw new IdxFormatException(file, String.format(Locale.ROOT,
                        "dimension %d is %d (0x%08X): a size cannot be negative", d, dims[d], dims[d]));
            }
            // elements <= 2^32 before and dims[d] < 2^31, so the product cannot overflow; saturate
            // it at 2^32, which is too large anyway
            elements = Math.min(elements * dims[d], 1L << 32);
        }
        if (dimCount == 3 && (dims[1] == 0 || dims[2] == 0)) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "declares images of %d x %d pixels: an image needs at least one pixel", dims[1], dims[2]));
        }
        String what = describe(dims);
        if (elements > MAX_ARRAY) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "declares %s, more than %d bytes, the most one array can hold", what, MAX_ARRAY));
        }
        long available = gzip ? fileSize * MAX_GZIP_RATIO : fileSize - headerBytes;
        if (elements > available) {
            throw new IdxFormatException(file, gzip
                    ? String.format(Locale.ROOT, "declares %s (%d bytes), more than a gzip file of %d bytes"
                            + " can hold (deflate expands at most %d times): the count is wrong",
                            what, elements, fileSize, MAX_GZIP_RATIO)
                    : String.format(Locale.ROOT, "declares %s (%d bytes), but only %d bytes follow the %d-byte"
                            + " header: the file is truncated or its count is wrong",
                            what, elements, available, headerBytes));
        }
        if (!gzip && elements < available) {
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "declares %s (%d bytes), but %d bytes follow the %d-byte header: %d bytes too many",
                    what, elements, available, headerBytes, available - elements));
        }
        byte[] data = readBody(file, in, (int) elements, gzip ? FIRST_CHUNK : (int) elements, what);
        if (in.read() >= 0) {
            throw new IdxFormatException(file, "more data follow the declared " + what
                    + ": the count is wrong or two files were joined");
        }
        return new Body(dims, data);
    }

    /** Reads {@code total} bytes into a buffer that starts at {@code initial} and doubles as data arrive. */
    private static byte[] readBody(Path file, InputStream in, int total, int initial, String what) throws IOException {
        byte[] buffer = new byte[Math.min(total, initial)];
        int filled = 0;
        while (filled < total) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(total, 2L * buffer.length));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new IdxFormatException(file, String.format(Locale.ROOT,
                        "truncated: declares %s (%d bytes after the header), but the data end after %d",
                        what, total, filled));
            }
            filled += n;
        }
        return buffer;
    }

    /** Reads up to {@code length} bytes; returns how many there were before the end. */
    private static int readFully(InputStream in, byte[] b, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(b, offset + done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String describe(int[] dims) {
        if (dims.length == 3) {
            return String.format(Locale.ROOT, "%d images of %d x %d pixels", dims[0], dims[1], dims[2]);
        }
        return dims[0] + " labels";
    }

    private static String describeMagic(int magic) {
        if (magic == IMAGES_MAGIC) {
            return " (images)";
        }
        if (magic == LABELS_MAGIC) {
            return " (labels)";
        }
        if ((magic >>> 16) == 0x1f8b) {
            return " (gzip data: the file was compressed twice)";
        }
        if ((magic >>> 16) != 0) {
            return " (not an IDX file: an IDX magic number starts with two zero bytes)";
        }
        int type = (magic >>> 8) & 0xFF;
        if (type != 0x08) {
            return String.format(Locale.ROOT, " (an IDX file of element type 0x%02X; only unsigned bytes, 0x08,"
                    + " are supported)", type);
        }
        return String.format(Locale.ROOT, " (unsigned bytes in %d dimensions)", magic & 0xFF);
    }
}
