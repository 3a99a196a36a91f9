package nn.core.io;

import java.util.Locale;

/**
 * What is wrong with a model file, found while decoding it; {@link ModelFile} turns it into a
 * {@link ModelFormatException} naming the file.
 */
final class FormatProblem extends Exception {

    private static final long serialVersionUID = 1L;

    FormatProblem(String message) {
        super(message, null, false, false);
    }

    FormatProblem(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A problem described by {@link String#format} in the root locale. */
    static FormatProblem of(String format, Object... args) {
        return new FormatProblem(String.format(Locale.ROOT, format, args));
    }
}
