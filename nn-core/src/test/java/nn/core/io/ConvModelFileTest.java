package nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.TestData;
import nn.core.graph.Parameter;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.AvgPool2D;
import nn.core.layers.Conv2D;
import nn.core.layers.Dense;
import nn.core.layers.Flatten;
import nn.core.layers.MaxPool2D;
import nn.core.layers.Padding;
import nn.core.layers.Reshape;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files of convolutional networks: the image layers' records, a round trip, and bad records. */
class ConvModelFileTest {

    @TempDir
    Path dir;

    private static Sequential cnn(long seed) {
        return new Sequential(2 * 9 * 8, List.of(
                new Reshape(2, 9, 8),
                new Conv2D(2, 4, 3, 2, Padding.SAME), new ActivationLayer(Plugins.activation("relu")),
                new MaxPool2D(2, 1, 1),
                new Conv2D(4, 3, 2, 1, 1),
                new AvgPool2D(3, 2, Padding.VALID),
                new Flatten(),
                new Dense(3 * 3 * 2, 5)), seed);
    }

    @Test
    void aCnnSavesAndLoadsWithIdenticalPredictions() throws IOException {
        Sequential net = cnn(42);
        Path file = dir.resolve("cnn" + ModelFile.EXTENSION);
        ModelFile.save(net, Map.of("arch", "test cnn"), file);
        Sequential loaded = ModelFile.load(file);
        assertEquals(net.toString(), loaded.toString());
        assertEquals(net.parameters().size(), loaded.parameters().size());
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter a = net.parameters().get(i);
            Parameter b = loaded.parameters().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.value(), b.value(), a.name());
        }
        assertInstanceOf(Conv2D.class, loaded.layers().get(1));
        Conv2D conv = (Conv2D) loaded.layers().get(1);
        assertEquals(List.of(2, 4, 3, 2, Padding.SAME), List.of(conv.inChannels(), conv.outChannels(), conv.kernel(),
                conv.stride(), conv.padding()));
        MaxPool2D max = (MaxPool2D) loaded.layers().get(3);
        assertEquals(List.of(2, 1, Padding.of(1)), List.of(max.kernel(), max.stride(), max.padding()));
        assertArrayEquals(new int[] {2, 9, 8}, ((Reshape) loaded.layers().get(0)).shape());

        Tensor x = TestData.normal(3, 6, 144);
        float[] expected = net.predict(x).data();
        float[] actual = loaded.predict(x).data();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "output " + i);
        }
        // and the same bytes when saved again
        Path again = dir.resolve("again" + ModelFile.EXTENSION);
        ModelFile.save(loaded, Map.of("arch", "test cnn"), again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void theImageLayersAreRecordedByTheirAttributes() {
        Sequential net = cnn(1);
        assertEquals(new LayerRecord("reshape", Map.of("shape", "2,9,8")), LayerCodec.encode(0, net.layers().get(0)));
        Map<String, String> conv = new LinkedHashMap<>();
        conv.put("in_channels", "2");
        conv.put("out_channels", "4");
        conv.put("kernel", "3");
        conv.put("stride", "2");
        conv.put("padding", "same");
        assertEquals(new LayerRecord("conv2d", conv), LayerCodec.encode(1, net.layers().get(1)));
        assertEquals("max_pool2d", LayerCodec.encode(3, net.layers().get(3)).type());
        assertEquals("1", LayerCodec.encode(3, net.layers().get(3)).attributes().get("padding"));
        assertEquals("avg_pool2d", LayerCodec.encode(5, net.layers().get(5)).type());
        assertEquals(new LayerRecord("flatten", Map.of()), LayerCodec.encode(6, net.layers().get(6)));
        List<TensorRecord> params = LayerCodec.parameters(1, net.layers().get(1));
        assertEquals("1.weights", params.get(0).name());
        assertArrayEquals(new int[] {18, 4}, params.get(0).shape());
        assertArrayEquals(new int[] {1, 4}, params.get(1).shape());
        assertEquals(List.of(), LayerCodec.parameters(3, net.layers().get(3)));
    }

    @Test
    void badImageLayerRecordsAreNamed() {
        assertEquals("layer 2 (conv2d) has no attribute 'padding'", problem(2, new LayerRecord("conv2d",
                attributes("in_channels", "1", "out_channels", "2", "kernel", "3", "stride", "1"))));
        assertEquals("layer 2 (conv2d): the attribute 'kernel' is '0', not a positive whole number up to 2147483647",
                problem(2, new LayerRecord("conv2d", attributes("in_channels", "1", "out_channels", "2", "kernel", "0",
                        "stride", "1", "padding", "valid"))));
        assertEquals("layer 0 (max_pool2d): the attribute 'padding' is 'full', not valid, same or a whole number >= 0",
                problem(0, new LayerRecord("max_pool2d", attributes("kernel", "2", "stride", "2", "padding", "full"))));
        assertEquals("layer 1 (flatten) has the attribute 'axis', which this version of nn does not know (it knows [])",
                problem(1, new LayerRecord("flatten", attributes("axis", "1"))));
        assertEquals("layer 0 (reshape): the attribute 'shape' is '1,,28', not positive whole numbers joined by ','",
                problem(0, new LayerRecord("reshape", attributes("shape", "1,,28"))));
    }

    @Test
    void aCnnWhoseLayersDoNotFitIsRefusedOnLoadWithTheLayerNamed() throws IOException {
        // a file whose reshape gives 3 channels to a convolution of 2: written by hand, since save checks
        Header h = new Header(18, List.of(new LayerRecord("reshape", attributes("shape", "2,3,3")),
                new LayerRecord("conv2d", attributes("in_channels", "3", "out_channels", "1", "kernel", "1",
                        "stride", "1", "padding", "valid")), new LayerRecord("flatten", Map.of())),
                List.of(new TensorRecord("1.weights", new int[] {3, 1}), new TensorRecord("1.bias", new int[] {1, 1})),
                Map.of());
        Path file = dir.resolve("bad.nnm");
        Files.write(file, ModelFile.assemble(h, List.of(new float[3], new float[1])));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("Conv2D(3 -> 1") && e.getMessage().contains("[2, 3, 3]"), e.getMessage());
    }

    private static String problem(int index, LayerRecord record) {
        try {
            LayerCodec.decode(index, record);
        } catch (FormatProblem p) {
            return p.getMessage();
        }
        throw new AssertionError("no problem found with " + record);
    }

    private static Map<String, String> attributes(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
