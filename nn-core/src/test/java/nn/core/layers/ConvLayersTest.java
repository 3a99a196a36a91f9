package nn.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Reduction;
import nn.api.Value;
import nn.core.check.GradientChecker;
import nn.core.graph.Node;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;

/** The image layers: gradient checks, shapes, messages, and a small CNN that trains. */
class ConvLayersTest {

    /** Layers one after another, as one layer: so the checker, which feeds rows, can reach image layers. */
    private static final class Chain implements Layer {
        private final List<Layer> layers;

        Chain(Layer... layers) {
            this.layers = List.of(layers);
        }

        @Override
        public String name() {
            return "chain";
        }

        @Override
        public void build(int[] inputShape, ParameterFactory parameters) {
            int[] shape = inputShape;
            for (int i = 0; i < layers.size(); i++) {
                String prefix = i + ".";
                layers.get(i).build(shape, (name, s, init) -> parameters.create(prefix + name, s, init));
                shape = layers.get(i).outputShape(shape);
            }
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            int[] shape = inputShape;
            for (Layer l : layers) {
                shape = l.outputShape(shape);
            }
            return shape;
        }

        @Override
        public Value forward(Value input, boolean training) {
            Value x = input;
            for (Layer l : layers) {
                x = l.forward(x, training);
            }
            return x;
        }

        @Override
        public String toString() {
            return layers.toString();
        }
    }

    @Test
    void convolutionLayersPassTheGradientCheck() {
        // odd sizes, several channels, batch 3
        GradientChecker.layer(new Chain(new Reshape(3, 7, 5), new Conv2D(3, 4, 3)), 105, 3, true, 1).assertPassed();
        // stride 2 and padding 1
        GradientChecker.layer(new Chain(new Reshape(2, 7, 6), new Conv2D(2, 3, 3, 2, 1)), 84, 2, true, 2)
                .assertPassed();
        // "same" padding with an even kernel (one more row and column after than before)
        GradientChecker.layer(new Chain(new Reshape(2, 5, 5), new Conv2D(2, 2, 2, 1, Padding.SAME)), 50, 2, true, 3)
                .assertPassed();
    }

    @Test
    void poolingFlattenAndReshapeLayersPassTheGradientCheck() {
        GradientChecker.layer(new Chain(new Reshape(2, 7, 5), new AvgPool2D(3, 2, 1), new Flatten()), 70, 3, true, 4)
                .assertPassed();
        GradientChecker.layer(new Chain(new Reshape(2, 6, 6), new AvgPool2D(2), new Flatten()), 72, 2, true, 5)
                .assertPassed();
        // max pooling on generic random input: points where a step changes the maximum are kinks, skipped
        GradientChecker.layer(new Chain(new Reshape(3, 6, 5), new MaxPool2D(2, 2, Padding.SAME), new Flatten()),
                90, 3, true, 6).assertPassed();
        GradientChecker.layer(new Chain(new Reshape(2, 3, 4), new Flatten(), new Reshape(4, 6), new Flatten()),
                24, 2, true, 7).assertPassed();
    }

    @Test
    void aSmallCnnPassesTheGradientCheckAsAWhole() {
        // average pooling here: a step of 1% in a first-layer weight moves every value after it, and
        // with max pooling some window somewhere changes its maximum within the step (a kink the
        // two-sided differences cannot always tell). Max pooling is checked on its own, on values
        // no step can reorder (SpatialOpTest), and on random inputs above.
        GradientChecker.layer(new Chain(new Reshape(1, 8, 8), new Conv2D(1, 3, 3, 1, Padding.SAME),
                new ActivationLayer(Plugins.activation("tanh")), new AvgPool2D(2), new Conv2D(3, 2, 3),
                new Flatten(), new Dense(8, 3)), 64, 2, true, 8).assertPassed();
    }

    @Test
    void outputShapesFollowTheFormulas() {
        assertArrayEquals(new int[] {32, 26, 26}, new Conv2D(1, 32, 3).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {8, 14, 14}, new Conv2D(1, 8, 3, 2, Padding.SAME).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {8, 4, 3}, new Conv2D(2, 8, 3, 2, 1).outputShape(new int[] {2, 7, 6}));
        assertArrayEquals(new int[] {32, 13, 13}, new MaxPool2D(2).outputShape(new int[] {32, 26, 26}));
        assertArrayEquals(new int[] {64, 5, 5}, new AvgPool2D(2).outputShape(new int[] {64, 11, 11}));
        assertArrayEquals(new int[] {64, 6, 6}, new MaxPool2D(2, 2, Padding.SAME).outputShape(new int[] {64, 11, 11}));
        assertArrayEquals(new int[] {1600}, new Flatten().outputShape(new int[] {64, 5, 5}));
        assertArrayEquals(new int[] {1, 28, 28}, new Reshape(1, 28, 28).outputShape(new int[] {784}));
    }

