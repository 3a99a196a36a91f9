package nn.core.train;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.graph.Parameter;
import nn.core.io.ModelFile;
import nn.core.io.ModelFormatException;
import nn.core.io.SavedModel;
import nn.core.network.Sequential;
import nn.core.optim.OptimizerState;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;

/**
 * Everything needed to resume training where it stopped and end with the same bits as a run that
 * never stopped: the network (weights and buffers), the epoch it finished, the shuffle seed (each
 * epoch's order depends only on it and the epoch), the optimizer's state (its rule, learning rate,
 * step counts and state arrays), the history so far, and the state of the schedule and listeners
 * that keep some ({@link Checkpointed}).
 *
 * <p>A checkpoint is a model file ({@link ModelFile}; {@code docs/MODEL-FORMAT.md}) whose
 * metadata carry {@code checkpoint.*}, {@code optimizer.*} and {@code state.*} entries and whose
 * extra tensors carry the optimizer's arrays; any model-file reader can load its network.
 * Files are written atomically (a crash leaves the previous file or the new one, never half of
 * one) and read defensively: {@link #latest} skips a file that does not read and takes the one
 * before it.
 *
 * <p>Immutable apart from the network, which is as thread-safe as {@link Sequential} (not).
 *
 * @param network   the network with its weights after epoch {@code epoch}
 * @param epoch     the last epoch finished, from 1
 * @param seed      the shuffle seed of the run
 * @param optimizer the optimizer's state
 * @param history   the results of epochs 1 to {@code epoch}
 * @param state     saved state of the schedule and listeners, by prefixed key
 * @param tensors   saved tensors of the schedule and listeners, by prefixed key
 */
