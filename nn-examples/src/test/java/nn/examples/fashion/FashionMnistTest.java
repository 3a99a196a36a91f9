package nn.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import nn.core.data.Dataset;
import nn.core.data.IdxFormatException;
import nn.examples.fashion.FashionMnist.Part;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding Fashion-MNIST, on small stand-in files the tests write; downloads come from an HTTP
 * server the test starts on 127.0.0.1, never from the internet.
 */
class FashionMnistTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    // ----------------------------------------------------------------------- stand-in data files

    /** The gzip bytes of each part: 5 training and 3 test images of 28 x 28, labels 0 to 9. */
    private static Map<Part, byte[]> standIn() {
        Map<Part, byte[]> files = new EnumMap<>(Part.class);
        files.put(Part.TRAIN_IMAGES, gzip(images(5)));
        files.put(Part.TRAIN_LABELS, gzip(labels(9, 0, 3, 3, 7)));
        files.put(Part.TEST_IMAGES, gzip(images(3)));
        files.put(Part.TEST_LABELS, gzip(labels(1, 2, 8)));
        return files;
    }

    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
        b.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count * 784; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    private static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static Map<Part, String> checksums(Map<Part, byte[]> files) throws Exception {
        Map<Part, String> md5 = new EnumMap<>(Part.class);
        for (Map.Entry<Part, byte[]> e : files.entrySet()) {
            md5.put(e.getKey(), md5(e.getValue()));
        }
        return md5;
    }

    /** A directory holding the stand-in files, under their .gz names or, if {@code plain}, uncompressed. */
    private Path directoryWithFiles(String name, boolean plain) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (Map.Entry<Part, byte[]> e : standIn().entrySet()) {
            if (plain) {
                try (java.util.zip.GZIPInputStream in =
                             new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(e.getValue()))) {
                    Files.write(dir.resolve(e.getKey().plainFileName()), in.readAllBytes());
                }
            } else {
                Files.write(dir.resolve(e.getKey().fileName()), e.getValue());
            }
        }
        return dir;
    }

    /** A locator that sees nothing of this machine: no environment, an empty cache, no system package. */
    private FashionMnist.Locator isolated() {
        return FashionMnist.locator()
                .environment(Map.of())
                .cacheDirectory(tmp.resolve("cache"))
                .systemDirectories(List.of(tmp.resolve("usr-share-datasets")))
                .mirrors(List.of())
                .log(log::add);
    }

    /** Serves {@code files} at /data/NAME; a path in {@code status} answers with that status instead. */
    private URI serve(Map<String, byte[]> files, Map<String, Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            String name = path.substring("/data/".length());
            byte[] body = files.get(name);
            int code = status.getOrDefault(name, body == null ? 404 : 200);
            if (code != 200) {
                body = ("error " + code).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    private static Map<String, byte[]> byName(Map<Part, byte[]> files) {
        Map<String, byte[]> named = new HashMap<>();
        files.forEach((part, bytes) -> named.put(part.fileName(), bytes));
        return named;
    }

    private List<String> cacheContents() throws IOException {
        Path cache = tmp.resolve("cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ----------------------------------------------------------------------------------- finding

    @Test
    void loadsTrainAndTestFromADirectoryGiven() throws IOException {
        Path dir = directoryWithFiles("data", false);
        FashionMnist data = isolated().dataDirectory(dir).find();
        assertEquals(dir, data.directory());
        assertEquals("the directory given", data.source());
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz"), data.file(Part.TRAIN_IMAGES));
        Dataset train = data.train();
        assertEquals(5, train.size());
        assertEquals(784, train.features());
        assertArrayEquals(new int[] {9, 0, 3, 3, 7}, train.labels());
        Dataset test = data.test();
        assertArrayEquals(new int[] {1, 2, 8}, test.labels());
        assertEquals((7 * 785 & 0xFF) / 255f, test.inputs().get(1, 1));
    }

    @Test
    void acceptsUncompressedFiles() throws IOException {
        Path dir = directoryWithFiles("plain", true);
        FashionMnist data = isolated().dataDirectory(dir).find();
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte"), data.file(Part.TEST_LABELS));
        assertArrayEquals(new int[] {1, 2, 8}, data.test().labels());
    }

    @Test
    void looksInTheDirectoryGivenThenTheEnvironmentThenTheCacheThenTheSystemPackage() throws IOException {
        Path given = directoryWithFiles("given", false);
        Path fromEnvironment = directoryWithFiles("env", false);
        Path cache = directoryWithFiles("cache", false);
        Path system = directoryWithFiles("usr-share-datasets", false);
        Map<String, String> env = Map.of("NN_FASHION_MNIST", fromEnvironment.toString());

        assertEquals(given, isolated().environment(env).dataDirectory(given).find().directory());
        FashionMnist e = isolated().environment(env).find();
        assertEquals(fromEnvironment, e.directory());
        assertEquals("$NN_FASHION_MNIST", e.source());
        assertEquals(cache, isolated().find().directory());
        assertEquals("the cache", isolated().find().source());
        for (Part part : Part.values()) {
            Files.delete(cache.resolve(part.fileName()));
        }
        assertEquals(system, isolated().find().directory());
        assertTrue(requests.isEmpty());
    }

    @Test
    void theCacheFollowsXdgCacheHome() {
        FashionMnist.Locator l = FashionMnist.locator().environment(Map.of("XDG_CACHE_HOME", tmp.toString()));
        assertEquals(tmp.resolve("nn/fashion-mnist"), l.cacheDirectory());
        FashionMnist.Locator relative = FashionMnist.locator().environment(Map.of("XDG_CACHE_HOME", "relative"));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "nn", "fashion-mnist"), relative.cacheDirectory());
    }

    @Test
    void aDirectoryGivenMustHoldAllFourFiles() throws IOException {
        Path dir = directoryWithFiles("partial", false);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        FashionMnistNotFoundException e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().dataDirectory(dir).find());
        assertTrue(e.getMessage().startsWith("the data directory " + dir + " lacks t10k-images-idx3-ubyte.gz\n"),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());

        e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().environment(Map.of("NN_FASHION_MNIST", tmp.resolve("nowhere").toString())).find());
        assertTrue(e.getMessage().startsWith("NN_FASHION_MNIST is " + tmp.resolve("nowhere") + ", which does not"
                + " exist\n"), e.getMessage());
    }

    @Test
    void nothingFoundSaysWhereItLookedAndHowToGetTheFiles() {
        FashionMnistNotFoundException e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().download(false).find());
        Path cache = tmp.resolve("cache");
        Path system = tmp.resolve("usr-share-datasets");
        assertEquals("Fashion-MNIST was not found. Looked in:\n"
                + "  - $NN_FASHION_MNIST: not set\n"
                + "  - " + cache + " (the cache): does not exist\n"
                + "  - " + system + ": does not exist\n"
                + "and downloading is off.\n"
                + "To get the files, do one of these:\n"
                + "  - on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist (installs them in"
                + " /usr/share/datasets/fashion-mnist)\n"
                + "  - download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                + " t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist into a directory"
                + " DIR, then pass --data DIR or set NN_FASHION_MNIST=DIR", e.getMessage());
    }

    @Test
    void filesThatAreNotFashionMnistAreRefused() throws IOException {
        Path dir = directoryWithFiles("wrong", false);
        ByteBuffer small = ByteBuffer.allocate(16 + 2 * 4);
        small.putInt(0x00000803).putInt(2).putInt(2).putInt(2);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(small.array()));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(1, 2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(1, 2, 10)));
        FashionMnist data = isolated().dataDirectory(dir).find();
        IdxFormatException e = assertThrows(IdxFormatException.class, data::train);
        assertTrue(e.getMessage().endsWith("holds images of 4 pixels; Fashion-MNIST's are 28 x 28 = 784"), e.getMessage());
        e = assertThrows(IdxFormatException.class, data::test);
        assertTrue(e.getMessage().endsWith("holds the label 10; Fashion-MNIST's labels are 0 to 9"), e.getMessage());
    }

    // ------------------------------------------------------------------------------- downloading

    @Test
    void downloadsVerifiesAndCaches() throws Exception {
        Map<Part, byte[]> files = standIn();
        URI base = serve(byName(files), Map.of());
        FashionMnist data = isolated().mirrors(List.of(base)).checksums(checksums(files)).find();
        assertEquals(tmp.resolve("cache"), data.directory());
        assertEquals("downloaded to the cache", data.source());
        assertEquals(4, requests.size());
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), cacheContents());
        for (Part part : Part.values()) {
            assertArrayEquals(files.get(part), Files.readAllBytes(data.file(part)));
        }
        assertArrayEquals(new int[] {9, 0, 3, 3, 7}, data.train().labels());
        assertTrue(log.get(0).startsWith("downloading " + base + "train-images-idx3-ubyte.gz to "), log.toString());

        // the next time, the cache is enough
        server.stop(0);
        server = null;
        FashionMnist again = isolated().mirrors(List.of(base)).checksums(checksums(files)).find();
        assertEquals("the cache", again.source());
        assertEquals(4, requests.size());
    }

    @Test
    void aFileWithTheWrongChecksumIsRejectedAndNotCached() throws Exception {
        Map<Part, byte[]> files = standIn();
        Map<Part, String> md5 = checksums(files);
        byte[] tampered = files.get(Part.TEST_IMAGES).clone();
        tampered[tampered.length / 2] ^= 1;
        Map<String, byte[]> served = byName(files);
        served.put("t10k-images-idx3-ubyte.gz", tampered);
        URI base = serve(served, Map.of());

        FashionMnistNotFoundException e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().mirrors(List.of(base)).checksums(md5).find());
        assertTrue(e.getMessage().contains("downloading t10k-images-idx3-ubyte.gz failed:\n    " + base
                + "t10k-images-idx3-ubyte.gz: the MD5 checksum is " + md5(tampered) + ", but the published one is "
                + md5.get(Part.TEST_IMAGES) + ": the download is damaged or not the published file, so it was not"
                + " kept"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        // the files before it were verified and kept; the bad one and its temporary file are gone
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), cacheContents());
    }

    @Test
    void aServerErrorIsReportedAndTheNextMirrorTried() throws Exception {
        Map<Part, byte[]> files = standIn();
        Map<String, Integer> status = new HashMap<>(Map.of("train-labels-idx1-ubyte.gz", 500));
        URI base = serve(byName(files), status);
        FashionMnistNotFoundException e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().mirrors(List.of(base)).checksums(checksums(files)).find());
        assertTrue(e.getMessage().contains("downloading train-labels-idx1-ubyte.gz failed:\n    " + base
                + "train-labels-idx1-ubyte.gz: HTTP status 500"), e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz"), cacheContents());

        // the server is mended, behind a mirror that answers 404: the first mirror's error is passed
        // over, and the file already cached is not fetched again
        status.clear();
        URI broken = URI.create(base.toString().replace("/data/", "/data/missing/"));
        requests.clear();
        FashionMnist data = isolated().mirrors(List.of(broken, base)).checksums(checksums(files)).find();
        assertEquals("downloaded to the cache", data.source());
        assertFalse(requests.contains("/data/train-images-idx3-ubyte.gz"), requests.toString());
        assertTrue(requests.contains("/data/missing/train-labels-idx1-ubyte.gz"), requests.toString());
        assertTrue(log.stream().anyMatch(line -> line.equals("  failed: " + broken + "train-labels-idx1-ubyte.gz:"
                + " HTTP status 404")), log.toString());
    }

    @Test
    void anUnreachableServerIsReported() throws Exception {
        URI nowhere = serve(Map.of(), Map.of());
        server.stop(0);
        server = null;
        FashionMnistNotFoundException e = assertThrows(FashionMnistNotFoundException.class,
                () -> isolated().mirrors(List.of(nowhere)).find());
        assertTrue(e.getMessage().contains("downloading train-images-idx3-ubyte.gz failed:\n    " + nowhere
                + "train-images-idx3-ubyte.gz: "), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    // ------------------------------------------------------------------------------- the real data

    @Test
    void thePublishedChecksumsAndClassNames() {
        for (Part part : Part.values()) {
            assertTrue(part.publishedMd5().matches("[0-9a-f]{32}"), part.toString());
        }
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", Part.TRAIN_IMAGES.publishedMd5());
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.className(0));
        assertEquals("Ankle boot", FashionMnist.className(9));
        assertEquals(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                FashionMnist.PUBLISHED_URL);
    }

    /** Where the dataset-fashion-mnist package is installed (as in CI), its files load as Fashion-MNIST. */
    @Test
    void theDebianPackageLoads() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist is not installed");
        FashionMnist data = FashionMnist.locator().environment(Map.of()).cacheDirectory(tmp.resolve("cache"))
                .download(false).find();
        assertEquals("the dataset-fashion-mnist package", data.source());
        Dataset test = data.test();
        assertEquals(10_000, test.size());
        assertEquals(784, test.features());
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count);
        }
        assertEquals(60_000, data.train().size());
    }
}
