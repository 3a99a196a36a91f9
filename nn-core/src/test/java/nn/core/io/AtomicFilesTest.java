package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        assertEquals("one", Files.readString(target));
        AtomicFiles.write(target, out -> {
            out.write("two".getBytes(StandardCharsets.UTF_8));
            out.close(); // allowed, and harmless
        });
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailingWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old");
        IOException failure = new IOException("simulated");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw failure;
        }));
        assertSame(failure, e);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());

        Path fresh = dir.resolve("never.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IllegalStateException("simulated");
        }));
        assertEquals(List.of(target), files());
    }

    @Test
    void theFileGetsThePermissionsAPlainWriteWouldGive() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.write(atomic, out -> out.write('x'));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }
}
