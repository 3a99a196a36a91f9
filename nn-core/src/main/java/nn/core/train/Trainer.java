package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import nn.api.Reduction;
import nn.core.graph.CompiledGraph;
import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.graph.RowSelection;
import nn.core.kernels.Elementwise;
import nn.core.network.Checkpointed;
import nn.core.network.Sequential;
import nn.core.optim.LearningRateSchedule;
import nn.core.optim.ReduceLrOnPlateau;
import nn.core.optim.Optimizer;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Mini-batch training: each epoch shuffles the samples with a seeded random generator, cuts them
 * into batches, and for each batch zeroes the gradients, runs forward and backward, and lets the
 * optimizer step. One seed gives one sequence of batches.
 *
 * <p>The graph of a step is recorded once per batch size and replayed ({@link CompiledGraph}):
 * a steady training step makes no new objects. The batch's inputs are a
 * {@link RowSelection}: a dense first layer reads them where they lie in the data set, other
 * layers get them copied into a buffer it keeps; the targets are copied into one.
 *
 * <p>Not thread-safe.
 */
public final class Trainer {

    private final Sequential model;
    private final Objective objective;
    private final Optimizer optimizer;
    /** The recorded steps, one per batch size: usually two (full batches and the last one). */
    private final List<Step> steps = new ArrayList<>();

    /** The buffers and the replayable graph of a step of one batch size. */
    private record Step(RowSelection x, Tensor y, CompiledGraph graph) {
    }

