package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.Parameter;
import nn.core.io.Header.LayerRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Dense;
import nn.core.layers.Dropout;
import nn.core.layers.LayerNorm;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files of networks with dropout, batch norm (and its buffers) and layer norm. */
class NormalizationModelFileTest {

    @TempDir
    Path dir;

    private static Sequential network() {
        return new Sequential(5, List.of(new Dense(5, 8), new BatchNorm(1e-3, 0.2),
                new ActivationLayer(Plugins.activation("relu")), new Dropout(0.25, 77), new LayerNorm(),
                new Dense(8, 3)), 4);
    }

    @Test
    void aTrainedNetworkWithBatchNormSavesAndLoadsWithIdenticalInference() throws Exception {
        Sequential net = network();
        new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.05, 0.9))
                .fit(TestData.normal(1, 64, 5), TestData.normal(2, 64, 3), 3, 16, 3, new TrainingListener() { });
        Parameter runningMean = net.parameters().get(4);
        Parameter runningVar = net.parameters().get(5);
        assertEquals("1.running_mean", runningMean.name());
        assertEquals("1.running_var", runningVar.name());
        assertFalse(java.util.Arrays.equals(new float[8], runningMean.value().data()), "trained running mean");
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
        assertFalse(java.util.Arrays.equals(ones, runningVar.value().data()), "trained running variance");

        Path file = dir.resolve("bn.nnm");
        ModelFile.save(net, file);
        Sequential loaded = ModelFile.load(file);

        assertEquals(net.parameters().size(), loaded.parameters().size());
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter a = net.parameters().get(i);
            Parameter b = loaded.parameters().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.trainable(), b.trainable(), a.name());
            assertArrayEquals(a.value().shape(), b.value().shape(), a.name());
            assertArrayEquals(a.value().data(), b.value().data(), a.name());
        }
        Tensor x = TestData.normal(3, 7, 5);
        assertEquals(net.predict(x), loaded.predict(x));
        assertEquals(net.predictor(7).predict(x).copy(), loaded.predictor(7).predict(x).copy());

        BatchNorm bn = assertInstanceOf(BatchNorm.class, loaded.layers().get(1));
        assertEquals(1e-3, bn.eps());
        assertEquals(0.2, bn.momentum());
        Dropout dropout = assertInstanceOf(Dropout.class, loaded.layers().get(3));
        assertEquals(0.25, dropout.rate());
        assertEquals(77, dropout.seed());
        LayerNorm ln = assertInstanceOf(LayerNorm.class, loaded.layers().get(4));
        assertArrayEquals(new int[] {8}, ln.normalizedShape());
        assertEquals(1e-5, ln.eps());
    }

    @Test
    void theRecordsNameTheirAttributes() {
        Sequential net = network();
        assertEquals(new LayerRecord("batch_norm", Map.of("channels", "8", "eps", "0.001", "momentum", "0.2")),
                LayerCodec.encode(1, net.layers().get(1)));
        assertEquals(new LayerRecord("dropout", Map.of("rate", "0.25", "seed", "77")),
                LayerCodec.encode(3, net.layers().get(3)));
        assertEquals(new LayerRecord("layer_norm", Map.of("shape", "8", "eps", "1.0E-5")),
                LayerCodec.encode(4, net.layers().get(4)));
        assertEquals(List.of("1.gamma", "1.beta", "1.running_mean", "1.running_var"),
                LayerCodec.parameters(1, net.layers().get(1)).stream().map(Header.TensorRecord::name).toList());
        assertEquals(List.of(), LayerCodec.parameters(3, net.layers().get(3)));
    }

    private static String problem(String type, String... keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(keyValues[i], keyValues[i + 1]);
        }
        return assertThrows(FormatProblem.class, () -> LayerCodec.decode(2, new LayerRecord(type, attributes)))
                .getMessage();
    }

    @Test
    void badAttributesAreNamed() {
        assertEquals("layer 2 (dropout): the rate is 1.0, not in [0, 1)", problem("dropout", "rate", "1", "seed", "1"));
        assertEquals("layer 2 (dropout): the attribute 'seed' is 'x', not a whole number",
                problem("dropout", "rate", "0.5", "seed", "x"));
        assertEquals("layer 2 (dropout): the attribute 'rate' is 'NaN', not a finite decimal number",
                problem("dropout", "rate", "NaN", "seed", "1"));
        assertEquals("layer 2 (batch_norm) has no attribute 'momentum'",
                problem("batch_norm", "channels", "4", "eps", "1e-5"));
        assertEquals("layer 2 (batch_norm): eps 0.0 must be positive and momentum 0.1 in [0, 1]",
                problem("batch_norm", "channels", "4", "eps", "0", "momentum", "0.1"));
        assertEquals("layer 2 (layer_norm): the attribute 'shape' is '4,,2', not positive whole numbers joined by ','"
                + " (such as '64' or '8,8')", problem("layer_norm", "shape", "4,,2", "eps", "1e-5"));
        assertEquals("layer 2 (layer_norm) has the attribute 'axis', which this version of nn does not know (it knows"
                + " [shape, eps])", problem("layer_norm", "shape", "4", "eps", "1e-5", "axis", "1"));
    }

    @Test
    void aNetworkStartingWithBatchNormRoundTrips() throws Exception {
        Sequential net = new Sequential(3, List.of(new BatchNorm(), new Dense(3, 2)), 1);
        net.parameters().get(2).value().data()[1] = 0.5f;
        net.parameters().get(3).value().data()[2] = 4f;
        Path file = dir.resolve("first.nnm");
        ModelFile.save(net, file);
        Sequential loaded = ModelFile.load(file);
        assertEquals(6, loaded.parameters().size());
        Tensor x = TestData.normal(5, 2, 3);
        assertEquals(net.predict(x), loaded.predict(x));
    }
}
