package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import nn.core.graph.Parameter;
import nn.core.optim.Sgd;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void momentumFollowsPyTorchsRuleByHand() {
        Parameter w = new Parameter("w", Tensor.vector(1f, -2f));
        Sgd sgd = new Sgd(0.1, 0.5);
        float[][] grads = {{1f, 2f}, {0.5f, -1f}};
        // v1 = g1 = [1, 2], w1 = [1 - 0.1, -2 - 0.2] = [0.9, -2.2]
        // v2 = 0.5 v1 + g2 = [1.0, 0.0], w2 = [0.9 - 0.1, -2.2 - 0] = [0.8, -2.2]
        float[][] expected = {{0.9f, -2.2f}, {0.8f, -2.2f}};
        for (int step = 0; step < 2; step++) {
            w.zeroGrad();
            w.backward(Tensor.vector(grads[step])); // seeds w's gradient with g

            sgd.step(List.of(w));
            assertArrayEquals(expected[step], w.value().data(), 1e-6f, "after step " + (step + 1));
        }
    }
}
