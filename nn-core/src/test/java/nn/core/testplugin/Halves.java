package nn.core.testplugin;

import java.util.Arrays;
import java.util.Random;
import nn.api.Initializer;

/**
 * {@code test_halves}: every value 0.5. An initializer defined only in the test sources and
 * registered in their {@code META-INF/services/nn.api.Initializer}, as a third party's would be.
 */
public final class Halves implements Initializer {

    @Override
    public String name() {
        return "test_halves";
    }

    @Override
    public void initialize(float[] values, int[] shape, Random random) {
        Arrays.fill(values, 0.5f);
    }
}
