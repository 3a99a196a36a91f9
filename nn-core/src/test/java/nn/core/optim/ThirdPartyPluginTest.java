package nn.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import nn.core.graph.Parameter;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * An update rule and an initializer registered only in the test sources' service files are found
 * by name and work like the built-in ones.
 */
class ThirdPartyPluginTest {

    @Test
    void aThirdPartyUpdateRuleIsFoundAndRunsOnTheEngine() {
        RuleOptimizer optimizer = RuleOptimizer.builder("sign_sgd(lr=0.25)").l2(1).build();
        Parameter p = new Parameter("w", Tensor.vector(1f, -2f, 0f));
        Reference.setGrad(p, new float[] {-3f, 0.5f, 0f});
        optimizer.step(List.of(p));
        // g + l2 w = [-2, -1.5, 0]; w - 0.25 sign(.) = [1.25, -1.75, 0]
        assertArrayEquals(new float[] {1.25f, -1.75f, 0f}, p.value().data());
        assertEquals("sign_sgd(lr=0.25)", optimizer.rule().spec().toString());
        assertEquals(optimizer.snapshot().rule(), RuleOptimizer.restored(optimizer.snapshot()).rule().spec());
    }

    @Test
    void aThirdPartyInitializerIsFound() {
        float[] v = new float[3];
        Plugins.initializer("test_halves").initialize(v, new int[] {3}, new Random(1));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, v);
    }
}
