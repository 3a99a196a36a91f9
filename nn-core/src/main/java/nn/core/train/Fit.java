package nn.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import nn.core.optim.LearningRateSchedule;
import nn.core.optim.ReduceLrOnPlateau;
import nn.core.tensor.Tensor;

/**
 * How {@link Trainer#fit(Tensor, Tensor, Fit)} trains: epochs, batch size, seed, validation data,
 * listeners, learning-rate schedule, checkpoints, and the checkpoint to resume from. Immutable: each {@code with}-style method returns a new value.
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
    private final LearningRateSchedule schedule;
    private final Path checkpointDirectory;
    private final int checkpointEvery;
    private final int checkpointsKept;
    private final Checkpoint resumeFrom;

    private Fit(int epochs, int batchSize, long seed, double validationSplit, Tensor validationX,
                Tensor validationY, ImmutableList<TrainingListener> listeners) {
        this(epochs, batchSize, seed, validationSplit, validationX, validationY, listeners, null, null, 0, 0, null);
    }

    private Fit(int epochs, int batchSize, long seed, double validationSplit, Tensor validationX,
                Tensor validationY, ImmutableList<TrainingListener> listeners, LearningRateSchedule schedule,
                Path checkpointDirectory, int checkpointEvery, int checkpointsKept, Checkpoint resumeFrom) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.validationSplit = validationSplit;
        this.validationX = validationX;
        this.validationY = validationY;
        this.listeners = listeners;
        this.schedule = schedule;
        this.checkpointDirectory = checkpointDirectory;
        this.checkpointEvery = checkpointEvery;
        this.checkpointsKept = checkpointsKept;
        this.resumeFrom = resumeFrom;
    }

    private Fit with(ImmutableList<TrainingListener> listeners, LearningRateSchedule schedule, Path directory,
                     int every, int kept, Checkpoint resume, long seed) {
        return new Fit(epochs, batchSize, seed, validationSplit, validationX, validationY, listeners, schedule,
                directory, every, kept, resume);
    }

    /**
     * Sets the optimizer's learning rate from {@code schedule} before every batch. A
     * {@link ReduceLrOnPlateau} is also fed the validation loss (the training loss without
     * validation data) after every epoch.
     */
    public Fit schedule(LearningRateSchedule schedule) {
        return with(listeners, Objects.requireNonNull(schedule, "schedule"), checkpointDirectory, checkpointEvery,
                checkpointsKept, resumeFrom, seed);
    }

    /**
     * Writes a {@link Checkpoint} to {@code directory} every {@code every} epochs and after the
     * last one, keeping the newest {@code kept} files.
     *
     * @throws IllegalArgumentException if {@code every} or {@code kept} is not positive
     */
    public Fit checkpoints(Path directory, int every, int kept) {
        Objects.requireNonNull(directory, "checkpoint directory");
        checkArgument(every > 0, "checkpoints every %s epochs: it must be at least 1", every);
        checkArgument(kept > 0, "checkpoints kept (%s) must be at least 1", kept);
        return with(listeners, schedule, directory, every, kept, resumeFrom, seed);
    }

    /**
     * Goes on from {@code checkpoint}: its weights, optimizer state, history and the saved state
     * of the schedule, listeners and layers are put back, its seed is used, and training starts
     * at the epoch after its. Ends with the same bits as a run that never stopped, given the same
     * data, network, objective, options and listeners.
     */
    public Fit resume(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return with(listeners, schedule, checkpointDirectory, checkpointEvery, checkpointsKept, checkpoint,
                checkpoint.seed());
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
        return new Fit(epochs, batchSize, seed, validationSplit, validationX, validationY, listeners, schedule,
                checkpointDirectory, checkpointEvery, checkpointsKept, resumeFrom);
    }

    /** The seed of the shuffles: epoch {@code e} shuffles with a generator seeded from it and {@code e}. */
    public Fit seed(long seed) {
        return with(listeners, schedule, checkpointDirectory, checkpointEvery, checkpointsKept, resumeFrom, seed);
    }

    /**
     * Holds back the last {@code fraction} of the rows for validation after each epoch.
     *
     * @throws IllegalArgumentException if it is not in {@code (0, 1)} or validation data were given
     */
    public Fit validationSplit(double fraction) {
        checkArgument(fraction > 0 && fraction < 1, "the validation split (%s) must be in (0, 1)", fraction);
        checkArgument(validationX == null, "validation data were given already; use either them or a split");
        return new Fit(epochs, batchSize, seed, fraction, null, null, listeners, schedule, checkpointDirectory,
                checkpointEvery, checkpointsKept, resumeFrom);
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
        return new Fit(epochs, batchSize, seed, 0, x, y, listeners, schedule, checkpointDirectory, checkpointEvery,
                checkpointsKept, resumeFrom);
    }

    /** Adds a listener, called after those added before it. */
    public Fit listener(TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        return with(ImmutableList.<TrainingListener>builder().addAll(listeners).add(listener).build(), schedule,
                checkpointDirectory, checkpointEvery, checkpointsKept, resumeFrom, seed);
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

    /** The learning-rate schedule, or {@code null}. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Where checkpoints go, or {@code null} for none. */
    public Path checkpointDirectory() {
        return checkpointDirectory;
    }

    /** Epochs between checkpoints. */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** How many checkpoint files are kept. */
    public int checkpointsKept() {
        return checkpointsKept;
    }

    /** The checkpoint training goes on from, or {@code null}. */
    public Checkpoint resumeFrom() {
        return resumeFrom;
    }
}
