package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import nn.core.graph.Parameter;
import nn.core.network.Checkpointed;
import nn.core.tensor.Tensor;

/**
 * Stops training once a monitored metric has gone {@code patience} epochs without improving, as
 * Keras' {@code EarlyStopping}, and can put back the weights of the best epoch.
 *
 * <p>The metric is one of {@link EpochResult#metric}'s: {@code "val_loss"} (the usual, lower is
 * better), {@code "loss"} or {@code "val_accuracy"} (higher is better). An epoch improves on the
 * best when it is better by more than {@code minDelta}. With {@code restoreBestWeights}, when
 * training ends (stopped early or not) the parameters, buffers included, are set back to their
 * values after the best epoch, unless that was the last one.
 *
 * <p>One instance serves one {@code fit} at a time; {@link #onTrainBegin} resets it. Its state,
 * best weights included, goes into checkpoints, so a resumed run stops where the whole one
 * would have. Not thread-safe.
 */
public final class EarlyStopping implements TrainingListener, Checkpointed {

    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean higherIsBetter;

    private double best;
    private int bestEpoch;
    private int lastEpoch;
    private int wait;
    private float[][] bestWeights;

    /**
     * Early stopping on {@code monitor}.
     *
     * @param monitor            {@code "val_loss"}, {@code "loss"} or {@code "val_accuracy"}
     * @param patience           epochs without improvement before stopping, at least 0
     * @param minDelta           the least change that counts as improvement, at least 0
     * @param restoreBestWeights whether to put back the best epoch's weights at the end
     * @throws IllegalArgumentException for an unknown metric or a negative patience or delta
     */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        Objects.requireNonNull(monitor, "monitor");
        new EpochResult(1, 0, 0).metric(monitor); // names the metrics that exist if it is unknown
        checkArgument(patience >= 0, "patience (%s) must not be negative", patience);
        checkArgument(minDelta >= 0 && Double.isFinite(minDelta), "minDelta (%s) must be finite and not negative",
                minDelta);
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.higherIsBetter = monitor.endsWith("accuracy");
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        lastEpoch = 0;
        wait = 0;
        if (restoreBestWeights) {
            List<Parameter> params = context.model().parameters();
            bestWeights = new float[params.size()][];
            for (int i = 0; i < bestWeights.length; i++) {
                bestWeights[i] = new float[params.get(i).value().size()];
            }
        }
    }

    @Override
    public void onEpochEnd(EpochResult result, TrainingContext context) {
        double value = result.metric(monitor);
        if (Double.isNaN(value)) {
            throw new IllegalStateException("early stopping monitors '" + monitor + "', which epoch " + result.epoch()
                    + " did not measure" + (monitor.startsWith("val_") ? ": give validation data or a validation split"
                    : ""));
        }
        lastEpoch = result.epoch();
        boolean improved = higherIsBetter ? value > best + minDelta : value < best - minDelta;
        if (improved) {
            best = value;
            bestEpoch = result.epoch();
            wait = 0;
            if (restoreBestWeights) {
                copy(context.model().parameters(), true);
            }
        } else if (++wait >= patience) {
            context.stop(String.format(Locale.ROOT, "early stopping: %s has not improved on %.6g (epoch %d) for %d"
                    + " epochs", monitor, best, bestEpoch, wait));
        }
    }

    @Override
    public void onTrainEnd(List<EpochResult> history, TrainingContext context) {
        if (restoreBestWeights && bestEpoch > 0 && bestEpoch != lastEpoch) {
            copy(context.model().parameters(), false);
        }
    }

    /** The epoch with the best value of the metric in the last {@code fit}, or 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best value of the metric in the last {@code fit}. */
    public double best() {
        return best;
    }

    private void copy(List<Parameter> params, boolean save) {
        for (int i = 0; i < bestWeights.length; i++) {
            float[] live = params.get(i).value().data();
            if (save) {
                System.arraycopy(live, 0, bestWeights[i], 0, live.length);
            } else {
                System.arraycopy(bestWeights[i], 0, live, 0, live.length);
            }
        }
    }

    @Override
    public String toString() {
        return "EarlyStopping(" + monitor + ", patience " + patience + ", minDelta " + minDelta
                + (restoreBestWeights ? ", restoring the best weights" : "") + ")";
    }

    @Override
    public void saveState(Map<String, String> values, Map<String, Tensor> tensors) {
        values.put("best", Double.toString(best));
        values.put("best_epoch", Integer.toString(bestEpoch));
        values.put("last_epoch", Integer.toString(lastEpoch));
        values.put("wait", Integer.toString(wait));
        if (restoreBestWeights && bestEpoch > 0) {
            for (int i = 0; i < bestWeights.length; i++) {
                tensors.put("best_weights." + i, Tensor.of(bestWeights[i].clone(), bestWeights[i].length));
            }
        }
    }

    @Override
    public void restoreState(Map<String, String> values, Map<String, Tensor> tensors) {
        try {
            best = Double.parseDouble(values.get("best"));
            bestEpoch = Integer.parseInt(values.get("best_epoch"));
            lastEpoch = Integer.parseInt(values.get("last_epoch"));
            wait = Integer.parseInt(values.get("wait"));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("the saved state of " + this + " is incomplete or malformed: " + values, e);
        }
        if (restoreBestWeights && bestEpoch > 0) {
            for (int i = 0; i < bestWeights.length; i++) {
                Tensor t = tensors.get("best_weights." + i);
                if (t == null || t.size() != bestWeights[i].length) {
                    throw new IllegalArgumentException("the saved best weights of " + this + " do not fit parameter " + i);
                }
                System.arraycopy(t.data(), 0, bestWeights[i], 0, bestWeights[i].length);
            }
        }
    }
}
