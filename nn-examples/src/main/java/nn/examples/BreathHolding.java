package nn.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nn.api.Reduction;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;

/**
 * The tutorial's example data: measurements of divers and how long they hold their breath.
 * The data are generated: age, lung capacity, weekly training hours and resting heart rate give
 * the seconds held through a smooth, non-linear rule plus noise. A {@code [4, 16, 1]} network
 * with tanh learns it; the result line gives the test error in seconds.
 */
public final class BreathHolding {

    private BreathHolding() {
    }

    /** Test loss (mean squared error on standardised seconds) and root-mean-square error in seconds. */
    public record Result(double testMse, double rmseSeconds, double noiseSeconds) {
    }

    private static final double NOISE_SECONDS = 5;

    public static void main(String[] args) {
        run(System.out, 200, 7);
    }

    /** Generates the data, trains for {@code epochs}, and reports the test error. */
    public static Result run(PrintStream out, int epochs, long seed) {
        Random random = new Random(seed);
        int n = 1200;
        int train = 1000;
        float[] features = new float[n * 4];
        float[] seconds = new float[n];
        for (int i = 0; i < n; i++) {
            double age = 18 + 47 * random.nextDouble();
            double lungs = 3 + 4 * random.nextDouble();           // litres
            double training = 10 * random.nextDouble();            // hours a week
            double heartRate = 45 + 40 * random.nextDouble();      // beats a minute
            double held = 30 + 18 * lungs + 25 * Math.sqrt(training) - 0.02 * (age - 35) * (age - 35)
                    - 0.8 * (heartRate - 60) + NOISE_SECONDS * random.nextGaussian();
            features[i * 4] = (float) ((age - 41.5) / 13.6);
            features[i * 4 + 1] = (float) ((lungs - 5) / 1.15);
            features[i * 4 + 2] = (float) ((training - 5) / 2.9);
            features[i * 4 + 3] = (float) ((heartRate - 65) / 11.5);
            seconds[i] = (float) held;
        }
        double mean = 0;
        for (int i = 0; i < train; i++) {
            mean += seconds[i];
        }
        mean /= train;
        double var = 0;
        for (int i = 0; i < train; i++) {
            var += (seconds[i] - mean) * (seconds[i] - mean);
        }
        double std = Math.sqrt(var / train);
        float[] target = new float[n];
        for (int i = 0; i < n; i++) {
            target[i] = (float) ((seconds[i] - mean) / std);
        }
        Tensor all = Tensor.of(features, n, 4);
        Tensor allY = Tensor.of(target, n, 1);
        Tensor xTrain = all.sliceRows(0, train);
        Tensor yTrain = allY.sliceRows(0, train);
        Tensor xTest = all.sliceRows(train, n);
        Tensor yTest = allY.sliceRows(train, n);
        out.printf(Locale.ROOT, "divers: %d to train, %d to test; seconds held: mean %.1f, std %.1f%n",
                train, n - train, mean, std);

        Sequential net = new Sequential(4, List.of(
                new Dense(4, 16), new ActivationLayer(Plugins.activation("tanh")), new Dense(16, 1)), seed);
        Trainer trainer = new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.02, 0.9));
        int every = Math.max(1, epochs / 10);
        trainer.fit(xTrain, yTrain, epochs, 32, seed, r -> {
            if (r.epoch() % every == 0) {
                out.printf(Locale.ROOT, "epoch %4d  train loss %.5f  test loss %.5f%n", r.epoch(), r.loss(),
                        trainer.loss(xTest, yTest));
            }
        });
        double testMse = trainer.loss(xTest, yTest);
        double rmse = Math.sqrt(testMse) * std;
        out.printf(Locale.ROOT, "RESULT: test MSE %.4f (standardised); error %.2f s RMS against %.1f s of noise%n",
                testMse, rmse, NOISE_SECONDS);
        return new Result(testMse, rmse, NOISE_SECONDS);
    }
}