    @Test
    void shapesThatDoNotFitGiveMessagesNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(1, 32, 3).outputShape(new int[] {784}));
        assertTrue(e.getMessage().contains("Conv2D(1 -> 32, kernel 3, stride 1, padding valid)")
                && e.getMessage().contains("[1, height, width]") && e.getMessage().contains("[784]")
                && e.getMessage().contains("Reshape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 8, 3).outputShape(new int[] {1, 28, 28}));
        assertTrue(e.getMessage().contains("[3, height, width]") && e.getMessage().contains("[1, 28, 28]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 8, 5).outputShape(new int[] {1, 3, 9}));
        assertTrue(e.getMessage().contains("kernel 5x5 is larger than the padded input 3x9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(4).outputShape(new int[] {2, 3, 3}));
        assertTrue(e.getMessage().contains("MaxPool2D(4, stride 4, padding valid)")
                && e.getMessage().contains("window 4x4 is larger than the padded input 3x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AvgPool2D(2, 1, 2).outputShape(new int[] {2, 5, 5}));
        assertTrue(e.getMessage().contains("AvgPool2D") && e.getMessage().contains("smaller than the window"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Reshape(1, 28, 28).outputShape(new int[] {780}));
        assertTrue(e.getMessage().contains("Reshape[1, 28, 28] expects samples of 784 numbers")
                && e.getMessage().contains("[780]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3, 3));
        assertTrue(e.getMessage().contains("positive channel counts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.parse("full"));
        assertTrue(e.getMessage().contains("'full'"), e.getMessage());
        // in a network: the layer, its index and the shape before it
        e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(784, List.of(new Conv2D(1, 8, 3), new Flatten(), new Dense(10, 2)), 1));
        assertTrue(e.getMessage().contains("layer 0 (Conv2D(1 -> 8") && e.getMessage().contains("[784]"),
                e.getMessage());
        // a batch of the wrong shape given to a built layer
        Conv2D conv = new Conv2D(2, 3, 3);
        new Sequential(50, List.of(new Reshape(2, 5, 5), conv, new Flatten()), 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Node.constant(Tensor.zeros(4, 50)), false));
        assertTrue(e.getMessage().contains("[rows, 2, height, width]") && e.getMessage().contains("[4, 50]"),
                e.getMessage());
    }

    @Test
    void paddingReadsWhatItWrites() {
        for (Padding p : List.of(Padding.VALID, Padding.SAME, Padding.of(3))) {
            assertEquals(p, Padding.parse(p.toString()));
        }
        assertEquals(Padding.VALID, Padding.of(0));
        // TensorFlow's "same": total padding (out - 1) * stride + kernel - size, the smaller half before
        assertArrayEquals(new int[] {0, 0}, Padding.SAME.resolve(28, 2, 2));
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.resolve(27, 2, 2));
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.resolve(5, 2, 1));
        assertArrayEquals(new int[] {1, 1}, Padding.SAME.resolve(7, 3, 1));
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.resolve(6, 3, 2));
    }

    @Test
    void theConvolutionWeightsAreHeNormalOverTheFanIn() {
        Sequential net = new Sequential(784, List.of(new Reshape(1, 28, 28), new Conv2D(1, 64, 5), new Flatten()), 3);
        Tensor w = net.parameters().get(0).value();
        assertArrayEquals(new int[] {25, 64}, w.shape());
        double sq = 0;
        for (float v : w.data()) {
            sq += v * v;
        }
        double std = Math.sqrt(sq / w.size());
        assertEquals(Math.sqrt(2.0 / 25), std, 0.1 * Math.sqrt(2.0 / 25));
        assertTrue(Arrays.equals(new float[64], net.parameters().get(1).value().data()), "zero bias");
    }

    @Test
    void aSmallCnnLearnsToTellHorizontalFromVerticalBars() {
        // 8x8 images with one bright bar, horizontal (class 0) or vertical (class 1), plus noise
        int n = 128;
        java.util.Random r = new java.util.Random(9);
        Tensor x = Tensor.zeros(n, 64);
        Tensor y = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            int at = r.nextInt(8);
            for (int k = 0; k < 8; k++) {
                int row = cls == 0 ? at : k;
                int col = cls == 0 ? k : at;
                x.data()[i * 64 + row * 8 + col] = 1f;
            }
            for (int p = 0; p < 64; p++) {
                x.data()[i * 64 + p] += (float) (0.1 * r.nextGaussian());
            }
            y.data()[i] = cls;
        }
        List<Layer> layers = new ArrayList<>(List.of(new Reshape(1, 8, 8), new Conv2D(1, 4, 3, 1, Padding.SAME),
                new ActivationLayer(Plugins.activation("relu")), new MaxPool2D(2), new AvgPool2D(2, 2),
                new Flatten(), new Dense(16, 2)));
        Sequential net = new Sequential(64, layers, 10);
        Objective objective = Objective.softmaxCrossEntropy(Reduction.MEAN);
        new Trainer(net, objective, new Sgd(0.1, 0.9)).fit(x, y, 30, 16, 11, ep -> { });
        Tensor out = net.predict(x);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int guess = out.get(i, 1) > out.get(i, 0) ? 1 : 0;
            correct += guess == (int) y.data()[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.95 * n, correct + " of " + n + " right");
    }
}
