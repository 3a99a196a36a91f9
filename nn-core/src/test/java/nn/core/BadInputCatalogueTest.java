package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Reduction;
import nn.core.check.Conformance;
import nn.core.check.ConformanceReport;
import nn.core.data.Dataset;
import nn.core.data.IdxFormatException;
import nn.core.data.IdxReader;
import nn.core.graph.CompiledGraph;
import nn.core.graph.Node;
import nn.core.io.ModelFile;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Conv2D;
import nn.core.layers.Dense;
import nn.core.layers.Flatten;
import nn.core.layers.LayerNorm;
import nn.core.layers.Reshape;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.PluginRegistry;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of bad inputs a user will hit, one test each: every one fails with the documented
 * exception and a message that names the problem (the argument, its value, what was expected),
 * not only its type. {@code docs/RELIABILITY.md} counts them; the command-line cases are in
 * nn-examples' {@code CliBadInputTest}.
 */
class BadInputCatalogueTest {

    @TempDir
    Path dir;

    /** Asserts that {@code call} throws {@code type} with a message containing every fragment; returns the message. */
    private static String fails(Class<? extends Throwable> type, Executable call, String... fragments) {
        String message = assertThrows(type, call).getMessage();
        assertTrue(message != null && !message.isBlank(), "no message");
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "the message does not say '" + f + "':\n" + message);
        }
        return message;
    }

    private static Sequential mlp() {
        return new Sequential(3, List.of(new Dense(3, 4), new ActivationLayer(Plugins.activation("tanh")),
                new Dense(4, 2)), 1);
    }

    private static Trainer trainer(Sequential net) {
        return new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.1));
    }

    private static final TrainingListener QUIET = new TrainingListener() { };

    // ------------------------------------------------------------------------------- tensors

    @Test
    void tensorDataOfTheWrongSize() {
        fails(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3), "shape [2, 3] needs 6 elements, got 5");
    }

    @Test
    void tensorWithANegativeDimension() {
        fails(IllegalArgumentException.class, () -> Tensor.zeros(2, -3), "[2, -3]", "negative dimension");
    }

    @Test
    void tensorTooLargeForAnArray() {
        fails(IllegalArgumentException.class, () -> Tensor.zeros(1 << 16, 1 << 16), "[65536, 65536]", "too large");
    }

    @Test
    void raggedMatrixRows() {
        fails(IllegalArgumentException.class, () -> Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5}),
                "row 1 has 2 columns, but row 0 has 3");
    }

    @Test
    void tensorIndexOutsideItsShape() {
        fails(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).get(0, 3),
                "index (0, 3) is outside a tensor of shape [2, 3]");
        fails(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).set(2, 0, 1f),
                "index (2, 0) is outside a tensor of shape [2, 3]");
        fails(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 2, 3).get(-1, 0),
                "index (-1, 0) is outside a tensor of shape [2, 2, 3], read as 4 rows of 3 columns");
    }

    @Test
    void nullTensorData() {
        fails(NullPointerException.class, () -> Tensor.of(null, 2), "data");
    }

    // -------------------------------------------------------------------------- layers, networks

    @Test
    void denseLayerOfSizeZero() {
        fails(IllegalArgumentException.class, () -> new Dense(0, 5), "a dense layer needs positive sizes, got 0 -> 5");
    }

    @Test
    void denseLayerUsedBeforeItIsBuilt() {
        fails(IllegalStateException.class, () -> new Dense(3, 2).forward(Node.constant(Tensor.zeros(1, 3)), false),
                "Dense(3 -> 2) is not built yet", "add it to a network");
    }

    @Test
    void networkOfInputWidthZero() {
        fails(IllegalArgumentException.class, () -> new Sequential(0, List.of(new Dense(1, 1)), 1),
                "inputWidth (0) must be positive");
    }

    @Test
    void networkWithoutLayers() {
        fails(IllegalArgumentException.class, () -> new Sequential(3, List.of(), 1), "at least one layer");
    }

    @Test
    void networkWithNullLayers() {
        fails(NullPointerException.class, () -> new Sequential(3, null, 1), "layers");
        fails(NullPointerException.class, () -> new Sequential(3, java.util.Arrays.asList(new Dense(3, 2), null), 1),
                "layer 1 is null");
    }

    @Test
    void layersThatDoNotFitEachOther() {
        fails(IllegalArgumentException.class, () -> new Sequential(3, List.of(new Dense(3, 4), new Dense(5, 2)), 1),
                "layer 1 (Dense(5 -> 2)) does not fit", "of shape [4]");
    }

    @Test
    void predictWithTheWrongWidth() {
        fails(IllegalArgumentException.class, () -> mlp().predict(Tensor.zeros(2, 5)),
                "the network expects input of shape [rows, 3]", "got [2, 5]");
    }

    @Test
    void predictWithNull() {
        fails(NullPointerException.class, () -> mlp().predict(null), "input");
    }

    @Test
    void predictorOfZeroRowsAndOfTheWrongShape() {
        fails(IllegalArgumentException.class, () -> mlp().predictor(0), "rows (0) must be positive");
        fails(IllegalArgumentException.class, () -> mlp().predictor(4).predict(Tensor.zeros(3, 3)),
                "this predictor takes input of shape [4, 3], got [3, 3]");
        fails(IllegalArgumentException.class, () -> mlp().predictor(4).predict(Tensor.zeros(2, 2, 3)),
                "this predictor takes input of shape [4, 3], got [2, 2, 3]");
    }

    @Test
    void aLayerBuiltIntoTwoNetworks() {
        for (Layer shared : List.of(new Dense(3, 3), new Conv2D(1, 1, 1), new BatchNorm(), new LayerNorm())) {
            List<Layer> layers = shared instanceof Conv2D
                    ? List.of(new Reshape(1, 3, 1), shared, new Flatten()) : List.of(shared);
            new Sequential(3, layers, 1);
            fails(IllegalStateException.class, () -> new Sequential(3, layers, 2),
                    "layer " + layers.indexOf(shared) + ": " + shared + " is already built into a network;"
                    + " make a new instance for each place it is used");
        }
        Dense twice = new Dense(3, 3);
        fails(IllegalStateException.class, () -> new Sequential(3, List.of(twice, twice), 1),
                "layer 1: Dense(3 -> 3) is already built into a network");
        // a network that does not fit builds none of its layers, which can then go into one that does
        Dense first = new Dense(3, 4);
        fails(IllegalArgumentException.class, () -> new Sequential(3, List.of(first, new Dense(5, 2)), 1),
                "layer 1 (Dense(5 -> 2)) does not fit");
        new Sequential(3, List.of(first, new Dense(4, 2)), 1);
    }

    @Test
    void compilingANonScalar() {
        fails(IllegalStateException.class, () -> CompiledGraph.of(Node.variable(Tensor.zeros(2, 2)).exp()),
                "compile a scalar loss; got shape [2, 2]");
    }

    // ---------------------------------------------------------------------------------- training

    @Test
    void emptyDataSet() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(0, 3), Tensor.zeros(0, 2), 1, 1,
                1, QUIET), "the training data set is empty");
    }

    @Test
    void batchSizeZero() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 3), Tensor.zeros(4, 2), 1, 0,
                1, QUIET), "batch size (0) must be positive");
    }

    @Test
    void batchSizeLargerThanTheData() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 3), Tensor.zeros(4, 2), 1, 64,
                1, QUIET), "batch size (64) is larger than the data set (4 samples); use at most 4");
    }

    @Test
    void negativeEpochs() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 3), Tensor.zeros(4, 2), -1, 2,
                1, QUIET), "epochs (-1) must not be negative");
    }

    @Test
    void inputsAndTargetsOfDifferentLengths() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 3), Tensor.zeros(3, 2), 1, 2,
                1, QUIET), "4 input rows but 3 target rows");
    }

    @Test
    void inputsOfTheWrongWidth() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 7), Tensor.zeros(4, 2), 1, 2,
                1, QUIET), "the network expects training inputs of 3 columns, got [4, 7]");
    }

    @Test
    void targetsOfTheWrongWidth() {
        fails(IllegalArgumentException.class, () -> trainer(mlp()).fit(Tensor.zeros(4, 3), Tensor.zeros(4, 5), 1, 2,
                1, QUIET), "mse", "[2, 2]", "[2, 5]");
    }

    @Test
    void nullData() {
        fails(NullPointerException.class, () -> trainer(mlp()).fit(null, Tensor.zeros(4, 2), 1, 2, 1, QUIET), "x");
        fails(NullPointerException.class, () -> new Trainer(mlp(), null, new Sgd(0.1)), "objective");
    }

    @Test
    void nanInTheInputsIsNamedWithItsSampleAndColumn() {
        Tensor x = TestData.normal(1, 6, 3);
        x.set(4, 2, Float.NaN);
        String m = fails(IllegalStateException.class, () -> trainer(mlp()).fit(x, Tensor.zeros(6, 2), 1, 6, 1, QUIET),
                "the loss became NaN in epoch 1, batch 0", "the inputs hold NaN in column 2 of sample 4");
        assertTrue(m.contains("row ") && m.contains(" of this batch"), m);
    }

    @Test
    void infinityInTheTargetsIsNamedWithItsSampleAndColumn() {
        Tensor y = Tensor.zeros(6, 2);
        y.set(3, 1, Float.POSITIVE_INFINITY);
        fails(IllegalStateException.class, () -> trainer(mlp()).fit(TestData.normal(1, 6, 3), y, 1, 6, 1, QUIET),
                "the loss became", "the targets hold Infinity in column 1 of sample 3");
    }

    /** sqrt: NaN for negative inputs, as an activation outside its domain gives. */
    private static class Sqrt implements Activation {
        @Override
        public String name() {
            return "sqrt";
        }

        @Override
        public double apply(double x) {
            return Math.sqrt(x);
        }

        @Override
        public double derivative(double x) {
            return 0.5 / Math.sqrt(x);
        }
    }

    @Test
    void aNonFiniteLossNamesTheLayerAndOperationWhereItAppeared() {
        Sequential net = new Sequential(3, List.of(new Dense(3, 4), new ActivationLayer(new Sqrt()), new Dense(4, 2)), 1);
        float[] before = net.parameters().get(0).value().data().clone();
        fails(IllegalStateException.class, () -> trainer(net).fit(TestData.normal(2, 8, 3), Tensor.zeros(8, 2), 1, 4, 1,
                QUIET), "the loss became NaN in epoch 1, batch 0", "layer 1 (Activation(sqrt)) made NaN at row ",
                "in its operation sqrt[4, 4], whose inputs were finite (largest magnitude ");
        // training stopped before the update: the weights are those of the last finite loss
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, net.parameters().get(0).value().data());
    }

    @Test
    void aLearningRateThatBlowsUpIsNamedWithTheOperationThatOverflowed() {
        Trainer trainer = new Trainer(mlp(), Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(1e30));
        Tensor y = TestData.normal(3, 8, 2);
        String m = fails(IllegalStateException.class, () -> trainer.fit(TestData.normal(2, 8, 3), y, 5, 4, 1, QUIET),
                "the loss became Infinity in epoch 1, batch 1", "whose inputs were finite (largest magnitude ",
                "lower the learning rate");
        assertTrue(m.contains("in its operation "), m);
    }

    @Test
    void aNonFiniteWeightIsNamedWithItsParameterAndLayer() {
        Sequential net = mlp();
        assertEquals("2.weights", net.parameters().get(2).name()); // [4, 2]
        net.parameters().get(2).value().set(3, 1, Float.NEGATIVE_INFINITY);
        fails(IllegalStateException.class, () -> trainer(net).fit(TestData.normal(2, 8, 3), Tensor.zeros(8, 2), 1, 4,
                1, QUIET), "the parameter '2.weights' of layer 2 (Dense(4 -> 2)) holds -Infinity at row 3, column 1",
                "lower the learning rate");
    }

    @Test
    void aLossOutsideItsDomainNamesTheLossOperation() {
        // the log of a linear output: negative predictions have none
        Sequential net = new Sequential(3, List.of(new Dense(3, 1)), 1);
        Trainer trainer = new Trainer(net, (prediction, target) -> prediction.log().mean(), new Sgd(0.1));
        Tensor x = TestData.normal(2, 8, 3);
        fails(IllegalStateException.class, () -> trainer.fit(x, Tensor.zeros(8, 1), 1, 8, 1, QUIET),
                "the loss became NaN in epoch 1, batch 0: the loss made NaN at row ", "in its operation log[8, 1]",
                "suit the loss");
    }

    @Test
    void classIndexOutOfRangeDuringTraining() {
        Sequential net = mlp();
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.1));
        Tensor labels = Tensor.of(new float[] {0, 1, 2, 1}, 4, 1); // 2 classes: 2 is out of range
        fails(IllegalArgumentException.class, () -> trainer.fit(TestData.normal(1, 4, 3), labels, 1, 4, 1, QUIET),
                "class index 2.0 of row ", "is not an integer in [0, 2)");
    }

    @Test
    void negativeLabelInADataSet() {
        fails(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), new int[] {0, -1, 2}),
                "label 1 is -1: labels are class indices from 0");
    }

    @Test
    void labelOutOfRangeForOneHot() {
        fails(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), new int[] {0, 1, 7}).oneHot(5),
                "label 2 is 7, outside the 5 classes 0 to 4");
    }

    @Test
    void dataSetWithMoreLabelsThanSamples() {
        fails(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), new int[] {0, 1, 1, 0}),
                "3 samples of inputs but 4 labels");
    }

    // -------------------------------------------------------------------------------- optimizers

    @Test
    void learningRateZero() {
        fails(IllegalArgumentException.class, () -> new Sgd(0), "learning rate (0.0) must be positive and finite");
    }

    @Test
    void learningRateNegativeOrNotFinite() {
        fails(IllegalArgumentException.class, () -> new Sgd(-0.1), "learning rate (-0.1) must be positive");
        fails(IllegalArgumentException.class, () -> new Sgd(Double.NaN), "learning rate (NaN) must be positive");
        fails(IllegalArgumentException.class, () -> new Sgd(0.1).setLearningRate(Double.POSITIVE_INFINITY),
                "learning rate (Infinity) must be positive and finite");
    }

    @Test
    void momentumOutOfRange() {
        fails(IllegalArgumentException.class, () -> new Sgd(0.1, 1.0), "momentum (1.0) must be in [0, 1)");
        fails(IllegalArgumentException.class, () -> new Sgd(0.1, -0.5), "momentum (-0.5) must be in [0, 1)");
    }

    // ----------------------------------------------------------------------------------- plugins

    @Test
    void unknownActivationListsTheNamesThatExist() {
        fails(IllegalArgumentException.class, () -> Plugins.activation("rleu"), "activation 'rleu' not found",
                "available: ", "relu");
    }

    @Test
    void unknownLossListsTheNamesThatExist() {
        fails(IllegalArgumentException.class, () -> Plugins.loss("cross_entropy"), "loss 'cross_entropy' not found",
                "available: ", "mse");
    }

    @Test
    void malformedPluginSpec() {
        fails(IllegalArgumentException.class, () -> Plugins.activation("leaky_relu(alpha=)"), "activation: ",
                "leaky_relu(alpha=)");
    }

    @Test
    void hyperparameterAPluginDoesNotHave() {
        fails(IllegalArgumentException.class, () -> Plugins.activation("leaky_relu(beta=0.1)"), "beta");
    }

    @Test
    void nullPluginName() {
        fails(NullPointerException.class, () -> Plugins.activation(null), "activation name");
    }

    @Test
    void aProviderWhoseConstructorThrowsIsNamedWhenItIsAskedFor() {
        Iterator<Activation> providers = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 2;
            }

            @Override
            public Activation next() {
                if (i++ == 0) {
                    throw new ServiceConfigurationError("nn.api.Activation: Provider com.example.Broken could not be"
                            + " instantiated", new IllegalStateException("no licence file"));
                }
                return Plugins.activation("tanh");
            }
        };
        PluginRegistry<Activation> registry = PluginRegistry.of("activation", providers, Activation::name);
        assertEquals("tanh", registry.get("tanh").name());
        fails(IllegalArgumentException.class, () -> registry.get("broken"), "activation 'broken' not found",
                "com.example.Broken", "no licence file");
    }

    @Test
    void twoProvidersWithOneName() {
        Activation tanh = Plugins.activation("tanh");
        Activation impostor = new Activation() {
            @Override
            public String name() {
                return "tanh";
            }

            @Override
            public double apply(double x) {
                return x;
            }

            @Override
            public double derivative(double x) {
                return 1;
            }
        };
        fails(IllegalStateException.class, () -> PluginRegistry.of("activation", List.of(tanh, impostor).iterator(),
                Activation::name), "two activations are named 'tanh'", tanh.getClass().getName());
    }

    @Test
    void aPluginWithAWrongDerivativeIsReportedWithTheInputAndTheError() {
        Activation wrong = new Sqrt() {
            @Override
            public String name() {
                return "wrong_sqrt";
            }

            @Override
            public double derivative(double x) {
                return x > 2 ? Double.NaN : 1.1 * super.derivative(x);
            }
        };
        ConformanceReport report = Conformance.activation(wrong);
        assertFalse(report.passed());
        String all = String.join("\n", report.failures());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("x = ") && f.contains("error")), all);
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("NaN")), all);
    }

    // ---------------------------------------------------------------------------------- files

    @Test
    void idxFileWithTheWrongMagic() throws IOException {
        Path labels = dir.resolve("labels-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
            out.writeInt(0x00000803); // an images file's magic
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
        }
        fails(IdxFormatException.class, () -> IdxReader.readLabels(labels), labels.toString(),
                "expected magic 0x00000801 (labels), found 0x00000803");
    }

    @Test
    void truncatedIdxFile() throws IOException {
        Path labels = dir.resolve("short-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
            out.writeInt(0x00000801);
            out.writeInt(10);
            out.write(new byte[4]);
        }
        fails(IdxFormatException.class, () -> IdxReader.readLabels(labels), labels.toString(), "10",
                "truncated");
    }

    @Test
    void modelFileThatIsNotOne() throws IOException {
        Path file = dir.resolve("model.nnm");
        Files.writeString(file, "PK\u0003\u0004 a zip file");
        fails(nn.core.io.ModelFormatException.class, () -> ModelFile.load(file), file.toString(),
                "not an nn model file: it starts with 50 4B 03 04");
    }

    @Test
    void savingALayerTheFormatDoesNotKnow() {
        Layer custom = new Layer() {
            @Override
            public String name() {
                return "doubling";
            }

            @Override
            public int[] outputShape(int[] inputShape) {
                return inputShape.clone();
            }

            @Override
            public nn.api.Value forward(nn.api.Value input, boolean training) {
                return input.multiply(2);
            }
        };
        Sequential net = new Sequential(2, List.of(custom), 1);
        fails(IllegalArgumentException.class, () -> ModelFile.save(net, Map.of(), dir.resolve("m.nnm")),
                "layer 0", "'doubling'", "cannot be saved");
    }
}
