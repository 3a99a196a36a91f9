package nn.examples.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import nn.api.Hyperparameters;
import nn.api.PluginSpec;
import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.core.io.ModelFile;
import nn.core.network.Sequential;
import nn.core.optim.LearningRateSchedule;
import nn.core.optim.Schedules;
import nn.core.optim.RuleOptimizer;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Checkpoint;
import nn.core.train.EarlyStopping;
import nn.core.train.EpochResult;
import nn.core.train.Fit;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import nn.examples.report.OutputFiles;
import nn.examples.report.ClassificationMetrics;
import nn.examples.report.EpochRecord;
import nn.examples.report.ReportTables;
import nn.examples.report.TrainingPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nn train}: trains a fully connected classifier on Fashion-MNIST and leaves the model and plots. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a fully connected network on Fashion-MNIST, prints the test metrics, and writes",
                "the model (model.nnm), the plots (loss.png, accuracy.png, confusion-matrix.png),",
                "history.csv and metrics.txt into the output folder."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the four Fashion-MNIST files"
            + " (default: $NN_FASHION_MNIST, the user cache, Debian's dataset-fashion-mnist, or a download)")
    Path data;

    @Option(names = "--arch", paramLabel = "SIZES", defaultValue = "784-256-128-10",
            description = "layer sizes, input first, or cnn for the convolutional network of CnnArchitecture"
                    + " (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "activation plugin after each hidden layer (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--output-activation", paramLabel = "NAME", defaultValue = "none",
            description = "activation plugin after the last layer, or none for logits (default: ${DEFAULT-VALUE})")
    String outputActivation;

    @Option(names = "--batch-norm", description = "batch normalization after every hidden dense layer, before its"
            + " activation")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0",
            description = "dropout rate after every hidden activation, in [0, 1); 0 for none (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = Losses.FUSED,
            description = "loss plugin, or " + Losses.FUSED + " (fused, on logits) (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--reduction", paramLabel = "SUM|MEAN", defaultValue = "MEAN",
            description = "how the loss combines a batch (default: ${DEFAULT-VALUE})")
    Reduction reduction;

    @Option(names = "--optimizer", paramLabel = "SPEC", defaultValue = "sgd",
            description = {"update rule plugin spec: sgd, adagrad, rmsprop, adam, adamw, with hyperparameters if",
                    "wanted, such as adam(beta2=0.99); lr comes from --lr and sgd's momentum from --momentum",
                    "unless the spec gives them (default: ${DEFAULT-VALUE})"})
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.02", description = "learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "SGD momentum, for --optimizer sgd (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "cosine",
            description = {"learning-rate schedule, set before every batch: cosine (over --epochs), cosine(epochs=N),",
                    "constant, step(every=5, gamma=0.5) or exponential(gamma=0.9) (default: ${DEFAULT-VALUE})"})
    String schedule;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "epochs of linear warm-up before the schedule (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "15", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "he",
            description = {"weight initializer: he, glorot, normal (the tutorial's, biases too), or an initializer",
                    "plugin spec such as lecun_normal or he_uniform(scale=1) (default: ${DEFAULT-VALUE})"})
    String init;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the kernels (default: the cores)")
    Integer threads;

    @Option(names = "--limit", paramLabel = "N", description = "train on the first N training images only")
    Integer limit;

    @Option(names = "--validation-split", paramLabel = "F", defaultValue = "0",
            description = "hold out the last fraction F of the training images for validation after each epoch;"
                    + " 0 for none (default: ${DEFAULT-VALUE})")
    double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "stop after PATIENCE epochs without a better validation loss (training loss without"
                    + " --validation-split) and keep the best epoch's weights")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", defaultValue = "0",
            description = "the least fall of the monitored loss that counts as better, for --early-stopping"
                    + " (default: ${DEFAULT-VALUE})")
    double minDelta;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "write a checkpoint to DIR every --checkpoint-every epochs (the newest 3 are kept)")
    Path checkpoints;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "epochs between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "go on from the newest checkpoint in --checkpoints DIR, if there is"
            + " one; the other options must be those of the run that wrote it")
    boolean resume;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nn-output",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Threads.apply(threads);
        // the options a user mistypes most, named as they were typed, before any data are read
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive finite number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("--validation-split must be in [0, 1), got " + validationSplit);
        }
        if (patience != null && patience < 0) {
            throw new IllegalArgumentException("--early-stopping must not be negative, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("--min-delta must be a finite number, at least 0, got " + minDelta);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointEvery);
        }
        if (resume && checkpoints == null) {
            throw new IllegalArgumentException("--resume needs --checkpoints DIR, the folder to resume from");
        }
        RuleOptimizer rule = optimizer(optimizer, learningRate, momentum);
        NetworkDesign architecture = NetworkDesign.parse(arch, activation, outputActivation, init, batchNorm, dropout);
        Objective objective = Losses.objective(loss, reduction);
        FashionData data = FashionData.load(data(), console);
        Dataset train = limit == null ? data.train() : data.train().slice(0, Math.min(limit, data.train().size()));
        Dataset test = data.test();
        if (architecture.inputWidth() != train.features() || architecture.outputWidth() != data.classNames().size()) {
            throw new IllegalArgumentException("architecture " + architecture.sizesText() + " does not fit the data: "
                    + "the images have " + train.features() + " pixels and there are " + data.classNames().size()
                    + " classes, so it must start with " + train.features() + " and end with "
                    + data.classNames().size());
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
        }
        LearningRateSchedule afterWarmup = schedule(schedule, rule.learningRate(), epochs);
        LearningRateSchedule rates = warmup > 0 ? Schedules.warmup(warmup, afterWarmup) : afterWarmup;
        Sequential network = architecture.build(seed);
        Trainer trainer = new Trainer(network, objective, rule);
        Tensor trainTargets = Losses.targets(loss, train, architecture.outputWidth());
        Dataset trainProbe = train.slice(0, Math.min(10_000, train.size()));
        Tensor probeTargets = Losses.targets(loss, trainProbe, architecture.outputWidth());
        Tensor testTargets = Losses.targets(loss, test, architecture.outputWidth());
        boolean mean = reduction == Reduction.MEAN;

        int held = (int) Math.floor(train.size() * validationSplit);
        console.printf(Locale.ROOT, "training %s on %d images%s (%s loss, %s " + schedule + ", batch %d, %d epochs,"
                        + " seed %d, %d threads)%n", architecture, train.size() - held,
                held > 0 ? " (" + held + " more held out for validation)" : "", loss, rule.rule().spec(), batchSize,
                epochs, seed, Threads.current());
        List<EpochRecord> history = new ArrayList<>();
        boolean terminal = System.console() != null;
        Progress progress = new Progress(console, terminal, epochs);
        Fit fit = Fit.epochs(epochs).batchSize(batchSize).seed(seed).schedule(rates).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double batchLoss) {
                progress.onBatchEnd(epoch, batch, batches, batchLoss);
            }

            @Override
            public void onEpochEnd(EpochResult r) {
                Evaluation tr = Evaluation.of(network, objective, trainProbe.inputs(), probeTargets,
                        trainProbe.labels(), mean);
                Evaluation te = Evaluation.of(network, objective, test.inputs(), testTargets, test.labels(), mean);
                EpochRecord record = new EpochRecord(r.epoch(), tr.loss(), tr.accuracy(), te.loss(), te.accuracy(),
                        r.seconds());
                history.add(record);
                console.printf(Locale.ROOT, "epoch %2d/%d  %6.2fs  train (first 10k) loss %.4f acc %.4f  test loss %.4f acc %.4f%s%n",
                        r.epoch(), epochs, r.seconds(), tr.loss(), tr.accuracy(), te.loss(), te.accuracy(),
                        r.hasValidation() ? String.format(Locale.ROOT, "  validation loss %.4f acc %.4f",
                                r.validationLoss(), r.validationAccuracy()) : "");
            }
        });
        if (validationSplit > 0) {
            fit = fit.validationSplit(validationSplit);
        }
        EarlyStopping stopping = null;
        if (patience != null) {
            stopping = new EarlyStopping(validationSplit > 0 ? "val_loss" : "loss", patience, minDelta, true);
            fit = fit.listener(stopping);
        }
        if (checkpoints != null) {
            fit = fit.checkpoints(checkpoints, checkpointEvery, 3);
            if (resume) {
                Optional<Checkpoint> latest = Checkpoint.latest(checkpoints);
                if (latest.isPresent()) {
                    console.printf(Locale.ROOT, "resuming from %s after epoch %d%n", checkpoints,
                            latest.get().epoch());
                    fit = fit.resume(latest.get());
                } else {
                    console.println("no checkpoint in " + checkpoints + " yet: starting from the beginning");
                }
            }
        }
        List<EpochResult> results = trainer.fit(train.inputs(), trainTargets, fit);
        if (stopping != null && results.size() < epochs) {
            console.printf(Locale.ROOT, "stopped early after epoch %d; kept the weights of epoch %d%n", results.size(),
                    stopping.bestEpoch());
        }

        Evaluation finalTest = Evaluation.of(network, objective, test.inputs(), testTargets, test.labels(), mean);
        ClassificationMetrics metrics = ClassificationMetrics.of(test.labels(), finalTest.predicted(), data.classNames());
        String tables = ReportTables.classificationReport(metrics) + "\n" + ReportTables.confusionMatrix(metrics);
        console.println();
        console.println(tables);

        Files.createDirectories(out);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("dataset", "fashion-mnist");
        metadata.put("classes", String.join("|", data.classNames()));
        metadata.put("arch", architecture.sizesText());
        metadata.put("activation", activation);
        metadata.put("output_activation", outputActivation);
        metadata.put("init", init);
        metadata.put("batch_norm", Boolean.toString(batchNorm));
        metadata.put("dropout", Double.toString(dropout));
        metadata.put("loss", loss);
        metadata.put("reduction", reduction.name());
        metadata.put("optimizer", rule.rule().spec().toString());
        metadata.put("learning_rate", Double.toString(rule.rule().learningRate()));
        if (rule.rule().hyperparameters().containsKey("momentum")) {
            metadata.put("momentum", Double.toString(rule.rule().hyperparameters().get("momentum")));
        }
        metadata.put("schedule", schedule);
        if (warmup > 0) {
            metadata.put("warmup_epochs", Integer.toString(warmup));
        }
        metadata.put("batch_size", Integer.toString(batchSize));
        metadata.put("epochs", Integer.toString(epochs));
        metadata.put("seed", Long.toString(seed));
        metadata.put("epochs_trained", Integer.toString(results.size()));
        if (validationSplit > 0) {
            metadata.put("validation_split", Double.toString(validationSplit));
        }
        metadata.put("train_images", Integer.toString(train.size()));
        metadata.put("test_accuracy", String.format(Locale.ROOT, "%.4f", finalTest.accuracy()));
        Path model = out.resolve("model" + ModelFile.EXTENSION);
        ModelFile.save(network, metadata, model);
        StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : history) {
            csv.append(r.toCsvLine()).append('\n');
        }
        OutputFiles.writeString(out.resolve("history.csv"), csv.toString());
        OutputFiles.writeString(out.resolve("metrics.txt"), tables);
        List<Path> plots = TrainingPlots.writeAll(history, metrics, out);
        console.println("wrote " + model + ", " + out.resolve("history.csv") + ", " + out.resolve("metrics.txt"));
        for (Path p : plots) {
            console.println("wrote " + p);
        }
        double seconds = history.stream().mapToDouble(EpochRecord::seconds).sum();
        console.printf(Locale.ROOT, "RESULT: test accuracy %.4f after %d epochs (%.1f s of training, %.2f s/epoch)%n",
                finalTest.accuracy(), results.size(), seconds, seconds / Math.max(1, history.size()));
        return 0;
    }

    /**
     * The schedule {@code --schedule} asks for, starting from {@code rate}: {@code cosine} (over
     * {@code epochs}, or {@code cosine(epochs=N)} over N, for a run stopped early to be resumed),
     * {@code constant}, {@code step(every=5, gamma=0.5)},
     * {@code exponential(gamma=0.9)}.
     */
    static LearningRateSchedule schedule(String text, double rate, int epochs) {
        PluginSpec spec;
        try {
            spec = PluginSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule: " + e.getMessage(), e);
        }
        Map<String, Double> given = spec.hyperparameters();
        return switch (spec.name()) {
            case "cosine" -> {
                Hyperparameters.requireKnown("cosine", given, java.util.Set.of("epochs"));
                double over = spec.get("epochs", epochs);
                if (over != Math.rint(over) || over < 1) {
                    throw new IllegalArgumentException("cosine: epochs must be a whole number, at least 1, got " + over);
                }
                yield Schedules.cosine(rate, (int) over);
            }
            case "constant" -> {
                Hyperparameters.requireNone("constant", given);
                yield Schedules.constant(rate);
            }
            case "step" -> {
                Hyperparameters.requireKnown("step", given, java.util.Set.of("every", "gamma"));
                double every = spec.get("every", 5);
                if (every != Math.rint(every) || every < 1) {
                    throw new IllegalArgumentException("step: every must be a whole number of epochs, at least 1, got "
                            + every);
                }
                yield Schedules.step(rate, (int) every, spec.get("gamma", 0.5));
            }
            case "exponential" -> {
                Hyperparameters.requireKnown("exponential", given, java.util.Set.of("gamma"));
                yield Schedules.exponential(rate, spec.get("gamma", 0.9));
            }
            default -> throw new IllegalArgumentException("schedule '" + text + "' not found; available: cosine,"
                    + " cosine(epochs=N), constant,"
                    + " step(every=5, gamma=0.5), exponential(gamma=0.9)");
        };
    }

    /**
     * The optimizer {@code --optimizer} asks for, its learning rate {@code --lr} and, for sgd, its
     * momentum {@code --momentum}, unless the spec gives them.
     */
    static RuleOptimizer optimizer(String spec, double learningRate, double momentum) {
        PluginSpec given = PluginSpec.parse(spec);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("lr", learningRate);
        if (given.name().equals("sgd")) {
            values.put("momentum", momentum);
        }
        values.putAll(given.hyperparameters());
        try {
            return RuleOptimizer.of(Plugins.updateRules().get(new PluginSpec(given.name(), values)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--optimizer '" + spec + "' (with --lr " + learningRate
                    + (given.name().equals("sgd") ? " and --momentum " + momentum : "") + "): " + e.getMessage(), e);
        }
    }

    private Path data() {
        return data;
    }
}
