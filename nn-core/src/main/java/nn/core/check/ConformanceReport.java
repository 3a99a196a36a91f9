package nn.core.check;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The outcome of a {@link Conformance} check of one plugin: every failure, each naming the
 * check, the input and the size of the error, and one line per part that was checked.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConformanceReport {

    private final String subject;
    private final ImmutableList<String> checks;
    private final ImmutableList<String> failures;

    ConformanceReport(String subject, List<String> checks, List<String> failures) {
        this.subject = subject;
        this.checks = ImmutableList.copyOf(checks);
        this.failures = ImmutableList.copyOf(failures);
    }

    /** Whether every check passed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** What was checked, such as {@code activation 'tanh' (nn.activations.Tanh)}. */
    public String subject() {
        return subject;
    }

    /** One line per part checked (name, derivative, bulk methods, ...), with how much it compared. */
    public List<String> checks() {
        return checks;
    }

    /** Every failure, one line each, naming the check, the input and the size of the error. */
    public List<String> failures() {
        return failures;
    }

    /**
     * Does nothing if every check passed; otherwise throws an {@link AssertionError} whose message
     * is the whole report, every failure included, so it can be called from any test framework.
     */
    public ConformanceReport assertPassed() {
        if (!passed()) {
            throw new AssertionError(toString());
        }
        return this;
    }

    /** The whole report: the verdict, the parts checked, then every failure. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("conformance of ").append(subject).append(": ")
                .append(passed() ? "passed" : "FAILED (" + failures.size() + " failures)");
        for (String check : checks) {
            sb.append("\n  checked ").append(check);
        }
        for (String failure : failures) {
            sb.append("\n  FAILED ").append(failure);
        }
        return sb.toString();
    }
}
