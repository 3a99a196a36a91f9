package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import nn.core.tensor.Tensor;

/**
 * How {@link Trainer#fit(Tensor, Tensor, Fit)} trains: epochs, batch size, seed, validation data
 * and listeners. Immutable: each {@code with}-style method returns a new value.
 * <pre>{@code
 * trainer.fit(x, y, Fit.epochs(20).batchSize(64).seed(42)
 *         .validationSplit(0.1)
 *         .listener(new EarlyStopping("val_loss", 3, 0, true)));
 * }</pre>
 *
 * <p>The validation data are either given ({@link #validation}) or split off the end of the
 * training data ({@link #validationSplit}), as Keras does: the last rows, before shuffling.
 */
public final class Fit {

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final double validationSplit;
    private final Tensor validationX;
    private final Tensor validationY;
    private final ImmutableList<TrainingListener> listeners;

    private Fit(int epochs, int batchSize, long seed, double validationSplit, Tensor validationX,
                Tensor validationY, ImmutableList<TrainingListener> listeners) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.validationSplit = validationSplit;
        this.validationX = validationX;
        this.validationY = validationY;
        this.listeners = listeners;
    }

    /**
     * Training for {@code epochs} epochs, in batches of 32, seed 0, without validation.
     *
     * @throws IllegalArgumentException if {@code epochs} is negative
     */
    public static Fit epochs(int epochs) {
        checkArgument(epochs >= 0, "epochs (%s) must not be negative", epochs);
        return new Fit(epochs, 32, 0, 0, null, null, ImmutableList.of());
    }

    /**
     * The number of samples per step.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Fit batchSize(int batchSize) {
        checkArgument(batchSize > 0, "batch size (%s) must be positive", batchSize);
        return new Fit(epochs, batchSize, seed, validationSplit, validationX, validationY, listeners);
    }

    /** The seed of the shuffles: epoch {@code e} shuffles with a generator seeded from it and {@code e}. */
    public Fit seed(long seed) {
        return new Fit(epochs, batchSize, seed, validationSplit, validationX, validationY, listeners);
    }

    /**
     * Holds back the last {@code fraction} of the rows for validation after each epoch.
     *
     * @throws IllegalArgumentException if it is not in {@code (0, 1)} or validation data were given
     */
    public Fit validationSplit(double fraction) {
        checkArgument(fraction > 0 && fraction < 1, "the validation split (%s) must be in (0, 1)", fraction);
        checkArgument(validationX == null, "validation data were given already; use either them or a split");
        return new Fit(epochs, batchSize, seed, fraction, null, null, listeners);
    }

    /**
     * Validates on {@code x} and {@code y} after each epoch.
     *
     * @throws IllegalArgumentException if a split was asked for already, or the shapes do not
     *                                  have one row per sample each
     */
    public Fit validation(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "validation inputs");
        Objects.requireNonNull(y, "validation targets");
        checkArgument(validationSplit == 0, "a validation split was asked for already; use either it or data");
        checkArgument(x.rank() == 2 && y.rank() == 2 && x.rows() == y.rows() && x.rows() > 0,
                "validation data need inputs and targets with the same positive number of rows, got %s and %s",
                java.util.Arrays.toString(x.shape()), java.util.Arrays.toString(y.shape()));
        return new Fit(epochs, batchSize, seed, 0, x, y, listeners);
    }

    /** Adds a listener, called after those added before it. */
    public Fit listener(TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        return new Fit(epochs, batchSize, seed, validationSplit, validationX, validationY,
                ImmutableList.<TrainingListener>builder().addAll(listeners).add(listener).build());
    }

    /** Number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** Samples per step. */
    public int batchSize() {
        return batchSize;
    }

    /** Shuffle seed. */
    public long seed() {
        return seed;
    }

    /** Fraction of rows held back for validation; 0 for none. */
    public double validationSplit() {
        return validationSplit;
    }

    /** Validation inputs, or {@code null}. */
    public Tensor validationX() {
        return validationX;
    }

    /** Validation targets, or {@code null}. */
    public Tensor validationY() {
        return validationY;
    }

    /** The listeners, in order. */
    public List<TrainingListener> listeners() {
        return listeners;
    }
}
