package nn.core.check;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The outcome of a gradient check: how many derivatives were compared, how many were skipped
 * because the function has a kink there, the largest error seen, and one line per failure naming
 * the input and the size of the error.
 *
 * <p>Immutable and thread-safe.
 */
public final class GradientCheck {

    private final String subject;
    private final int checked;
    private final int skipped;
    private final double maxError;
    private final ImmutableList<String> failures;

    GradientCheck(String subject, int checked, int skipped, double maxError, List<String> failures) {
        this.subject = subject;
        this.checked = checked;
        this.skipped = skipped;
        this.maxError = maxError;
        this.failures = ImmutableList.copyOf(failures);
    }

    /** Whether every compared derivative agreed, and at least one was compared. */
    public boolean passed() {
        return failures.isEmpty() && checked > 0;
    }

    /** What was checked, such as {@code activation 'tanh'}. */
    public String subject() {
        return subject;
    }

    /** The number of derivatives compared. */
    public int checked() {
        return checked;
    }

    /** The number of points left out because the function has a kink there. */
    public int skipped() {
        return skipped;
    }

    /** The largest error seen, as a multiple of the tolerance at its point (1 is the limit). */
    public double maxError() {
        return maxError;
    }

    /** One line per disagreement: where, analytic, numerical, error and tolerance. */
    public List<String> failures() {
        return failures;
    }

    /**
     * Does nothing if the check passed; otherwise throws an {@link AssertionError} with the
     * report, so it can be called from any test framework.
     */
    public GradientCheck assertPassed() {
        if (!passed()) {
            throw new AssertionError(toString());
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("gradient check of ").append(subject).append(": ")
                .append(passed() ? "passed" : "FAILED").append(" (").append(checked).append(" compared, ")
                .append(skipped).append(" skipped at kinks, worst error ")
                .append(String.format(java.util.Locale.ROOT, "%.3g", maxError)).append(" of tolerance)");
        if (checked == 0) {
            sb.append("\n  nothing was compared");
        }
        int shown = Math.min(20, failures.size());
        for (int i = 0; i < shown; i++) {
            sb.append("\n  ").append(failures.get(i));
        }
        if (failures.size() > shown) {
            sb.append("\n  ... and ").append(failures.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
