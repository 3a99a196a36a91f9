package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
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
 */
public final class Trainer {

    private final Sequential model;
    private final Objective objective;
    private final Optimizer optimizer;

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
     *                                  batch size or number of epochs is out of range
     */
    public List<EpochResult> fit(Tensor x, Tensor y, int epochs, int batchSize, long seed,
                                 Consumer<EpochResult> onEpoch) {
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
            int batches = 0;
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                Tensor bx = gather(x, order, from, to);
                Tensor by = gather(y, order, from, to);
                lossSum += step(bx, by);
                batches++;
            }
            EpochResult r = new EpochResult(epoch, lossSum / batches, (System.nanoTime() - start) / 1e9);
            results.add(r);
            if (onEpoch != null) {
                onEpoch.accept(r);
            }
        }
        return results;
    }

    /** One training step on one batch: returns the batch's loss before the update. */
    public double step(Tensor x, Tensor y) {
        model.zeroGrad();
        Node loss = objective.apply(model.forward(Node.constant(x), true), Node.constant(y));
        loss.backward();
        optimizer.step(model.parameters());
        return loss.item();
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

    /** Rows {@code order[from..to)} of {@code t}, as a new batch. */
    static Tensor gather(Tensor t, int[] order, int from, int to) {
        int cols = t.cols();
        float[] src = t.data();
        float[] dst = new float[(to - from) * cols];
        for (int i = from; i < to; i++) {
            System.arraycopy(src, order[i] * cols, dst, (i - from) * cols, cols);
        }
        return Tensor.of(dst, to - from, cols);
    }
}
