package nn.core.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.IntToDoubleFunction;

/**
 * Learning-rate schedules: the learning rate of each epoch (from 1), given the first one.
 *
 * <p>Stateless and thread-safe.
 */
public final class Schedules {

    private Schedules() {
    }

    /** The same rate every epoch. */
    public static IntToDoubleFunction constant(double rate) {
        checkArgument(rate > 0, "rate (%s) must be positive", rate);
        return epoch -> rate;
    }

    /**
     * Cosine annealing over {@code epochs} epochs, as in SGDR without restarts: epoch {@code e}
     * trains with {@code rate * (1 + cos(pi (e - 1) / epochs)) / 2}, from {@code rate} in the first
     * epoch down towards 0 in the last.
     */
    public static IntToDoubleFunction cosine(double rate, int epochs) {
        checkArgument(rate > 0, "rate (%s) must be positive", rate);
        checkArgument(epochs > 0, "epochs (%s) must be positive", epochs);
        return epoch -> rate * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
    }
}
