package nn.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndCreatesTheFolder() throws IOException {
        Path file = dir.resolve("a/b/report.txt");
        OutputFiles.writeString(file, "accuracy 0.886\n");
        assertEquals("accuracy 0.886\n", Files.readString(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("report.txt");
        OutputFiles.writeString(file, "old");
        OutputFiles.writeString(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("report.txt");
        OutputFiles.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> nn.core.io.AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void theFileHasTheUsualPermissionsOfANewFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path atomic = dir.resolve("atomic.txt");
        OutputFiles.writeString(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
