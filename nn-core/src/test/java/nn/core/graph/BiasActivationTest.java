package nn.core.graph;

import static nn.core.TestData.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import nn.api.Activation;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Node#addThenApply} against the two nodes it stands for, {@code add(b).apply(a)}: the
 * same bits in the output and in every gradient, by the direct path (the product's gradient
 * written in place) and by the others.
 */
class BiasActivationTest {

    /** The output and the gradients of x, W and b after {@code sum(f(x W, b) * u)}, u fixed. */
    private static float[][] run(BiFunction<Node, Node, Node> layer, Tensor x, Tensor w, Tensor b, Tensor u,
                                 boolean xGrad, boolean bGrad, boolean zAgain) {
        Node xs = xGrad ? Node.variable(x.copy()) : Node.constant(x.copy());
        Node ws = Node.variable(w.copy());
        Node bs = bGrad ? Node.variable(b.copy()) : Node.constant(b.copy());
        Node z = xs.matmul(ws);
        Node y = layer.apply(z, bs);
        Node out = y.multiply(Node.constant(u));
        if (zAgain) {
            out = out.add(z.multiply(Node.constant(u))); // z reaches the loss by a second path
        }
        CompiledGraph graph = CompiledGraph.of(out.sum());
        for (int step = 0; step < 2; step++) { // the second step replays over cleared gradients
            xs.zeroGrad();
            ws.zeroGrad();
            bs.zeroGrad();
            graph.forward();
            graph.backward();
        }
        return new float[][] {
            y.value().data().clone(),
            xGrad ? xs.grad().data().clone() : new float[0],
            ws.grad().data().clone(),
            bGrad ? bs.grad().data().clone() : new float[0]};
    }

    @ParameterizedTest(name = "{0} on {1}x{2} -> {3}, x grad {4}, b grad {5}, z used again {6}")
    @CsvSource({
        "relu, 64, 31, 40, false, true, false",
        "relu, 1, 7, 17, true, true, false",
        "sigmoid, 10, 20, 30, true, true, false",
        "sigmoid, 10, 20, 30, true, false, false",
        "tanh, 5, 9, 33, true, true, true",
        "leaky_relu, 13, 4, 16, false, false, true",
        "softmax, 6, 11, 10, true, true, false",
        "softmax, 6, 11, 10, true, true, true",
    })
    void sameBitsAsTheTwoNodes(String name, int rows, int in, int out, boolean xGrad, boolean bGrad,
                               boolean zAgain) {
        Activation a = Plugins.activation(name);
        Tensor x = normal(1, rows, in);
        Tensor w = normal(2, in, out);
        Tensor b = normal(3, 1, out);
        Tensor u = normal(4, rows, out);
        float[][] fused = run((z, bias) -> z.addThenApply(bias, a), x, w, b, u, xGrad, bGrad, zAgain);
        float[][] plain = run((z, bias) -> z.add(bias).apply(a), x, w, b, u, xGrad, bGrad, zAgain);
        // assertArrayEquals on floats compares bits (floatToIntBits)
        assertArrayEquals(plain[0], fused[0], "output");
        assertArrayEquals(plain[1], fused[1], "x gradient");
        assertArrayEquals(plain[2], fused[2], "W gradient");
        assertArrayEquals(plain[3], fused[3], "b gradient");
        boolean anyNonzero = false;
        for (float g : fused[2]) {
            anyNonzero |= g != 0f;
        }
        assertTrue(anyNonzero, "a gradient reached W");
    }

    @Test
    void withoutRecordingGivesTheValueAndNoGraph() {
        Activation relu = Plugins.activation("relu");
        Tensor x = normal(5, 4, 6);
        Tensor b = normal(6, 1, 6);
        Node fused;
        try (NoGrad ignored = NoGrad.enter()) {
            fused = Node.variable(x).addThenApply(Node.variable(b), relu);
        }
        Node plain = Node.constant(x).add(Node.constant(b)).apply(relu);
        assertFalse(fused.requiresGrad());
        assertTrue(fused.inputs().isEmpty());
        assertArrayEquals(plain.value().data(), fused.value().data());
        assertEquals("add+relu", fused.op());
    }

    @Test
    void aBiasOfTheWrongShapeIsNamed() {
        Activation relu = Plugins.activation("relu");
        Node z = Node.constant(Tensor.zeros(3, 4));
        String wide = assertThrows(IllegalArgumentException.class,
                () -> z.addThenApply(Node.constant(Tensor.zeros(1, 5)), relu)).getMessage();
        assertTrue(wide.contains("[3, 4]") && wide.contains("[1, 5]"), wide);
        String full = assertThrows(IllegalArgumentException.class,
                () -> z.addThenApply(Node.constant(Tensor.zeros(3, 4)), relu)).getMessage();
        assertTrue(full.contains("bias [1, cols]") && full.contains("[3, 4]"), full);
        String cube = assertThrows(IllegalArgumentException.class,
                () -> Node.constant(Tensor.zeros(2, 3, 4)).addThenApply(Node.constant(Tensor.zeros(1, 4)), relu))
                .getMessage();
        assertTrue(cube.contains("[2, 3, 4]"), cube);
    }
}