public record Checkpoint(Sequential network, int epoch, long seed, OptimizerState optimizer,
                         List<EpochResult> history, Map<String, String> state, Map<String, Tensor> tensors) {

    /** The file name of epoch {@code e}'s checkpoint: {@code checkpoint-000012.nnm}. */
    private static final Pattern FILE = Pattern.compile("checkpoint-(\\d{6,9})\\.nnm");
    private static final String VERSION = "1";
    /** The prefix of the optimizer's entries ({@link OptimizerState#metadata}, {@link OptimizerState#tensors}). */
    private static final String OPTIMIZER = "optimizer.";

    /** Checks and copies. */
    public Checkpoint {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(optimizer, "optimizer");
        if (epoch < 1) {
            throw new IllegalArgumentException("a checkpoint's epoch must be at least 1, got " + epoch);
        }
        history = List.copyOf(history);
        state = Map.copyOf(state);
        tensors = Map.copyOf(tensors);
    }

    /** The file a checkpoint of {@code epoch} gets in {@code directory}. */
    public static Path fileFor(Path directory, int epoch) {
        return directory.resolve(String.format(Locale.ROOT, "checkpoint-%06d%s", epoch, ModelFile.EXTENSION));
    }

    /**
     * Writes this checkpoint to {@code file} atomically.
     *
     * @throws IOException if writing fails; the file is then as it was
     */
    public void write(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Tensor> extras = new LinkedHashMap<>();
        meta.put("checkpoint.version", VERSION);
        meta.put("checkpoint.epoch", Integer.toString(epoch));
        meta.put("checkpoint.seed", Long.toString(seed));
        meta.putAll(optimizer.metadata(OPTIMIZER));
        extras.putAll(optimizer.tensors(OPTIMIZER));
        for (EpochResult r : history) {
            meta.put(String.format(Locale.ROOT, "history.%06d", r.epoch()), r.loss() + "," + r.validationLoss() + ","
                    + r.validationAccuracy() + "," + r.learningRate() + "," + r.seconds());
        }
        state.forEach((k, v) -> meta.put("state." + k, v));
        tensors.forEach((k, v) -> extras.put("state." + k, v));
        ModelFile.save(new SavedModel(network, meta, extras), file);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws ModelFormatException if the file is not a model file, or a model file without a
     *                              checkpoint's entries (naming the entry)
     * @throws IOException          if reading fails (the file is missing or a directory: see
     *                              {@link ModelFile#read})
     */
    public static Checkpoint read(Path file) throws IOException {
        return from(ModelFile.read(file), file.toString());
    }

    /**
     * The checkpoint a model file already read holds.
     *
     * @param source where it came from, for messages
     * @throws ModelFormatException if it lacks a checkpoint's entries or they are inconsistent
     *                              (naming the entry)
     */
    public static Checkpoint from(SavedModel saved, String source) throws ModelFormatException {
        Map<String, String> meta = saved.metadata();
        try {
            String version = meta.get("checkpoint.version");
            if (version == null) {
                throw new IllegalArgumentException("it is a model file without checkpoint entries (checkpoint.version)");
            }
            if (!version.equals(VERSION)) {
                throw new IllegalArgumentException("its checkpoint version is " + version + "; this version of nn reads "
                        + VERSION);
            }
            int epoch = Integer.parseInt(required(meta, "checkpoint.epoch"));
            long seed = Long.parseLong(required(meta, "checkpoint.seed"));
            OptimizerState optimizer = OptimizerState.read(OPTIMIZER, meta, saved.extras());
            checkOptimizer(optimizer, saved.network());
            List<EpochResult> history = new ArrayList<>();
            Map<String, String> state = new TreeMap<>();
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (e.getKey().startsWith("history.")) {
                    int ep = Integer.parseInt(e.getKey().substring("history.".length()));
                    String[] f = e.getValue().split(",", -1);
                    if (f.length != 5) {
                        throw new IllegalArgumentException(e.getKey() + " has " + f.length + " fields, expected 5");
                    }
                    history.add(new EpochResult(ep, Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                } else if (e.getKey().startsWith("state.")) {
                    state.put(e.getKey().substring("state.".length()), e.getValue());
                }
            }
            Map<String, Tensor> tensors = new TreeMap<>();
            saved.extras().forEach((k, v) -> {
                if (k.startsWith("state.")) {
                    tensors.put(k.substring("state.".length()), v);
                }
            });
            return new Checkpoint(saved.network(), epoch, seed, optimizer, history, state, tensors);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, "not a readable checkpoint: " + e.getMessage(), e);
        }
    }

    /** The optimizer's arrays must be as many as its rule keeps and as long as their parameters. */
    private static void checkOptimizer(OptimizerState optimizer, Sequential network) {
        int arrays = Plugins.updateRules().get(optimizer.rule()).stateArrays();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            sizes.put(p.name(), p.value().size());
        }
        for (Map.Entry<String, OptimizerState.ParameterState> e : optimizer.parameters().entrySet()) {
            Integer size = sizes.get(e.getKey());
            if (size == null) {
                throw new IllegalArgumentException("the optimizer state names the parameter '" + e.getKey()
                        + "', which the network does not have");
            }
            float[][] a = e.getValue().arrays();
            if (a.length != arrays) {
                throw new IllegalArgumentException("the optimizer state of " + e.getKey() + " has " + a.length
                        + " arrays; " + optimizer.rule().name() + " keeps " + arrays);
            }
            for (float[] array : a) {
                if (array.length != size) {
                    throw new IllegalArgumentException("an optimizer state array of " + e.getKey() + " holds "
                            + array.length + " numbers; the parameter has " + size);
                }
            }
        }
    }

    private static String required(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the entry " + key + " is missing");
        }
        return v;
    }

    /** The checkpoint files in {@code directory}, newest (highest epoch) first; none if it does not exist. */
    public static List<Path> files(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory)) {
            for (Path p : dir) {
                if (FILE.matcher(p.getFileName().toString()).matches()) {
                    found.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(Checkpoint::epochOf).reversed());
        return found;
    }

    /**
     * Deletes the temporary files of checkpoint writes that never finished (the process was
     * killed while writing), which atomic writes leave beside the checkpoints as
     * {@code .checkpoint-*.tmp}. Call it only when no other process writes checkpoints there.
     *
     * @return how many were deleted
     */
    public static int deleteStaleTemporaries(Path directory) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, ".checkpoint-*.tmp")) {
            for (Path p : dir) {
                if (Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return deleted;
    }

    private static long epochOf(Path p) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The newest checkpoint in {@code directory} that reads: a file that does not (cut short by
     * a disk that filled up, damaged later) is skipped with a warning and the one before it
     * taken. Empty if there is none.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static Optional<Checkpoint> latest(Path directory) throws IOException {
        for (Path p : files(directory)) {
            try {
                return Optional.of(read(p));
            } catch (ModelFormatException | IllegalArgumentException e) {
                System.getLogger(Checkpoint.class.getName()).log(System.Logger.Level.WARNING,
                        "skipping the checkpoint " + p + ", which does not read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
