package nn.examples.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.train.Objective;
import nn.core.optim.Schedules;
import nn.core.train.Fit;
import nn.core.train.Trainer;
import nn.examples.fashion.FashionMnist;
import org.junit.jupiter.api.Test;

/**
 * Trains on the real Fashion-MNIST (CI installs Debian's dataset-fashion-mnist; so must a
 * developer, or set NN_FASHION_MNIST) and asserts a floor on the 10,000 test images.
 */
class FashionMnistTrainingTest {

    @Test
    void threeEpochsOfTheModernNetworkReachAtLeast085() throws IOException {
        FashionMnist found = FashionMnist.find(null);
        Dataset train = found.train();
        Dataset test = found.test();
        Sequential net = new Sequential(784, List.of(
                new Dense(784, 256, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(256, 128, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(128, 10, Initializers.heNormal(), Initializers.zeros())), 42);
        Objective objective = Objective.softmaxCrossEntropy(Reduction.MEAN);
        // cosine annealing, as the main job trains: at a constant rate the last epoch's accuracy
        // swings by a few points (0.82 to 0.85 over seeds), annealed it lands at 0.87 for seeds 42, 1, 2
        new Trainer(net, objective, new Sgd(0.05, 0.9)).fit(train.inputs(), train.labelIndices(),
                Fit.epochs(3).batchSize(64).seed(42).schedule(Schedules.cosine(0.05, 3)));
        double accuracy = Evaluation.of(net, objective, test.inputs(), test.labelIndices(), test.labels()).accuracy();
        assertTrue(accuracy >= 0.85, "test accuracy " + accuracy);
    }
}
