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

    /** Runs the body over units {@code [from, to)}. */
    abstract void body(int from, int to);

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
