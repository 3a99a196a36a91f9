package nn.examples.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.core.io.ModelFile;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.examples.fashion.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the {@code --arch cnn} network briefly on part of the real Fashion-MNIST (CI installs
 * Debian's dataset-fashion-mnist) and asserts a floor on 2,000 test images; then saves and loads
 * it with identical predictions. About 20 s on two idle cores.
 */
class FashionMnistCnnTrainingTest {

    @TempDir
    Path dir;

    @Test
    void twoEpochsOnFourThousandImagesReachAtLeast072() throws IOException {
        FashionMnist found = FashionMnist.find(null);
        Dataset train = found.train().slice(0, 4000);
        Dataset test = found.test().slice(0, 2000);
        Sequential net = new CnnArchitecture("relu", "none", "he").build(42);
        Objective objective = Objective.softmaxCrossEntropy(Reduction.MEAN);
        new Trainer(net, objective, new Sgd(0.05, 0.9)).fit(train.inputs(), train.labelIndices(), 2, 64, 42, r -> { });
        Evaluation result = Evaluation.of(net, objective, test.inputs(), test.labelIndices(), test.labels());
        assertTrue(result.accuracy() >= 0.72, "test accuracy " + result.accuracy());

        Path file = dir.resolve("cnn.nnm");
        ModelFile.save(net, file);
        Sequential loaded = ModelFile.load(file);
        assertArrayEquals(net.predict(test.inputs().sliceRows(0, 100)).data(),
                loaded.predict(test.inputs().sliceRows(0, 100)).data());
        System.out.println("cnn, 2 epochs on 4000 images: test accuracy " + result.accuracy());
    }
}