    /** A trainer of {@code model} minimising {@code objective} with {@code optimizer}. */
    public Trainer(Sequential model, Objective objective, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Trains for {@code epochs} epochs on inputs {@code x [n, inputWidth]} and targets
     * {@code y [n, ...]}, calling {@code onEpoch} after each.
     *
     * @return one result per epoch
     * @throws IllegalArgumentException if the data are empty or their shapes differ, or the
     *                                  batch size (1 to the number of samples) or number of
     *                                  epochs is out of range
     * @throws IllegalStateException    if a batch's loss is not finite, before the update that
     *                                  would spread it, saying where the first non-finite value
     *                                  is: the batch's inputs or targets (sample and column), a
     *                                  parameter, or the first operation of a layer (or the loss)
     *                                  that made one from finite inputs
     */
    public List<EpochResult> fit(Tensor x, Tensor y, int epochs, int batchSize, long seed,
                                 Consumer<EpochResult> onEpoch) {
        return fit(x, y, epochs, batchSize, seed, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult result) {
                if (onEpoch != null) {
                    onEpoch.accept(result);
                }
            }
        });
    }

    /**
     * Trains as {@link #fit(Tensor, Tensor, int, int, long, Consumer)} does, telling
     * {@code listener} about every batch and epoch.
     */
    public List<EpochResult> fit(Tensor x, Tensor y, int epochs, int batchSize, long seed,
                                 TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkArgument(batchSize > 0, "batch size (%s) must be positive", batchSize);
        checkArgument(epochs >= 0, "epochs (%s) must not be negative", epochs);
        return fit(x, y, Fit.epochs(epochs).batchSize(batchSize).seed(seed).listener(listener));
    }

    /**
     * Trains on inputs {@code x [n, inputWidth]} and targets {@code y [n, ...]} as {@code fit}
     * says: each epoch shuffles the training rows with a generator seeded from the seed and the
     * epoch (so an epoch's batches do not depend on the epochs before it), steps through them,
     * validates if asked, and tells the listeners. Stops early when a listener asks
     * ({@link TrainingContext#stop}), such as {@link EarlyStopping}.
     *
     * @return one result per epoch trained
     * @throws IllegalArgumentException if the data are empty, their shapes differ or do not fit
     *                                  the network, or the validation split leaves no rows
     * @throws IllegalStateException    if the loss becomes NaN or infinite
     */
    public List<EpochResult> fit(Tensor x, Tensor y, Fit fit) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(fit, "fit");
        checkData(x, y, "training");
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor valX = fit.validationX();
        Tensor valY = fit.validationY();
        if (fit.validationSplit() > 0) {
            int n = x.rows();
            int held = (int) Math.floor(n * fit.validationSplit());
            checkArgument(held > 0 && held < n, "a validation split of %s of %s rows leaves %s for validation and %s"
                    + " for training; both need at least one", fit.validationSplit(), n, held, n - held);
            trainX = x.sliceRows(0, n - held);
            trainY = y.sliceRows(0, n - held);
            valX = x.sliceRows(n - held, n);
            valY = y.sliceRows(n - held, n);
        }
        if (valX != null) {
            checkData(valX, valY, "validation");
            checkArgument(valY.cols() == y.cols(), "validation targets have %s columns but training targets %s",
                    valY.cols(), y.cols());
        }
        checkArgument(fit.batchSize() <= trainX.rows(), "batch size (%s) is larger than the data set (%s samples%s);"
                + " use at most %s", fit.batchSize(), trainX.rows(), fit.validationSplit() > 0 ? " left for training"
                : "", trainX.rows());
        Context context = new Context();
        List<TrainingListener> listeners = fit.listeners();
        LearningRateSchedule schedule = fit.schedule();
        for (TrainingListener l : listeners) {
            l.onTrainBegin(context);
        }
        List<EpochResult> results = new ArrayList<>();
        int first = 1;
        if (fit.resumeFrom() != null) {
            Checkpoint cp = fit.resumeFrom();
            restore(cp, fit);
            results.addAll(cp.history());
            first = cp.epoch() + 1;
            context.epoch = cp.epoch();
        }
        int n = trainX.rows();
        int batchSize = fit.batchSize();
        int[] order = new int[n];
        for (int epoch = first; epoch <= fit.epochs() && context.stopReason == null; epoch++) {
            context.epoch = epoch;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle(order, new Random(epochSeed(fit.seed(), epoch)));
            double lossSum = 0;
            int batches = (n + batchSize - 1) / batchSize;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                if (schedule != null) {
                    schedule.apply(optimizer, epoch, b, batches);
                }
                Step step = stepFor(to - from, trainX.cols(), trainY.cols());
                step.x().select(trainX, order, from);
                gather(trainY, order, from, to, step.y());
                double loss = run(step);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the loss became " + loss + " in epoch " + epoch + ", batch " + b
                            + ": " + NonFiniteLoss.explain(model, objective, step.x().value(), step.y(), order, from));
                }
                lossSum += loss;
                for (int i = 0, m = listeners.size(); i < m; i++) {
                    listeners.get(i).onBatchEnd(epoch, b, batches, loss);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double valLoss = Double.NaN;
            double valAccuracy = Double.NaN;
            if (valX != null) {
                Evaluation e = evaluate(valX, valY);
                valLoss = e.loss();
                valAccuracy = e.accuracy();
            }
            EpochResult r = new EpochResult(epoch, lossSum / batches, valLoss, valAccuracy,
                    optimizer.learningRate(), seconds);
            results.add(r);
            if (schedule instanceof ReduceLrOnPlateau plateau) {
                plateau.observe(r.hasValidation() ? r.validationLoss() : r.loss(), optimizer);
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(r, context);
            }
            if (fit.checkpointDirectory() != null && (epoch % fit.checkpointEvery() == 0 || epoch == fit.epochs()
                    || context.stopReason != null)) {
                writeCheckpoint(fit, epoch, results);
            }
        }
        for (Step step : steps) {
            step.x().release(); // the data set is not kept alive by a trainer that is
        }
        List<EpochResult> history = List.copyOf(results);
        for (TrainingListener l : listeners) {
            l.onTrainEnd(history, context);
        }
        return history;
    }

    /** The objects whose state a checkpoint keeps, by key prefix: schedule, listeners, layers. */
    private Map<String, Checkpointed> checkpointed(Fit fit) {
        Map<String, Checkpointed> parts = new LinkedHashMap<>();
        if (fit.schedule() instanceof Checkpointed c) {
            parts.put("schedule.", c);
        }
        for (int i = 0; i < fit.listeners().size(); i++) {
            if (fit.listeners().get(i) instanceof Checkpointed c) {
                parts.put("listener." + i + ".", c);
            }
        }
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof Checkpointed c) {
                parts.put("layer." + i + ".", c);
            }
        }
        return parts;
    }

    private void writeCheckpoint(Fit fit, int epoch, List<EpochResult> history) {
        Map<String, String> state = new TreeMap<>();
        Map<String, Tensor> tensors = new TreeMap<>();
        for (Map.Entry<String, Checkpointed> part : checkpointed(fit).entrySet()) {
            Map<String, String> values = new TreeMap<>();
            Map<String, Tensor> ts = new TreeMap<>();
            part.getValue().saveState(values, ts);
            values.forEach((k, v) -> state.put(part.getKey() + k, v));
            ts.forEach((k, v) -> tensors.put(part.getKey() + k, v));
        }
        Checkpoint cp = new Checkpoint(model, epoch, fit.seed(), optimizer.snapshot(), history, state, tensors);
        Path dir = fit.checkpointDirectory();
        try {
            cp.write(Checkpoint.fileFor(dir, epoch));
            List<Path> files = Checkpoint.files(dir);
            for (int i = fit.checkpointsKept(); i < files.size(); i++) {
                Files.deleteIfExists(files.get(i));
            }
            Checkpoint.deleteStaleTemporaries(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + epoch + " to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private void restore(Checkpoint cp, Fit fit) {
        List<Parameter> mine = model.parameters();
        List<Parameter> saved = cp.network().parameters();
        checkArgument(mine.size() == saved.size(), "the checkpoint's network has %s parameters, this one %s: resume"
                + " with the network the checkpoint was made from", saved.size(), mine.size());
        for (int i = 0; i < mine.size(); i++) {
            Parameter a = mine.get(i);
            Parameter b = saved.get(i);
            checkArgument(a.name().equals(b.name()) && Arrays.equals(a.value().shape(), b.value().shape()),
                    "the checkpoint's parameter %s is %s %s, this network's %s %s: resume with the network the"
                            + " checkpoint was made from", i, b.name(), Shapes.toString(b.value().shape()), a.name(),
                    Shapes.toString(a.value().shape()));
        }
        for (int i = 0; i < mine.size(); i++) {
            float[] from = saved.get(i).value().data();
            System.arraycopy(from, 0, mine.get(i).value().data(), 0, from.length);
        }
        optimizer.restore(cp.optimizer());
        for (Map.Entry<String, Checkpointed> part : checkpointed(fit).entrySet()) {
            String prefix = part.getKey();
            Map<String, String> values = new TreeMap<>();
            Map<String, Tensor> ts = new TreeMap<>();
            cp.state().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    values.put(k.substring(prefix.length()), v);
                }
            });
            cp.tensors().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    ts.put(k.substring(prefix.length()), v);
                }
            });
            part.getValue().restoreState(values, ts);
        }
    }

    /** The seed of epoch {@code epoch}'s shuffle: a mix of the two, so nearby seeds give unrelated orders. */
    static long epochSeed(long seed, int epoch) {
        long z = seed + epoch * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void checkData(Tensor x, Tensor y, String what) {
        checkArgument(x.rank() == 2 && y.rank() == 2, "%s inputs and targets must be matrices, got %s and %s", what,
                Shapes.toString(x.shape()), Shapes.toString(y.shape()));
        int n = x.rows();
        checkArgument(n > 0, "the %s data set is empty", what);
        checkArgument(y.rows() == n, "%s input rows but %s target rows in the %s data", n, y.rows(), what);
        checkArgument(x.cols() == model.inputWidth(), "the network expects %s inputs of %s columns, got %s", what,
                model.inputWidth(), Shapes.toString(x.shape()));
    }

    /** The objective and, for class targets, the accuracy of the model on a data set. */
    public record Evaluation(double loss, double accuracy) {
    }

    /**
     * The objective over a data set without training, in inference mode, evaluated in chunks
     * of 1,024 rows when the objective's reduction is known; and the fraction of rows whose
     * largest output is the target class, when the targets are classes (one column of class
     * indices, or one-hot rows as wide as the output), else {@code NaN}.
     */
    public Evaluation evaluate(Tensor x, Tensor y) {
        checkData(x, y, "evaluation");
        int n = x.rows();
        Reduction reduction = objective.reduction();
        int chunk = reduction == null ? n : 1024;
        double lossSum = 0;
        long correct = 0;
        boolean classes = false;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                Tensor bx = from == 0 && to == n ? x : x.sliceRows(from, to);
                Tensor by = from == 0 && to == n ? y : y.sliceRows(from, to);
                Node out = model.forward(Node.constant(bx), false);
                double loss = objective.apply(out, Node.constant(by)).item();
                lossSum += reduction == Reduction.MEAN ? loss * (to - from) : loss;
                int outCols = out.value().cols();
                classes = outCols > 1 && (by.cols() == 1 || by.cols() == outCols);
                if (classes) {
                    correct += countCorrect(out.value(), by);
                }
            }
        }
        double loss = reduction == Reduction.MEAN ? lossSum / n : lossSum;
        return new Evaluation(loss, classes ? (double) correct / n : Double.NaN);
    }

    private static long countCorrect(Tensor out, Tensor y) {
        int rows = out.rows();
        int cols = out.cols();
        float[] o = out.data();
        float[] t = y.data();
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int predicted = argmax(o, r * cols, cols);
            int target = y.cols() == 1 ? (int) t[r] : argmax(t, r * cols, cols);
            if (predicted == target) {
                correct++;
            }
        }
        return correct;
    }

    private static int argmax(float[] a, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[offset + j] > a[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** What listeners see. */
    private final class Context implements TrainingContext {
        int epoch;
        String stopReason;

        @Override
        public Sequential model() {
            return model;
        }

        @Override
        public Optimizer optimizer() {
            return optimizer;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public void stop(String reason) {
            if (stopReason == null) {
                stopReason = Objects.requireNonNull(reason, "reason");
            }
        }

        @Override
        public String stopReason() {
            return stopReason;
        }
    }

    /**
     * One training step on one batch: returns the batch's loss before the update. A loss that is
     * not finite is returned without an update, so the weights stay those of the last finite one.
     */
    public double step(Tensor x, Tensor y) {
        checkArgument(x.rank() == 2 && y.rank() == 2 && x.rows() == y.rows(),
                "a batch needs inputs and targets with one row per sample, got %s and %s",
                Shapes.toString(x.shape()), Shapes.toString(y.shape()));
        Step step = stepFor(x.rows(), x.cols(), y.cols());
        step.x().selectRange(x, 0);
        System.arraycopy(y.data(), 0, step.y().data(), 0, y.size());
        return run(step);
    }

    private double run(Step step) {
        model.zeroGrad();
        double loss = step.graph().forward();
        if (!Double.isFinite(loss)) {
            return loss; // no update from it: fit says where it came from
        }
        step.graph().backward();
        optimizer.step(model.parameters());
        return loss;
    }

    /** The recorded step for batches of {@code rows}, recorded on first use. */
    private Step stepFor(int rows, int xCols, int yCols) {
        for (int i = 0, n = steps.size(); i < n; i++) {
            Step step = steps.get(i);
            if (step.x().rows() == rows && step.x().cols() == xCols && step.y().cols() == yCols) {
                return step;
            }
        }
        // the batch's inputs are read where they lie in the data set when the first layer is dense
        RowSelection bx = RowSelection.of(rows, xCols);
        Tensor by = Tensor.zeros(rows, yCols);
        Node loss = objective.apply(model.forward(bx, true), Node.constant(by));
        Step step = new Step(bx, by, CompiledGraph.of(loss));
        if (steps.size() >= 4) {
            steps.remove(0); // batch sizes that change all the time: keep the latest few
        }
        steps.add(step);
        return step;
    }

    /** The objective over a whole data set, without training. */
    public double loss(Tensor x, Tensor y) {
        try (NoGrad ignored = NoGrad.enter()) {
            return objective.apply(model.forward(Node.constant(x), false), Node.constant(y)).item();
        }
    }

    /** Fisher-Yates, drawing from {@code random}. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Copies rows {@code order[from..to)} of {@code t} into {@code batch}. */
    static void gather(Tensor t, int[] order, int from, int to, Tensor batch) {
        Elementwise.gatherRows(t.data(), t.cols(), order, from, to - from, batch.data());
    }
}
