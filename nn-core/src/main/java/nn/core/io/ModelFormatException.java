package nn.core.io;

import java.io.IOException;
import java.util.Objects;

/**
 * A model file that cannot be loaded because of what it contains: not a model file, truncated,
 * corrupted (a checksum does not match), written by a newer format version, naming a plugin or
 * layer type this application does not have, or inconsistent in itself. The message starts with
 * the file and says what is wrong, for example
 * {@code "model.nnm: layer 1: activation 'swish2' not found; available: elu, gelu, ..."}.
 *
 * <p>This is the only exception {@link ModelFile#read} throws for the content of a file, whatever
 * its bytes; other {@link IOException}s mean the file could not be read at all (missing,
 * unreadable, a disk error).
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /** A problem with the model in {@code source} (a file name), described by {@code problem}. */
    public ModelFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /** A problem with the model in {@code source}, described by {@code problem}, found through {@code cause}. */
    public ModelFormatException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
        this.problem = problem;
    }

    /** Where the model came from, usually its path. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String problem() {
        return problem;
    }
}
