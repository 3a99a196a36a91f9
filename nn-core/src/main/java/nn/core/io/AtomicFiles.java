package nn.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that its name only ever holds a complete version of it: the content goes to a
 * temporary file in the same directory, which is forced to the disk and then renamed over the
 * target in one atomic step (where the file system cannot rename atomically, it falls back to a
 * plain replacing move). A crash or an exception while writing leaves the previous file, if any,
 * untouched, and the temporary file is deleted.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/metrics.txt"), out -> out.write(report.getBytes(UTF_8)));
 * }</pre>
 *
 * <p>Thread-safe: concurrent writers of one target each write their own temporary file, and the
 * last rename wins.
 */
public final class AtomicFiles {

    /** What to write. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to {@code out}, which buffers; closing it is allowed and has
         * no effect. Throwing abandons the write and keeps the previous file.
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating missing parent directories.
     *
     * @throws IOException if writing fails (the content's own exception, or the file system's);
     *                     {@code target} is then as it was before
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = createTemporary(dir, absolute.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new NonClosing(out));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the write failed already; that error is the one to report
                }
            }
        }
    }

    /**
     * A new empty file named {@code .<name>.<random>.tmp} beside the target. Made with the default
     * permissions (unlike {@link Files#createTempFile}, which makes it readable by its owner only),
     * so that the renamed file has the permissions a plain write would have given it.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** The stream handed to a {@link Content}: closing it only flushes, so the file can still be forced. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Makes the rename durable, where the platform allows a directory to be forced (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here (Windows): the rename itself is still atomic
        }
    }
}
