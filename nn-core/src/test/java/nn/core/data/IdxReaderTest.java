package nn.core.data;

import static nn.core.data.IdxFiles.concat;
import static nn.core.data.IdxFiles.gzip;
import static nn.core.data.IdxFiles.header;
import static nn.core.data.IdxFiles.images;
import static nn.core.data.IdxFiles.labels;
import static nn.core.data.IdxFiles.prefix;
import static nn.core.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IDX reader on small files the tests write, plain and gzip, whole and broken. */
class IdxReaderTest {

    @TempDir
    Path dir;

    /** Writes {@code bytes} as is, or gzip-compressed. */
    private Path file(String name, byte[] bytes, boolean compress) throws IOException {
        return write(dir, name, compress ? gzip(bytes) : bytes);
    }

    private IdxFormatException imagesFail(String name, byte[] bytes, boolean compress) throws IOException {
        Path f = file(name, bytes, compress);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(f, e.file());
        return e;
    }

    private IdxFormatException labelsFail(String name, byte[] bytes, boolean compress) throws IOException {
        Path f = file(name, bytes, compress);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsImages(boolean compress) throws IOException {
        IdxImages images = IdxReader.readImages(file("images", images(3, 2, 4), compress));
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertEquals(8, images.pixelsPerImage());
        assertEquals(24, images.pixels().length);
        assertEquals(1 * 8 + 1 * 4 + 3, images.pixel(1, 1, 3));
        Tensor t = images.toTensor();
        assertArrayEquals(new int[] {3, 8}, t.shape());
        assertEquals(0f, t.get(0, 0));
        assertEquals(13 / 255f, t.get(1, 5));
    }

    @Test
    void pixelsAreUnsignedAndScaledToZeroOne() throws IOException {
        byte[] body = {0, (byte) 128, (byte) 255, 1};
        IdxImages images = IdxReader.readImages(file("images", concat(header(IdxReader.IMAGES_MAGIC, 1, 2, 2), body), false));
        assertEquals(255, images.pixel(0, 1, 0));
        float[] data = images.toTensor().data();
        assertEquals(0f, data[0]);
        assertEquals(128 / 255f, data[1]);
        assertEquals(1f, data[2]);
        for (float v : data) {
            assertTrue(v >= 0 && v <= 1, String.valueOf(v));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsLabelsAsUnsignedBytes(boolean compress) throws IOException {
        assertArrayEquals(new int[] {0, 9, 255, 3}, IdxReader.readLabels(file("labels", labels(0, 9, 255, 3), compress)));
    }

    @Test
    void gzipIsRecognisedByItsContentNotItsName() throws IOException {
        byte[] plain = labels(1, 2, 3);
        assertArrayEquals(new int[] {1, 2, 3}, IdxReader.readLabels(write(dir, "plain.gz", plain)));
        assertArrayEquals(new int[] {1, 2, 3}, IdxReader.readLabels(write(dir, "compressed-idx1-ubyte", gzip(plain))));
    }

    @Test
    void emptyFilesAreEmptyDataSets() throws IOException {
        assertEquals(0, IdxReader.readLabels(file("labels", labels(), false)).length);
        assertEquals(0, IdxReader.readImages(file("images", images(0, 28, 28), true)).count());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void wrongMagicNamesBothMagicNumbers(boolean compress) throws IOException {
        IdxFormatException e = labelsFail("t10k-labels-idx1-ubyte.gz", images(2, 2, 2), compress);
        assertTrue(e.getMessage().endsWith("t10k-labels-idx1-ubyte.gz: expected magic 0x00000801 (labels),"
                + " found 0x00000803 (images)"), e.getMessage());
        e = imagesFail("train-images", labels(1, 2), compress);
        assertTrue(e.getMessage().endsWith("expected magic 0x00000803 (images), found 0x00000801 (labels)"),
                e.getMessage());
    }

    @Test
    void otherMagicNumbersAreExplained() throws IOException {
        assertTrue(labelsFail("a", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII), false)
                .getMessage().contains("found 0x68656C6C (not an IDX file"));
        assertTrue(labelsFail("b", concat(header(0x00000D01, 1), new byte[4]), false).getMessage()
                .contains("found 0x00000D01 (an IDX file of element type 0x0D; only unsigned bytes, 0x08, are supported)"));
        assertTrue(labelsFail("c", gzip(labels(1)), true).getMessage()
                .contains("(gzip data: the file was compressed twice)"));
        assertTrue(imagesFail("d", concat(header(0x00000802, 1, 1), new byte[1]), false).getMessage()
                .contains("found 0x00000802 (unsigned bytes in 2 dimensions)"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedHeadersFail(boolean compress) throws IOException {
        byte[] whole = images(2, 3, 3);
        for (int length = 0; length < 16; length++) {
            IdxFormatException e = imagesFail("images" + length, prefix(whole, length), compress);
            assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
        }
        IdxFormatException e = imagesFail("images", prefix(whole, 9), compress);
        assertTrue(e.getMessage().contains("end after 9 bytes, but an IDX images header has 16 (the magic number"
                + " and 3 dimensions)"), e.getMessage());
        e = labelsFail("labels", prefix(labels(1, 2), 6), compress);
        assertTrue(e.getMessage().contains("an IDX labels header has 8 (the magic number and 1 dimension)"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedDataFail(boolean compress) throws IOException {
        byte[] whole = images(2, 3, 3);
        for (int length = 16; length < whole.length; length++) {
            IdxFormatException e = imagesFail("images" + length, prefix(whole, length), compress);
            assertTrue(e.getMessage().contains("2 images of 3 x 3 pixels (18 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        IdxFormatException e = labelsFail("labels", prefix(labels(1, 2, 3, 4), 10), compress);
        assertTrue(e.getMessage().contains("4 labels"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dataAfterTheDeclaredCountFail(boolean compress) throws IOException {
        IdxFormatException e = labelsFail("labels", concat(labels(1, 2), new byte[] {3}), compress);
        assertTrue(e.getMessage().contains("2 labels"), e.getMessage());
        assertTrue(e.getMessage().contains(compress ? "more data follow" : "1 bytes too many"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void absurdDeclaredSizesFailFastWithoutAllocating(boolean compress) throws IOException {
        // 2^31 - 1 images of 28 x 28 in a file of about 100 bytes: refused before any allocation
        byte[] huge = concat(header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28), new byte[84]);
        IdxFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> imagesFail("huge", huge, compress));
        assertTrue(e.getMessage().contains("2147483647 images of 28 x 28 pixels, more than"), e.getMessage());

        // a size one array could hold, but not the file: checked against the file's length
        byte[] big = concat(header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE - 100), new byte[92]);
        e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> labelsFail("big", big, compress));
        assertTrue(e.getMessage().contains(compress
                ? "more than a gzip file of" : "but only 92 bytes follow the 8-byte header"), e.getMessage());

        byte[] negative = concat(header(IdxReader.IMAGES_MAGIC, 2, -1, 28), new byte[84]);
        e = imagesFail("negative", negative, compress);
        assertTrue(e.getMessage().contains("dimension 1 is -1 (0xFFFFFFFF): a size cannot be negative"), e.getMessage());

        e = imagesFail("empty-images", concat(header(IdxReader.IMAGES_MAGIC, 2, 0, 28), new byte[0]), compress);
        assertTrue(e.getMessage().contains("images of 0 x 28 pixels"), e.getMessage());
    }

    @Test
    void aGzipFileThatLiesAboutItsSizeCostsOnlyWhatItHolds() throws IOException {
        // 100000 labels declared (within what deflate could expand the file to), 100 present:
        // the buffer grows with the data, and the read fails as truncated
        byte[] noise = new byte[100];
        new java.util.Random(1).nextBytes(noise);
        byte[] lying = concat(header(IdxReader.LABELS_MAGIC, 100_000), noise);
        assertTrue(gzip(lying).length * 1032L > 100_000);
        IdxFormatException e = labelsFail("lying", lying, true);
        assertTrue(e.getMessage().contains("truncated: declares 100000 labels (100000 bytes after the header),"
                + " but the data end after 100"), e.getMessage());
    }

    @Test
    void corruptGzipDataFail() throws IOException {
        byte[] good = gzip(images(4, 5, 5));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;
        imagesFail("bad-deflate", bad, false); // corrupt deflate data, or other data and a wrong trailer

        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 1; // the CRC-32 in the gzip trailer
        IdxFormatException e = imagesFail("bad-trailer", badCrc, false);
        assertTrue(e.getMessage().contains("corrupt gzip data"), e.getMessage());

        e = imagesFail("cut", prefix(good, good.length - 3), false);
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());

        e = imagesFail("only-magic", new byte[] {0x1f, (byte) 0x8b}, false);
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError() {
        Path missing = dir.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> IdxReader.readLabels(missing));
        assertEquals(NoSuchFileException.class, e.getClass());
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(dir));
        assertEquals(dir + ": is a directory; expected an IDX images file (such as train-images-idx3-ubyte.gz)",
                e.getMessage());
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(dir));
        assertEquals(dir + ": is a directory; expected an IDX labels file (such as train-labels-idx1-ubyte.gz)",
                e.getMessage());
    }
}
