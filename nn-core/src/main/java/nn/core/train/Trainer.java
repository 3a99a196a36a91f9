package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import nn.core.graph.CompiledGraph;
import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.network.Sequential;
import nn.core.optim.Optimizer;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Mini-batch training: each epoch shuffles the samples with a seeded random generator, cuts them
 * into batches, and for each batch zeroes the gradients, runs forward and backward, and lets the
 * optimizer step. One seed gives one sequence of batches.
 *
 * <p>The graph of a step is recorded once per batch size and replayed ({@link CompiledGraph}):
 * a steady training step copies its batch into buffers it keeps and makes no new objects.
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
    private record Step(Tensor x, Tensor y, CompiledGraph graph) {
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
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        checkArgument(x.rank() == 2 && y.rank() == 2, "inputs and targets must be matrices, got %s and %s",
                Shapes.toString(x.shape()), Shapes.toString(y.shape()));
        int n = x.rows();
        checkArgument(n > 0, "the data set is empty");
        checkArgument(y.rows() == n, "%s input rows but %s target rows", n, y.rows());
        checkArgument(x.cols() == model.inputWidth(), "the network expects inputs of %s columns, got %s",
                model.inputWidth(), Shapes.toString(x.shape()));
        checkArgument(batchSize > 0, "batch size (%s) must be positive", batchSize);
        checkArgument(batchSize <= n, "batch size (%s) is larger than the data set (%s samples); use at most %s",
                batchSize, n, n);
        checkArgument(epochs >= 0, "epochs (%s) must not be negative", epochs);
        Random random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            int batches = (n + batchSize - 1) / batchSize;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                Step step = stepFor(to - from, x.cols(), y.cols());
                gather(x, order, from, to, step.x());
                gather(y, order, from, to, step.y());
                double loss = run(step);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the loss became " + loss + " in epoch " + epoch + ", batch " + b
                            + ": " + NonFiniteLoss.explain(model, objective, step.x(), step.y(), order, from));
                }
                lossSum += loss;
                listener.onBatchEnd(epoch, b, batches, loss);
            }
            EpochResult r = new EpochResult(epoch, lossSum / batches, (System.nanoTime() - start) / 1e9);
            results.add(r);
            listener.onEpochEnd(r);
        }
        return results;
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
        System.arraycopy(x.data(), 0, step.x().data(), 0, x.size());
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
        Tensor bx = Tensor.zeros(rows, xCols);
        Tensor by = Tensor.zeros(rows, yCols);
        Node loss = objective.apply(model.forward(Node.constant(bx), true), Node.constant(by));
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
        int cols = t.cols();
        float[] src = t.data();
        float[] dst = batch.data();
        for (int i = from; i < to; i++) {
            System.arraycopy(src, order[i] * cols, dst, (i - from) * cols, cols);
        }
    }
}
