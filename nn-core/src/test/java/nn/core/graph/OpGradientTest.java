package nn.core.graph;

import static nn.core.TestData.normal;
import static nn.core.TestData.uniform;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.check.GradientChecker;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op of the engine, and graphs that reuse nodes, against central differences. */
class OpGradientTest {

    static Stream<Arguments> ops() {
        Tensor a = normal(1, 3, 4);
        Tensor b = normal(2, 3, 4);
        Tensor row = normal(3, 1, 4);
        Tensor positive = uniform(4, 0.5, 2, 3, 4);
        Tensor positiveRow = uniform(5, 0.5, 2, 1, 4);
        Tensor w = normal(6, 4, 5);
        return Stream.of(
                op("matmul", v -> v.get(0).matmul(v.get(1)), a, w),
                op("matmul 1x1", v -> v.get(0).matmul(v.get(1)), normal(7, 1, 1), normal(8, 1, 1)),
                op("add", v -> v.get(0).add(v.get(1)), a, b),
                op("add row broadcast", v -> v.get(0).add(v.get(1)), a, row),
                op("subtract", v -> v.get(0).subtract(v.get(1)), a, b),
                op("subtract row broadcast", v -> v.get(0).subtract(v.get(1)), a, row),
                op("multiply", v -> v.get(0).multiply(v.get(1)), a, b),
                op("multiply row broadcast", v -> v.get(0).multiply(v.get(1)), a, row),
                op("divide", v -> v.get(0).divide(v.get(1)), a, positive),
                op("divide row broadcast", v -> v.get(0).divide(v.get(1)), a, positiveRow),
                op("add scalar", v -> v.get(0).add(2.5), a),
                op("multiply scalar", v -> v.get(0).multiply(-1.5), a),
                op("negate", v -> v.get(0).negate(), a),
                op("exp", v -> v.get(0).exp(), a),
                op("log", v -> v.get(0).log(), positive),
                op("sum", v -> v.get(0).sum(), a),
                op("sum axis 0", v -> v.get(0).sum(0), a),
                op("sum axis 1", v -> v.get(0).sum(1), a),
                op("mean", v -> v.get(0).mean(), a),
                op("mean axis 0", v -> v.get(0).mean(0), a),
                op("mean axis 1", v -> v.get(0).mean(1), a),
                op("transpose", v -> v.get(0).transpose(), a),
                op("reshape", v -> v.get(0).reshape(2, 6), a),
                op("activation tanh", v -> v.get(0).apply(Plugins.activation("tanh")), a),
                op("activation softmax", v -> v.get(0).apply(Plugins.activation("softmax")), a),
                op("loss l2", v -> v.get(0).loss(Plugins.loss("l2"), Node.constant(b), Reduction.SUM), a),
                op("loss mse mean", v -> v.get(0).loss(Plugins.loss("mse"), Node.constant(b), Reduction.MEAN), a),
                op("softmax cross-entropy, distributions",
                        v -> v.get(0).softmaxCrossEntropy(Node.constant(TestData.distributions(9, 3, 4)), Reduction.SUM), a),
                op("softmax cross-entropy, class indices",
                        v -> v.get(0).softmaxCrossEntropy(Node.constant(Tensor.of(new float[] {2, 0, 3}, 3, 1)),
                                Reduction.MEAN), a),
                // graphs that reuse a node: each use must contribute
                op("x * x", v -> v.get(0).multiply(v.get(0)), a),
                op("x + x + x", v -> v.get(0).add(v.get(0)).add(v.get(0)), a),
                op("(x W) (x W)^T", v -> {
                    Node h = v.get(0).matmul(v.get(1));
                    return h.matmul(h.transpose());
                }, a, w),
                op("x / (1 + exp(-x)) by hand", v -> v.get(0).divide(v.get(0).negate().exp().add(1)), a),
                op("diamond: tanh(x) * x - sum rows", v -> {
                    Node t = v.get(0).apply(Plugins.activation("tanh"));
                    return t.multiply(v.get(0)).subtract(t.sum(0));
                }, a),
                op("layer by hand: sigmoid(x W + b)",
                        v -> v.get(0).matmul(v.get(1)).add(v.get(2)).apply(Plugins.activation("sigmoid")),
                        a, w, normal(10, 1, 5)),
                op("bias and activation as one node: tanh(x W + b)",
                        v -> v.get(0).matmul(v.get(1)).addThenApply(v.get(2), Plugins.activation("tanh")),
                        a, w, normal(11, 1, 5)),
                op("bias and softmax as one node, its sum used twice", v -> {
                    Node z = v.get(0).matmul(v.get(1));
                    return z.addThenApply(v.get(2), Plugins.activation("softmax")).multiply(z);
                }, a, w, normal(12, 1, 5)));
    }

    private static Arguments op(String name, Function<List<Node>, Node> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientMatchesCentralDifferences(String name, Function<List<Node>, Node> f, Tensor[] inputs) {
        GradientChecker.graph(name, f, inputs).assertPassed();
    }
}
