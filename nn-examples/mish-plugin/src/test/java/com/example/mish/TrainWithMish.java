package com.example.mish;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import nn.api.Loss;
import nn.api.Reduction;
import nn.core.io.ModelFile;
import nn.core.io.SavedModel;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.EpochResult;
import nn.core.train.Objective;
import nn.core.train.Trainer;

/**
 * This plugin used as an application uses it: the activation and the loss are asked for
 * <em>by name</em>, {@code "mish"} and {@code "pinball(tau=0.9)"}, through nn-core's registry,
 * which found them with {@link java.util.ServiceLoader}. It fits the 90% quantile of noisy
 * {@code sin(1.5 x)}, saves the model (with the loss's spec in its metadata), loads it back, and
 * checks that the loaded model predicts the same bits and that 90% of the targets lie below it.
 *
 * <p>It lives in the test sources because it needs nn-core, which the plugin itself does not
 * depend on. Run it with {@code mvn -q test-compile exec:java -Dexec.mainClass=com.example.mish.TrainWithMish
 * -Dexec.classpathScope=test}, or let {@code TrainWithMishTest} run it.
 */
public final class TrainWithMish {

    /** The loss, by name with its hyperparameter. */
    public static final String LOSS = "pinball(tau=0.9)";
    /** The activation, by name. */
    public static final String ACTIVATION = "mish";

    private TrainWithMish() {
    }

    /** What a run did. */
    public record Result(double lossBefore, double lossAfter, double coverage, double coverageLoaded,
                         boolean identicalPredictions, String savedLoss, String savedActivation) {
    }

    /** Trains, saves to {@code model.nnm} in the working directory, loads and reports. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "model.nnm");
        Result r = run(System.out, file, 150, 7);
        if (!r.identicalPredictions() || Math.abs(r.coverage() - 0.9) > 0.06) {
            System.exit(1);
        }
    }

    /** Trains for {@code epochs}, saves to {@code file}, loads it back and prints each step. */
    public static Result run(PrintStream out, Path file, int epochs, long seed) throws IOException {
        // noisy samples of sin(1.5 x) over [-2, 2]
        int n = 512;
        Random random = new Random(seed);
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) (-2 + 4 * random.nextDouble());
            ys[i] = (float) (Math.sin(1.5 * xs[i]) + 0.3 * random.nextGaussian());
        }
        Tensor x = Tensor.of(xs, n, 1);
        Tensor y = Tensor.of(ys, n, 1);

        Sequential net = new Sequential(1, List.of(
                new Dense(1, 16), new ActivationLayer(Plugins.activation(ACTIVATION)),
                new Dense(16, 16), new ActivationLayer(Plugins.activation(ACTIVATION)),
                new Dense(16, 1)), seed);
        Loss loss = Plugins.loss(LOSS);
        out.println("activation " + Plugins.activation(ACTIVATION) + " (" + Plugins.activation(ACTIVATION).getClass()
                .getName() + "), loss " + loss.spec() + " (" + loss.getClass().getName() + ")");
        out.println("network " + net);
        Trainer trainer = new Trainer(net, Objective.of(loss, Reduction.MEAN), new Sgd(0.05, 0.9));
        double before = trainer.loss(x, y);
        out.printf(Locale.ROOT, "before training: loss %.5f, %.1f%% of the targets below the prediction%n",
                before, 100 * coverage(net.predict(x), y));
        int every = Math.max(1, epochs / 5);
        trainer.fit(x, y, epochs, 32, seed, (EpochResult r) -> {
            if (r.epoch() % every == 0) {
                out.printf(Locale.ROOT, "epoch %4d  loss %.5f%n", r.epoch(), r.loss());
            }
        });
        double after = trainer.loss(x, y);
        double coverage = coverage(net.predict(x), y);
        out.printf(Locale.ROOT, "after %d epochs: loss %.5f, %.1f%% of the targets below the prediction"
                + " (tau = 0.9)%n", epochs, after, 100 * coverage);

        ModelFile.save(net, Map.of("loss", loss.spec().toString(), "note", "90% quantile of sin(1.5 x) + noise"), file);
        out.println("saved " + file);
        SavedModel saved = ModelFile.read(file);
        Sequential loaded = saved.network();
        String savedActivation = ((ActivationLayer) loaded.layers().get(1)).activation().spec().toString();
        Loss savedLoss = Plugins.loss(saved.metadata().get("loss"));
        boolean identical = java.util.Arrays.equals(net.predict(x).data(), loaded.predict(x).data());
        double coverageLoaded = coverage(loaded.predict(x), y);
        out.println("loaded " + loaded + " with the loss " + savedLoss.spec() + " from its metadata");
        out.printf(Locale.ROOT, "RESULT: %.1f%% of the targets below the loaded model's prediction (tau = 0.9);"
                + " predictions %s%n", 100 * coverageLoaded, identical ? "bit for bit the same" : "DIFFERENT");
        return new Result(before, after, coverage, coverageLoaded, identical, savedLoss.spec().toString(),
                savedActivation);
    }

    /** The fraction of targets at or below the prediction. */
    static double coverage(Tensor prediction, Tensor target) {
        float[] p = prediction.data();
        float[] t = target.data();
        int below = 0;
        for (int i = 0; i < p.length; i++) {
            below += t[i] <= p[i] ? 1 : 0;
        }
        return below / (double) p.length;
    }
}
