package nn.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An IDX file that is not what it should be: a wrong magic number, a truncated header or body,
 * a declared size the file cannot hold, or images and labels that do not agree. The message
 * starts with the file and says what was wrong, as in
 * {@code "t10k-labels-idx1-ubyte.gz: expected magic 0x00000801 (labels), found 0x00000803 (images)"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, described by {@code problem}. */
    public IdxFormatException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file}, described by {@code problem}, found through {@code cause}. */
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
