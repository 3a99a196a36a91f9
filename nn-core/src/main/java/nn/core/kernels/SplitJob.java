package nn.core.kernels;

/**
 * A {@link Parallel.Job} over {@code units} (rows, channels, samples or elements) cut into
 * {@code parts} ranges at multiples of {@code grain}, each handed to {@link #body}: the split every
 * kernel job shares. Which unit goes to which part depends on the number of parts, never what a
 * unit computes, so a body that writes each unit's outputs alone gives the same bits on any split.
 *
 * <p>Not thread-safe to fill: one caller sets {@link #units} and {@link #grain}, then the pool's
 * threads read them.
 */
abstract class SplitJob implements Parallel.Job {

    /** The units to split. */
    int units;
    /** Ranges start at multiples of this, at least 1. */
    int grain = 1;

    /** Whether this is the shared job, taken with the pool held ({@link Parallel#tryAcquire}). */
    boolean shared;
    /** The parts to run: 1 unless shared. */
    int parts = 1;

    /** Runs the body over units {@code [from, to)}. */
    abstract void body(int from, int to);

    /** Drops the references to the call's arrays, so that a job kept for reuse holds no data. */
    abstract void forget();

    /**
     * Runs the body over all units, on the pool if this is the shared job (then releases the
     * pool); then forgets the arrays.
     */
    final void execute() {
        try {
            runAll();
        } finally {
            finish();
        }
    }

    /** Runs the body over all units, on the pool if this is the shared job; call {@link #finish} after. */
    final void runAll() {
        if (shared) {
            Parallel.runAcquired(this, parts);
        } else {
            body(0, units);
        }
    }

    /** Forgets the arrays and, for the shared job, releases the pool: what every run ends with. */
    final void finish() {
        forget();
        if (shared) {
            shared = false;
            Parallel.release();
        }
    }

    @Override
    public final void run(int part, int parts) {
        int chunks = (units + grain - 1) / grain;
        int from = (int) Math.min(units, (long) chunks * part / parts * grain);
        int to = (int) Math.min(units, (long) chunks * (part + 1) / parts * grain);
        if (from < to) {
            body(from, to);
        }
    }
}
