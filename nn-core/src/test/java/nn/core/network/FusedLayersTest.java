package nn.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import nn.api.Layer;
import nn.api.Value;
import nn.core.TestData;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A dense layer followed by an activation layer records as one node
 * ({@link Node#addThenApply}), with the bits of the two layers run one by one.
 */
class FusedLayersTest {

    private final Sequential net = new Sequential(7, List.of(new Dense(7, 9),
            new ActivationLayer(Plugins.activation("relu")), new Dense(9, 6),
            new ActivationLayer(Plugins.activation("sigmoid")), new Dense(6, 4)), 3);

    /** The layers' own forwards, one after another: no fusion. */
    private Node layerByLayer(Tensor x) {
        Value v = Node.constant(x);
        for (Layer layer : net.layers()) {
            v = layer.forward(v, true);
        }
        return Node.of(v);
    }

    private List<float[]> gradients(Node output, Tensor u) {
        net.zeroGrad();
        output.multiply(Node.constant(u)).sum().backward();
        List<float[]> grads = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            grads.add(p.grad().data().clone());
        }
        return grads;
    }

    @Test
    void recordsOneNodePerDenseAndActivationWithTheSameBits() {
        Tensor x = TestData.normal(1, 5, 7);
        Tensor u = TestData.normal(2, 5, 4);
        Node fused = net.forward(Node.constant(x), true);
        Node plain = layerByLayer(x);
        assertArrayEquals(plain.value().data(), fused.value().data());
        List<String> ops = new ArrayList<>();
        for (Node n = fused; !n.inputs().isEmpty(); n = n.inputs().get(0)) {
            ops.add(n.toString());
        }
        assertEquals(List.of("add[5, 4]", "matmul[5, 4]", "add+sigmoid[5, 6]", "matmul[5, 6]", "add+relu[5, 9]",
                "matmul[5, 9]"), ops);
        List<float[]> fusedGrads = gradients(fused, u);
        List<float[]> plainGrads = gradients(plain, u);
        assertEquals(plainGrads.size(), fusedGrads.size());
        for (int i = 0; i < plainGrads.size(); i++) {
            assertArrayEquals(plainGrads.get(i), fusedGrads.get(i), net.parameters().get(i).name());
        }
    }
}
