package nn.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.api.Reduction;
import nn.core.TestData;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void aNodeUsedTwiceGetsBothContributions() {
        Node x = Node.variable(Tensor.scalar(3f));
        x.multiply(x).add(x).backward(); // d(x^2 + x)/dx = 2x + 1
        assertEquals(7f, x.grad().item());
    }

    @Test
    void leafGradientsAccumulateUntilZeroed() {
        Node x = Node.variable(Tensor.scalar(2f));
        x.multiply(5).backward();
        x.multiply(5).backward();
        assertEquals(10f, x.grad().item());
        x.zeroGrad();
        x.multiply(5).backward();
        assertEquals(5f, x.grad().item());
    }

    @Test
    void backwardTwiceOnOneGraphDoesNotDoubleIntermediateGradients() {
        Node x = Node.variable(Tensor.scalar(2f));
        Node y = x.multiply(x).multiply(3); // 6x
        y.backward();
        y.backward();
        assertEquals(24f, x.grad().item()); // two passes of 12 each
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Node x = Node.variable(Tensor.scalar(1f));
        Node y = x;
        for (int i = 0; i < 200_000; i++) {
            y = y.add(0.0);
        }
        y.backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void noGradRecordsNothing() {
        Node x = Node.variable(Tensor.scalar(2f));
        Node y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = x.multiply(x);
            assertFalse(NoGrad.isRecording());
        }
        assertTrue(NoGrad.isRecording());
        assertFalse(y.requiresGrad());
        assertTrue(y.inputs().isEmpty());
        assertEquals(4f, y.item());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("NoGrad"), e.getMessage());
    }

    @Test
    void constantsGetNoGradient() {
        Node c = Node.constant(Tensor.scalar(2f));
        Node x = Node.variable(Tensor.scalar(3f));
        x.multiply(c).backward();
        assertNull(c.grad());
        assertEquals(2f, x.grad().item());
    }

    @Test
    void fusedSoftmaxCrossEntropyEqualsItsComposedTwin() {
        Tensor logits = TestData.normal(3, 6, 5);
        Tensor labels = Tensor.of(new float[] {0, 4, 2, 2, 1, 3}, 6, 1);
        Tensor oneHot = Tensor.zeros(6, 5);
        for (int r = 0; r < 6; r++) {
            oneHot.set(r, (int) labels.data()[r], 1f);
        }
        for (Reduction reduction : Reduction.values()) {
            Node fused = Node.variable(logits.copy());
            Node composed = Node.variable(logits.copy());
            Node sparse = Node.variable(logits.copy());
            Node a = fused.softmaxCrossEntropy(Node.constant(oneHot), reduction);
            Node b = composed.apply(Plugins.activation("softmax"))
                    .loss(Plugins.loss("categorical_cross_entropy"), Node.constant(oneHot), reduction);
            Node c = sparse.softmaxCrossEntropy(Node.constant(labels), reduction);
            assertEquals(b.item(), a.item(), 1e-5 * Math.abs(b.item()));
            assertEquals(a.item(), c.item(), 1e-6 * Math.abs(a.item()));
            a.backward();
            b.backward();
            c.backward();
            for (int i = 0; i < logits.size(); i++) {
                assertEquals(composed.grad().data()[i], fused.grad().data()[i], 1e-5);
                assertEquals(fused.grad().data()[i], sparse.grad().data()[i], 1e-7);
            }
        }
    }

    @Test
    void zeroGradClearsWithoutAPassAndBackwardStillAddsUntilCleared() {
        Tensor xs = TestData.normal(5, 4, 3);
        Node x = Node.constant(xs);
        Node w = Node.variable(TestData.normal(6, 3, 2));
        Node b = Node.variable(TestData.normal(7, 1, 2));
        Node loss = x.matmul(w).add(b).apply(Plugins.activation("tanh")).sum();
        CompiledGraph graph = CompiledGraph.of(loss);
        graph.backward();
        float[] once = w.grad().data().clone();
        float[] onceBias = b.grad().data().clone();
        graph.forward();
        graph.backward(); // no zeroGrad: gradients add up, as in PyTorch
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], w.grad().data()[i], 1e-6f * Math.abs(once[i]) + 1e-7f);
        }
        w.zeroGrad();
        b.zeroGrad();
        assertArrayEquals(new float[once.length], w.grad().data(), "a cleared gradient reads as zeros");
        w.zeroGrad();
        b.zeroGrad();
        graph.forward();
        graph.backward(); // the weight's product stores its result over the cleared gradient
        assertArrayEquals(once, w.grad().data());
        assertArrayEquals(onceBias, b.grad().data());
    }

    @Test
    void activationsAndTheirGradientsHoldNoFloatsBelow2ToTheMinus100() {
        // sigmoid(-95) is about 5.6e-42, a subnormal float; sigmoid(-60), 8.8e-27, is above
        // 2^-100 (7.9e-31), but its derivative times 1e-5 is not; nor is a softmax probability of
        // exp(-90): each is stored as zero (they would slow later products a hundredfold)
        Node x = Node.variable(Tensor.of(new float[] {-95f, -60f, 0f, 3f}, 1, 4));
        Node s = x.apply(Plugins.activation("sigmoid"));
        s.multiply(1e-5).sum().backward();
        assertEquals(0, Float.floatToRawIntBits(s.value().data()[0]), "sigmoid(-95): " + s.value().data()[0]);
        assertEquals(8.76e-27f, s.value().data()[1], 0.01e-27f);
        assertEquals(0.5f, s.value().data()[2]);
        assertEquals(0, Float.floatToRawIntBits(x.grad().data()[0]), "gradient at -95: " + x.grad().data()[0]);
        assertEquals(0, Float.floatToRawIntBits(x.grad().data()[1]), "gradient at -60: " + x.grad().data()[1]);
        assertEquals(0.25e-5f, x.grad().data()[2], 1e-12f, "the gradient of ordinary values is kept");
        Node z = Node.variable(Tensor.of(new float[] {0f, -90f}, 1, 2));
        z.softmaxCrossEntropy(Node.constant(Tensor.of(new float[] {0f}, 1, 1)), Reduction.SUM).backward();
        assertEquals(0, Float.floatToRawIntBits(z.grad().data()[1]), "exp(-90) as a gradient: " + z.grad().data()[1]);
    }

    @Test
    void fusedSoftmaxCrossEntropyDoesNotOverflow() {
        Node logits = Node.variable(Tensor.matrix(new float[] {1000f, -1000f, 0f}));
        Node loss = logits.softmaxCrossEntropy(Node.constant(Tensor.of(new float[] {1}, 1, 1)), Reduction.SUM);
        assertEquals(2000f, loss.item(), 1e-3);
        loss.backward();
        assertArrayEquals(new float[] {1f, -1f, 0f}, logits.grad().data(), 1e-6f);
    }

    @Test
    void opsComputeTheirValues() {
        Node a = Node.constant(Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}));
        Node b = Node.constant(Tensor.matrix(new float[] {10, 20}));
        assertArrayEquals(new float[] {11, 22, 13, 24}, a.add(b).toArray());
        assertArrayEquals(new float[] {7, 10, 15, 22}, a.matmul(a).toArray());
        assertArrayEquals(new float[] {1, 3, 2, 4}, a.transpose().toArray());
        assertArrayEquals(new float[] {4, 6}, a.sum(0).toArray());
        assertArrayEquals(new float[] {1.5f, 3.5f}, a.mean(1).toArray());
        assertEquals(2.5f, a.mean().item());
        assertArrayEquals(new int[] {1, 4}, a.reshape(1, 4).shape());
    }

    @Test
    void activationsOverLargeTensorsSplitByRowsWithTheBitsOfOneCall() {
        // 300 x 250 = 75,000 elements: above the threshold where the rows are split among threads
        int before = nn.core.kernels.Parallel.threads();
        try {
            for (String name : new String[] {"relu", "sigmoid", "tanh", "softmax"}) {
                nn.api.Activation f = Plugins.activation(name);
                Tensor input = TestData.normal(31, 300, 250);
                Tensor upstream = TestData.normal(32, 300, 250);
                float[] expectedY = new float[input.size()];
                f.forward(input.data(), expectedY, 0, input.size(), 250);
                float[] expectedDx = new float[input.size()];
                f.backward(input.data(), expectedY, upstream.data(), expectedDx, 0, input.size(), 250);
                for (int threads = 1; threads <= 2; threads++) {
                    nn.core.kernels.Parallel.setThreads(threads);
                    Node x = Node.variable(input.copy());
                    Node y = x.apply(f);
                    y.multiply(Node.constant(upstream)).sum().backward();
                    String what = name + " on " + threads + " threads";
                    assertArrayEquals(flushed(expectedY), y.value().data(), what + ": values");
                    assertArrayEquals(flushed(expectedDx), x.grad().data(), what + ": input gradient");
                }
            }
        } finally {
            nn.core.kernels.Parallel.setThreads(before);
        }
    }

    /** The values below 2^-100 set to zero, as the engine stores activations and their gradients. */
    private static float[] flushed(float[] values) {
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) < 0x1p-100f) {
                out[i] *= 0f;
            }
        }
        return out;
    }
}
