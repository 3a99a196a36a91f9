package nn.core.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * Learning-rate schedules: the learning rate of each epoch (from 1), given the first one. Each is
 * a {@link LearningRateSchedule} (and so an {@code IntToDoubleFunction}). For the schedule that
 * follows a validation metric, see {@link ReduceLrOnPlateau}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Schedules {

    private Schedules() {
    }

    /** The same rate every epoch. */
    public static LearningRateSchedule constant(double rate) {
        checkRate(rate);
        return epoch -> rate;
    }

    /**
     * Cosine annealing over {@code epochs} epochs, as in SGDR without restarts: epoch {@code e}
     * trains with {@code rate * (1 + cos(pi (e - 1) / epochs)) / 2}, from {@code rate} in the first
     * epoch down towards 0 in the last.
     */
    public static LearningRateSchedule cosine(double rate, int epochs) {
        checkRate(rate);
        checkArgument(epochs > 0, "epochs (%s) must be positive", epochs);
        return epoch -> rate * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
    }

    /**
     * Step decay, PyTorch's {@code StepLR}: {@code rate * gamma^floor((e - 1) / stepEpochs)}, the
     * rate multiplied by {@code gamma} every {@code stepEpochs} epochs.
     *
     * @throws IllegalArgumentException if {@code stepEpochs} is not positive or {@code gamma} is
     *                                  not in {@code (0, 1]}
     */
    public static LearningRateSchedule step(double rate, int stepEpochs, double gamma) {
        checkRate(rate);
        checkArgument(stepEpochs > 0, "stepEpochs (%s) must be positive", stepEpochs);
        checkArgument(gamma > 0 && gamma <= 1, "gamma (%s) must be in (0, 1]", gamma);
        return epoch -> rate * Math.pow(gamma, Math.floorDiv(epoch - 1, stepEpochs));
    }

    /**
     * Exponential decay, PyTorch's {@code ExponentialLR}: {@code rate * gamma^(e - 1)}.
     *
     * @throws IllegalArgumentException if {@code gamma} is not in {@code (0, 1]}
     */
    public static LearningRateSchedule exponential(double rate, double gamma) {
        checkRate(rate);
        checkArgument(gamma > 0 && gamma <= 1, "gamma (%s) must be in (0, 1]", gamma);
        return epoch -> rate * Math.pow(gamma, epoch - 1);
    }

    /**
     * Linear warm-up in front of another schedule. During the first {@code warmupEpochs} epochs
     * the rate rises linearly to {@code then.rate(1)}: per epoch, epoch {@code e} gets
     * {@code then.rate(1) * e / warmupEpochs}; per batch, batch {@code b} of {@code n} in epoch
     * {@code e} gets {@code then.rate(1) * ((e - 1) * n + b + 1) / (warmupEpochs * n)}, so the last
     * batch of the warm-up reaches the full rate. From epoch {@code warmupEpochs + 1} on, epoch
     * {@code e} gets {@code then.rate(e - warmupEpochs)} (and its per-batch rate): the schedule
     * after the warm-up starts from its own first epoch.
     *
     * @throws IllegalArgumentException if {@code warmupEpochs} is negative
     */
    public static LearningRateSchedule warmup(int warmupEpochs, LearningRateSchedule then) {
        checkArgument(warmupEpochs >= 0, "warmupEpochs (%s) must not be negative", warmupEpochs);
        Objects.requireNonNull(then, "then");
        return new LearningRateSchedule() {
            @Override
            public double rate(int epoch) {
                return epoch <= warmupEpochs ? then.rate(1) * epoch / warmupEpochs : then.rate(epoch - warmupEpochs);
            }

            @Override
            public double rate(int epoch, int batch, int batches) {
                if (epoch > warmupEpochs) {
                    return then.rate(epoch - warmupEpochs, batch, batches);
                }
                checkArgument(batches > 0 && batch >= 0 && batch < batches,
                        "batch %s of %s is out of range", batch, batches);
                return then.rate(1) * ((double) (epoch - 1) * batches + batch + 1) / ((double) warmupEpochs * batches);
            }

            @Override
            public String toString() {
                return "warmup(" + warmupEpochs + ", " + then + ")";
            }
        };
    }

    private static void checkRate(double rate) {
        checkArgument(rate > 0 && Double.isFinite(rate), "rate (%s) must be positive and finite", rate);
    }
}
