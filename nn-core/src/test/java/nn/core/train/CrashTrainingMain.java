package nn.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.init.Initializers;
import nn.core.io.ModelFile;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.RuleOptimizer;
import nn.core.optim.Schedules;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;

/**
 * The training run {@link CrashSafetyTest} kills: Adam, a cosine schedule, early stopping and a
 * validation split on a small synthetic problem, a checkpoint after every epoch, resuming from the
 * newest checkpoint in its directory if there is one, and the final weights written to
 * {@code final.nnm}. Usage: {@code CrashTrainingMain DIR EPOCHS}.
 */
public final class CrashTrainingMain {

    private CrashTrainingMain() {
    }

    public static void main(String[] args) throws IOException {
        train(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    /** Trains to {@code epochs}, resuming from {@code dir}'s newest checkpoint; returns the network. */
    static Sequential train(Path dir, int epochs) throws IOException {
        Tensor x = TestData.normal(17, 512, 64);
        Tensor y = Tensor.zeros(512, 1);
        for (int r = 0; r < 512; r++) {
            y.data()[r] = (x.data()[r * 64] > 0 ? 1 : 0) + (x.data()[r * 64 + 1] > 0 ? 2 : 0);
        }
        Sequential net = new Sequential(64, List.of(
                new Dense(64, 256, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(256, 256, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(256, 4, Initializers.heNormal(), Initializers.zeros())), 23);
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN),
                RuleOptimizer.of("adam(lr=0.001)"));
        Fit fit = Fit.epochs(epochs).batchSize(32).seed(29).validationSplit(0.25)
                .schedule(Schedules.cosine(0.001, epochs))
                .listener(new EarlyStopping("val_loss", 1000, 0, true))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult result) {
                        // printed just before the epoch's checkpoint is written
                        System.out.println("epoch " + result.epoch());
                        System.out.flush();
                    }
                })
                .checkpoints(dir, 1, 2);
        Optional<Checkpoint> latest = Checkpoint.latest(dir);
        if (latest.isPresent()) {
            fit = fit.resume(latest.get());
            System.out.println("resuming after epoch " + latest.get().epoch());
        }
        trainer.fit(x, y, fit);
        ModelFile.save(net, dir.resolve("final.nnm"));
        System.out.println("done");
        return net;
    }
}
