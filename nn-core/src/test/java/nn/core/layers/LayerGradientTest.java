package nn.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.check.GradientChecker;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.testplugin.ScaleShift;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** Layers against central differences: the built-in ones, and a third party's written against nn-api alone. */
class LayerGradientTest {

    @Test
    void denseAndActivationLayersPassTheGradientCheck() {
        GradientChecker.layer(new Dense(5, 4), 5, 3, true, 1).assertPassed();
        GradientChecker.layer(new ActivationLayer(Plugins.activation("softplus")), 5, 3, true, 2).assertPassed();
    }

    @Test
    void aThirdPartyLayerGetsItsGradientsFromTheEngine() {
        GradientChecker.layer(new ScaleShift(), 6, 4, true, 3).assertPassed();
    }

    @Test
    void aThirdPartyLayerTrainsInsideANetwork() {
        // y = 3x - 1 per feature: one ScaleShift layer learns gamma = 3, beta = -1
        Tensor x = TestData.normal(4, 64, 2);
        Tensor y = Tensor.zeros(64, 2);
        for (int i = 0; i < x.size(); i++) {
            y.data()[i] = 3 * x.data()[i] - 1;
        }
        Sequential net = new Sequential(2, List.of(new ScaleShift()), 5);
        new Trainer(net, Objective.of(Plugins.loss("mse"), Reduction.MEAN), new Sgd(0.1))
                .fit(x, y, 200, 16, 6, new TrainingListener() { });
        assertEquals("0.gamma", net.parameters().get(0).name());
        for (int j = 0; j < 2; j++) {
            assertEquals(3f, net.parameters().get(0).value().data()[j], 1e-3f);
            assertEquals(-1f, net.parameters().get(1).value().data()[j], 1e-3f);
        }
        assertTrue(net.toString().contains("ScaleShift"));
    }
}
