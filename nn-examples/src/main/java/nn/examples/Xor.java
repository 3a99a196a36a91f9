package nn.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import nn.api.Reduction;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.EpochResult;
import nn.core.train.Objective;
import nn.core.train.Trainer;

/** Learns XOR, which no single layer can: 2 inputs, 8 tanh units, 1 sigmoid output, binary cross-entropy. */
public final class Xor {

    private Xor() {
    }

    public static void main(String[] args) {
        double accuracy = run(System.out, 1000, 42);
        if (accuracy < 1.0) {
            System.exit(1);
        }
    }

    /** Trains for {@code epochs} and returns the accuracy on the four cases. */
    public static double run(PrintStream out, int epochs, long seed) {
        Tensor x = Tensor.matrix(new float[] {0, 0}, new float[] {0, 1}, new float[] {1, 0}, new float[] {1, 1});
        Tensor y = Tensor.matrix(new float[] {0}, new float[] {1}, new float[] {1}, new float[] {0});
        Sequential net = new Sequential(2, List.of(
                new Dense(2, 8), new ActivationLayer(Plugins.activation("tanh")),
                new Dense(8, 1), new ActivationLayer(Plugins.activation("sigmoid"))), seed);
        Trainer trainer = new Trainer(net,
                Objective.of(Plugins.loss("binary_cross_entropy"), Reduction.MEAN), new Sgd(0.5, 0.9));
        int every = Math.max(1, epochs / 10);
        trainer.fit(x, y, epochs, 4, seed, (EpochResult r) -> {
            if (r.epoch() % every == 0) {
                out.printf(Locale.ROOT, "epoch %4d  loss %.5f%n", r.epoch(), r.loss());
            }
        });
        Tensor p = net.predict(x);
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            int predicted = p.data()[i] >= 0.5f ? 1 : 0;
            correct += predicted == (int) y.data()[i] ? 1 : 0;
            out.printf(Locale.ROOT, "  %d xor %d -> %.3f (%d)%n", (int) x.get(i, 0), (int) x.get(i, 1),
                    p.data()[i], predicted);
        }
        double accuracy = correct / 4.0;
        out.printf(Locale.ROOT, "RESULT: XOR accuracy %.0f%% (%d of 4)%n", accuracy * 100, correct);
        return accuracy;
    }
}
