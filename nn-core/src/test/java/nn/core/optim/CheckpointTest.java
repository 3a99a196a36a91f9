package nn.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nn.api.Reduction;
import nn.core.io.ModelFile;
import nn.core.io.SavedModel;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkpoint in a model file (weights, and the optimizer's state as metadata and extra tensors)
 * resumes training with the same bits as never stopping.
 */
class CheckpointTest {

    @TempDir
    Path dir;

    private static Sequential network() {
        return new Sequential(3, List.of(new Dense(3, 5), new ActivationLayer(Plugins.activation("tanh")),
                new Dense(5, 2)), 17);
    }

    private static Objective objective() {
        return Objective.of(Plugins.loss("mse"), Reduction.MEAN);
    }

    private static Tensor[] batch(int step) {
        Random random = new Random(100 + step);
        float[] x = new float[8 * 3];
        float[] y = new float[8 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int r = 0; r < 8; r++) {
            y[2 * r] = x[3 * r] - x[3 * r + 1];
            y[2 * r + 1] = x[3 * r + 2] * 0.5f;
        }
        return new Tensor[] {Tensor.of(x, 8, 3), Tensor.of(y, 8, 2)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr=0.01)", "sgd(lr=0.05, momentum=0.9, nesterov=1)", "rmsprop(lr=0.01, centered=1)"})
    void resumingFromAModelFileGivesTheSameBitsAsNeverStopping(String spec) throws IOException {
        Sequential straight = network();
        RuleOptimizer straightOptimizer = RuleOptimizer.of(spec);
        Trainer straightTrainer = new Trainer(straight, objective(), straightOptimizer);
        for (int t = 0; t < 10; t++) {
            Tensor[] b = batch(t);
            straightTrainer.step(b[0], b[1]);
        }

        Sequential first = network();
        RuleOptimizer firstOptimizer = RuleOptimizer.of(spec);
        Trainer firstTrainer = new Trainer(first, objective(), firstOptimizer);
        for (int t = 0; t < 4; t++) {
            Tensor[] b = batch(t);
            firstTrainer.step(b[0], b[1]);
        }
        OptimizerState state = firstOptimizer.snapshot();
        Map<String, String> metadata = new LinkedHashMap<>(state.metadata("optimizer."));
        metadata.put("note", "a checkpoint");
        Path file = dir.resolve("checkpoint" + ModelFile.EXTENSION);
        ModelFile.save(new SavedModel(first, metadata, state.tensors("optimizer.")), file);

        SavedModel loaded = ModelFile.read(file);
        OptimizerState read = OptimizerState.read("optimizer.", loaded.metadata(), loaded.extras());
        assertEquals(state, read);
        RuleOptimizer resumedOptimizer = RuleOptimizer.restored(read);
        Trainer resumedTrainer = new Trainer(loaded.network(), objective(), resumedOptimizer);
        for (int t = 4; t < 10; t++) {
            Tensor[] b = batch(t);
            resumedTrainer.step(b[0], b[1]);
        }
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(straight.parameters().get(i).value().data(),
                    loaded.network().parameters().get(i).value().data(), 0f,
                    spec + ": " + straight.parameters().get(i).name());
        }
    }

    @Test
    void aMissingEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerState.read("optimizer.", Map.of("optimizer.rule", "adam"), Map.of()));
        assertTrue(e.getMessage().contains("the metadata lacks optimizer.learning_rate"), e.getMessage());
    }
}
