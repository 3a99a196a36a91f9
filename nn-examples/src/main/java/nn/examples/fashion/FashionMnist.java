package nn.examples.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import nn.core.data.Dataset;
import nn.core.data.IdxFormatException;
import nn.core.io.AtomicFiles;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test images of clothing, 28 x 28 gray
 * pixels, in ten classes ({@link #CLASS_NAMES}), as four IDX files.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.find(dataDirOrNull);   // or FashionMnist.locator()....find()
 * Dataset train = data.train();                          // [60000, 784] in [0, 1], labels 0 to 9
 * Dataset test = data.test();
 * }</pre>
 *
 * <p>{@link #find} looks for the four files, gzip-compressed or not
 * ({@code train-images-idx3-ubyte.gz} or {@code train-images-idx3-ubyte}, and so on), in order:
 * <ol>
 *   <li>the directory the caller gives (such as a {@code --data DIR} option), if any;</li>
 *   <li>the directory in the environment variable {@value #ENVIRONMENT_VARIABLE}, if set;</li>
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/nn/fashion-mnist}, or
 *       {@code ~/.cache/nn/fashion-mnist};</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist}, where Debian's and Ubuntu's
 *       {@code dataset-fashion-mnist} package installs them;</li>
 * </ol>
 * and otherwise downloads them from the published location ({@link #PUBLISHED_URL}, then a
 * mirror) into the cache, each checked against its published MD5 checksum before it is kept
 * (written to a temporary file and renamed, so the cache never holds half a file). A directory
 * given or named by the environment must hold all four files: it is not passed over in silence.
 * If nothing works, a {@link FashionMnistNotFoundException} says where it looked and how to get
 * the files.
 *
 * <p>The MD5 checksums apply to downloads only: Debian's package holds the same images
 * recompressed, so its {@code .gz} files have other checksums. Files found on disk are checked
 * by the IDX reader instead (magic numbers, sizes, completeness) and must be 28 x 28 images with
 * labels 0 to 9.
 *
 * <p>Immutable and thread-safe.
 */
public final class FashionMnist {

    /** The ten classes, by label: 0 is T-shirt/top, 9 is Ankle boot. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The environment variable that names a directory holding the four files. */
    public static final String ENVIRONMENT_VARIABLE = "NN_FASHION_MNIST";

    /** Where Debian's and Ubuntu's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * The published location of the files, from the dataset's README
     * (github.com/zalandoresearch/fashion-mnist): an S3 website, plain HTTP only, which is why
     * every file is checked against its published MD5 checksum.
     */
    public static final URI PUBLISHED_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /** The same files in the dataset's GitHub repository, over HTTPS: tried second. */
    public static final URI GITHUB_MIRROR =
            URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/");

    /** Image height and width, in pixels. */
    public static final int IMAGE_SIZE = 28;

    /** The largest file a download may be (the largest, the training images, is about 26 MB). */
    static final long MAX_DOWNLOAD_BYTES = 64L << 20;

    /** The four files. */
    public enum Part {
        /** 60,000 training images. */
        TRAIN_IMAGES("train-images-idx3-ubyte", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        /** Their labels. */
        TRAIN_LABELS("train-labels-idx1-ubyte", "25c81989df183df01b3e8a0aad5dffbe"),
        /** 10,000 test images. */
        TEST_IMAGES("t10k-images-idx3-ubyte", "bef4ecab320f06d8554ea6380940ec79"),
        /** Their labels. */
        TEST_LABELS("t10k-labels-idx1-ubyte", "bb300cfdad3c16e7a12a480ee83cd310");

        private final String baseName;
        private final String publishedMd5;

        Part(String baseName, String publishedMd5) {
            this.baseName = baseName;
            this.publishedMd5 = publishedMd5;
        }

        /** The name of the published, gzip-compressed file, such as {@code train-images-idx3-ubyte.gz}. */
        public String fileName() {
            return baseName + ".gz";
        }

        /** The name of the uncompressed file, such as {@code train-images-idx3-ubyte}, also accepted. */
        public String plainFileName() {
            return baseName;
        }

        /**
         * The MD5 checksum of the published {@code .gz} file, as the dataset's README lists it
         * (the same as torchvision's {@code FashionMNIST.resources}).
         */
        public String publishedMd5() {
            return publishedMd5;
        }
    }

    private final Map<Part, Path> files;
    private final Path directory;
    private final String source;

    private FashionMnist(Map<Part, Path> files, Path directory, String source) {
        this.files = new EnumMap<>(files);
        this.directory = directory;
        this.source = source;
    }

    /**
     * Finds the files as the class documentation describes, downloading them if need be, with
     * progress lines on standard error.
     *
     * @param dataDirectory a directory the caller names (such as {@code --data DIR}), or null
     * @throws FashionMnistNotFoundException saying where it looked and how to get the files
     */
    public static FashionMnist find(Path dataDirectory) throws IOException {
        return locator().dataDirectory(dataDirectory).find();
    }

    /** A locator with the defaults of {@link #find}, to change where it looks or downloads from. */
    public static Locator locator() {
        return new Locator();
    }

    /** The directory the files were found in (or downloaded to). */
    public Path directory() {
        return directory;
    }

    /** Where the files came from, for a progress line, such as {@code "the dataset-fashion-mnist package"}. */
    public String source() {
        return source;
    }

    /** The file of one part. */
    public Path file(Part part) {
        return files.get(part);
    }

    /** The 60,000 training images, {@code [60000, 784]} in {@code [0, 1]}, with labels 0 to 9. */
    public Dataset train() throws IOException {
        return load(Part.TRAIN_IMAGES, Part.TRAIN_LABELS);
    }

    /** The 10,000 test images, {@code [10000, 784]} in {@code [0, 1]}, with labels 0 to 9. */
    public Dataset test() throws IOException {
        return load(Part.TEST_IMAGES, Part.TEST_LABELS);
    }

    /** The name of class {@code label}, such as {@code "Ankle boot"} for 9. */
    public static String className(int label) {
        return CLASS_NAMES.get(label);
    }

    private Dataset load(Part images, Part labels) throws IOException {
        Dataset d = Dataset.load(file(images), file(labels));
        if (d.features() != IMAGE_SIZE * IMAGE_SIZE) {
            throw new IdxFormatException(file(images), "holds images of " + d.features() + " pixels; Fashion-MNIST's"
                    + " are 28 x 28 = 784");
        }
        if (d.classCount() > CLASS_NAMES.size()) {
            throw new IdxFormatException(file(labels), "holds the label " + (d.classCount() - 1)
                    + "; Fashion-MNIST's labels are 0 to 9");
        }
        return d;
    }

    @Override
    public String toString() {
        return "Fashion-MNIST in " + directory + " (" + source + ")";
    }

    /** The four files in {@code dir} (each {@code .gz} or plain), or the names of those missing. */
    private static Map<Part, Path> filesIn(Path dir, List<String> missing) {
        Map<Part, Path> found = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            Path gz = dir.resolve(part.fileName());
            Path plain = dir.resolve(part.plainFileName());
            if (Files.isRegularFile(gz)) {
                found.put(part, gz);
            } else if (Files.isRegularFile(plain)) {
                found.put(part, plain);
            } else {
                missing.add(part.fileName());
            }
        }
        return found;
    }

    /**
     * Where to look and where to download from; every setting has the default {@link #find}
     * uses. Not thread-safe; the {@link FashionMnist} it finds is.
     */
    public static final class Locator {

        private Path dataDirectory;
        private Map<String, String> environment = System.getenv();
        private Path cacheDirectory;
        private List<Path> systemDirectories = List.of(DEBIAN_DIRECTORY);
        private List<URI> mirrors = List.of(PUBLISHED_URL, GITHUB_MIRROR);
        private boolean download = true;
        private Duration timeout = Duration.ofMinutes(5);
        private Consumer<String> log = line -> System.err.println(line);
        private Map<Part, String> checksums = new EnumMap<>(Part.class);

        private Locator() {
            for (Part part : Part.values()) {
                checksums.put(part, part.publishedMd5());
            }
        }

        /** A directory the user named, looked in first; null for none. */
        public Locator dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** The environment to read {@value #ENVIRONMENT_VARIABLE} and {@code XDG_CACHE_HOME} from (default: the process's). */
        public Locator environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The per-user cache, which downloads go to (default: from {@code XDG_CACHE_HOME} or the home directory). */
        public Locator cacheDirectory(Path dir) {
            this.cacheDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Directories where a system package installs the files (default: {@link #DEBIAN_DIRECTORY}). */
        public Locator systemDirectories(List<Path> dirs) {
            this.systemDirectories = List.copyOf(dirs);
            return this;
        }

        /** Base URLs to download from, tried in order (default: {@link #PUBLISHED_URL}, {@link #GITHUB_MIRROR}). */
        public Locator mirrors(List<URI> urls) {
            this.mirrors = List.copyOf(urls);
            return this;
        }

        /** Whether to download when the files are nowhere on disk (default: true). */
        public Locator download(boolean download) {
            this.download = download;
            return this;
        }

        /** How long one file's download may take (default: 5 minutes). */
        public Locator timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Where progress lines go (default: standard error). */
        public Locator log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The MD5 checksums downloads must have: for tests that serve files of their own. */
        Locator checksums(Map<Part, String> md5) {
            this.checksums = new EnumMap<>(md5);
            return this;
        }

        /** The cache directory in effect. */
        public Path cacheDirectory() {
            if (cacheDirectory != null) {
                return cacheDirectory;
            }
            String xdg = environment.get("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                    ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("nn").resolve("fashion-mnist");
        }

        /**
         * Finds the files, or downloads them into the cache.
         *
         * @throws FashionMnistNotFoundException if a directory given or named by the environment
         *                                       lacks a file, or the files are nowhere and could
         *                                       not be downloaded: says how to get them
         */
        public FashionMnist find() throws IOException {
            List<String> looked = new ArrayList<>();
            if (dataDirectory != null) {
                List<String> missing = new ArrayList<>();
                Map<Part, Path> found = filesIn(dataDirectory, missing);
                if (!missing.isEmpty()) {
                    throw new FashionMnistNotFoundException("the data directory " + dataDirectory + " "
                            + describeMissing(dataDirectory, missing) + "\n" + howToGetTheFiles());
                }
                return new FashionMnist(found, dataDirectory, "the directory given");
            }
            String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                Path dir = Path.of(fromEnvironment);
                List<String> missing = new ArrayList<>();
                Map<Part, Path> found = filesIn(dir, missing);
                if (!missing.isEmpty()) {
                    throw new FashionMnistNotFoundException(ENVIRONMENT_VARIABLE + " is " + dir + ", which "
                            + describeMissing(dir, missing) + "\n" + howToGetTheFiles());
                }
                return new FashionMnist(found, dir, "$" + ENVIRONMENT_VARIABLE);
            }
            looked.add("$" + ENVIRONMENT_VARIABLE + ": not set");

            Path cache = cacheDirectory();
            List<String> missingFromCache = new ArrayList<>();
            Map<Part, Path> cached = filesIn(cache, missingFromCache);
            if (missingFromCache.isEmpty()) {
                return new FashionMnist(cached, cache, "the cache");
            }
            looked.add(cache + " (the cache): " + describeMissing(cache, missingFromCache));
            for (Path dir : systemDirectories) {
                List<String> missing = new ArrayList<>();
                Map<Part, Path> found = filesIn(dir, missing);
                if (missing.isEmpty()) {
                    return new FashionMnist(found, dir,
                            dir.equals(DEBIAN_DIRECTORY) ? "the dataset-fashion-mnist package" : dir.toString());
                }
                looked.add(dir + (dir.equals(DEBIAN_DIRECTORY) ? " (the dataset-fashion-mnist package)" : "") + ": "
                        + describeMissing(dir, missing));
            }
            if (!download || mirrors.isEmpty()) {
                throw notFound(looked, "downloading is off.");
            }
            Map<Part, Path> downloaded = new EnumMap<>(cached);
            for (Part part : Part.values()) {
                if (downloaded.containsKey(part)) {
                    continue;
                }
                Path target = cache.resolve(part.fileName());
                List<String> failures = new ArrayList<>();
                boolean done = false;
                for (URI mirror : mirrors) {
                    try {
                        Downloader.download(mirror, part.fileName(), checksums.get(part), target, timeout, log);
                        done = true;
                        break;
                    } catch (InterruptedIOException e) {
                        throw e;
                    } catch (IOException e) {
                        failures.add(e.getMessage());
                        log.accept("  failed: " + e.getMessage());
                    }
                }
                if (!done) {
                    throw notFound(looked, "downloading " + part.fileName() + " failed:\n    "
                            + String.join("\n    ", failures));
                }
                downloaded.put(part, target);
            }
            return new FashionMnist(downloaded, cache, "downloaded to the cache");
        }

        private static String describeMissing(Path dir, List<String> missing) {
            if (!Files.isDirectory(dir)) {
                return "does not exist";
            }
            return "lacks " + String.join(", ", missing) + (missing.size() == 1 ? "" : " (or their uncompressed forms)");
        }

        private FashionMnistNotFoundException notFound(List<String> looked, String download) {
            return new FashionMnistNotFoundException("Fashion-MNIST was not found. Looked in:\n  - "
                    + String.join("\n  - ", looked) + "\nand " + download + "\n" + howToGetTheFiles());
        }

        private static String howToGetTheFiles() {
            StringBuilder names = new StringBuilder();
            for (Part part : Part.values()) {
                names.append(names.length() == 0 ? "" : ", ").append(part.fileName());
            }
            return "To get the files, do one of these:\n"
                    + "  - on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist (installs them in "
                    + DEBIAN_DIRECTORY + ")\n"
                    + "  - download " + names + " from https://github.com/zalandoresearch/fashion-mnist into a"
                    + " directory DIR, then pass --data DIR or set " + ENVIRONMENT_VARIABLE + "=DIR";
        }
    }

    /** Downloads one file, checks its MD5 checksum, and only then puts it under its name. */
    static final class Downloader {

        private Downloader() {
        }

        static void download(URI base, String fileName, String md5, Path target, Duration timeout,
                             Consumer<String> log) throws IOException {
            String text = base.toString();
            URI uri = URI.create(text.endsWith("/") ? text : text + "/").resolve(fileName);
            log.accept("downloading " + uri + " to " + target);
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .proxy(ProxySelector.getDefault())
                    .build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while downloading " + uri);
            } catch (IOException e) {
                throw new IOException(uri + ": " + describe(e), e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(uri + ": HTTP status " + response.statusCode());
                }
                MessageDigest digest = md5();
                AtomicFiles.write(target, out -> {
                    DigestInputStream in = new DigestInputStream(body, digest);
                    byte[] buffer = new byte[1 << 16];
                    long total = 0;
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                        if (total > MAX_DOWNLOAD_BYTES) {
                            throw new IOException(uri + ": more than " + MAX_DOWNLOAD_BYTES + " bytes; this is not"
                                    + " the published file");
                        }
                        out.write(buffer, 0, n);
                    }
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equalsIgnoreCase(md5)) {
                        throw new IOException(uri + ": the MD5 checksum is " + actual + ", but the published one"
                                + " is " + md5 + ": the download is damaged or not the published file, so it was"
                                + " not kept");
                    }
                });
            }
        }

        /** An exception as a reason, such as {@code "ConnectException: Connection refused"}. */
        private static String describe(Throwable e) {
            if (e instanceof java.net.ConnectException && e.getMessage() == null) {
                return "cannot connect (ConnectException): no network, or a firewall or proxy in the way";
            }
            StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null) {
                    sb.append(": ").append(t.getMessage());
                    break;
                }
            }
            return sb.toString();
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has MD5", e);
            }
        }
    }
}
