package nn.core.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Lowers the learning rate when a validation metric stops improving, as PyTorch's
 * {@code ReduceLROnPlateau} (relative threshold): fed the metric after each epoch with
 * {@link #observe}, it multiplies the rate by {@code factor} once the metric has failed to
 * improve for more than {@code patience} epochs in a row, never going below {@code minRate}, and
 * then waits {@code cooldown} epochs before counting bad epochs again.
 *
 * <p>An epoch improves on the best so far when its metric is below {@code best * (1 - threshold)}
 * (mode min, such as a loss) or above {@code best * (1 + threshold)} (mode max, such as an
 * accuracy). Its state ({@link #state()}) is saved with a checkpoint and loaded with
 * {@link #restore}. {@link #rate(int)} returns the current rate whatever the epoch. Not
 * thread-safe.
 */
public final class ReduceLrOnPlateau implements LearningRateSchedule, nn.core.network.Checkpointed {

    /** Whether a smaller or a larger metric is better. */
    public enum Mode { MIN, MAX }

    /**
     * What the schedule remembers.
     *
     * @param rate     the learning rate in force
     * @param best     the best metric so far (infinite before the first)
     * @param badEpochs epochs without improvement since the last improvement or reduction
     * @param cooldown epochs of cooldown left
     */
    public record State(double rate, double best, int badEpochs, int cooldown) {
    }

    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldownEpochs;
    private final double minRate;
    private double rate;
    private double best;
    private int badEpochs;
    private int cooldown;

    /**
     * PyTorch's defaults with this rate and mode: factor 0.1, patience 10, threshold 1e-4,
     * cooldown 0, min rate 0.
     */
    public ReduceLrOnPlateau(double rate, Mode mode) {
        this(rate, mode, 0.1, 10, 1e-4, 0, 0);
    }

    /**
     * A schedule starting at {@code rate}.
     *
     * @throws IllegalArgumentException if the rate is not positive, factor not in (0, 1), patience
     *                                  or cooldown negative, threshold negative, or the minimum
     *                                  rate negative or above the rate
     */
    public ReduceLrOnPlateau(double rate, Mode mode, double factor, int patience, double threshold, int cooldown,
                             double minRate) {
        checkArgument(rate > 0 && Double.isFinite(rate), "rate (%s) must be positive and finite", rate);
        checkArgument(mode != null, "mode must be MIN or MAX");
        checkArgument(factor > 0 && factor < 1, "factor (%s) must be in (0, 1)", factor);
        checkArgument(patience >= 0, "patience (%s) must not be negative", patience);
        checkArgument(threshold >= 0, "threshold (%s) must not be negative", threshold);
        checkArgument(cooldown >= 0, "cooldown (%s) must not be negative", cooldown);
        checkArgument(minRate >= 0 && minRate <= rate, "minRate (%s) must be in [0, rate %s]", minRate, rate);
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldownEpochs = cooldown;
        this.minRate = minRate;
        this.rate = rate;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Takes the validation metric of the epoch just done and returns the rate for the next one.
     *
     * @throws IllegalArgumentException if the metric is NaN
     */
    public double observe(double metric) {
        checkArgument(!Double.isNaN(metric), "the metric is NaN");
        if (improves(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldown > 0) {
            cooldown--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(rate * factor, minRate);
            if (rate - reduced > 1e-8) {
                rate = reduced;
            }
            cooldown = cooldownEpochs;
            badEpochs = 0;
        }
        return rate;
    }

    /** Takes the metric like {@link #observe} and sets the optimizer's rate to the result. */
    public void observe(double metric, Optimizer optimizer) {
        optimizer.setLearningRate(observe(metric));
    }

    private boolean improves(double metric) {
        return mode == Mode.MIN ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
    }

    /** The rate in force, whatever the epoch. */
    @Override
    public double rate(int epoch) {
        return rate;
    }

    /** What a checkpoint saves. */
    public State state() {
        return new State(rate, best, badEpochs, cooldown);
    }

    /**
     * Loads saved state.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public void restore(State state) {
        checkArgument(state.rate() > 0 && Double.isFinite(state.rate()), "saved rate (%s) must be positive",
                state.rate());
        checkArgument(state.badEpochs() >= 0 && state.cooldown() >= 0,
                "saved counters must not be negative, got %s bad epochs and %s cooldown", state.badEpochs(),
                state.cooldown());
        checkArgument(!Double.isNaN(state.best()), "saved best metric is NaN");
        this.rate = state.rate();
        this.best = state.best();
        this.badEpochs = state.badEpochs();
        this.cooldown = state.cooldown();
    }

    @Override
    public String toString() {
        return "ReduceLrOnPlateau(rate=" + rate + ", mode=" + mode + ", factor=" + factor + ", patience=" + patience
                + ", threshold=" + threshold + ", cooldown=" + cooldownEpochs + ", minRate=" + minRate + ")";
    }

    /** Saves {@link #state()} for a checkpoint. */
    @Override
    public void saveState(java.util.Map<String, String> values, java.util.Map<String, nn.core.tensor.Tensor> tensors) {
        values.put("rate", Double.toString(rate));
        values.put("best", Double.toString(best));
        values.put("bad_epochs", Integer.toString(badEpochs));
        values.put("cooldown", Integer.toString(cooldown));
    }

    /** Restores what {@link #saveState} wrote. */
    @Override
    public void restoreState(java.util.Map<String, String> values, java.util.Map<String, nn.core.tensor.Tensor> tensors) {
        try {
            restore(new State(Double.parseDouble(values.get("rate")), Double.parseDouble(values.get("best")),
                    Integer.parseInt(values.get("bad_epochs")), Integer.parseInt(values.get("cooldown"))));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("the saved state of " + this + " is incomplete or malformed: " + values, e);
        }
    }
}
