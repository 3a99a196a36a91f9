package nn.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nn.core.TestData;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PredictorTest {

    private final Sequential net = new Sequential(6, List.of(new Dense(6, 5),
            new ActivationLayer(Plugins.activation("tanh")), new Dense(5, 3)), 1);

    @Test
    void replayedPredictionsEqualFreshOnesBitForBit() {
        Predictor one = net.predictor(1);
        Predictor four = net.predictor(4);
        for (int i = 0; i < 3; i++) {
            Tensor x = TestData.normal(10 + i, 4, 6);
            assertEquals(net.predict(x), four.predict(x).copy());
            Tensor row = x.sliceRows(2, 3);
            assertEquals(net.predict(row), one.predict(row).copy());
            assertEquals(net.predict(row), one.predict(row.reshape(6)).copy());
        }
    }

    @Test
    void aPredictorSeesNewWeights() {
        Predictor p = net.predictor(2);
        Tensor x = TestData.normal(3, 2, 6);
        Tensor before = p.predict(x).copy();
        net.parameters().get(0).value().data()[0] += 1f;
        Tensor after = p.predict(x).copy();
        assertEquals(net.predict(x), after);
        assertEquals(false, before.equals(after));
    }

    @Test
    void aWrongShapeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.predictor(2).predict(Tensor.zeros(3, 6)));
        assertEquals("this predictor takes input of shape [2, 6], got [3, 6]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predictor(2).predict(Tensor.zeros(12)));
        assertEquals("this predictor takes input of shape [2, 6], got [12]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predictor(2).predict(Tensor.zeros(2, 1, 6)));
        assertEquals("this predictor takes input of shape [2, 6], got [2, 1, 6]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predictor(1).predict(Tensor.zeros(1, 2, 3)));
        assertEquals("this predictor takes input of shape [1, 6] or [6], got [1, 2, 3]", e.getMessage());
    }
}
