package nn.core.testplugin;

import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Value;

/**
 * A third party's layer, written against nn-api alone: {@code y = x * gamma + beta} per feature,
 * with {@code gamma} starting at 1 and {@code beta} at 0. It states no backward pass.
 */
public final class ScaleShift implements Layer {

    private Value gamma;
    private Value beta;

    @Override
    public String name() {
        return "scale_shift";
    }

    @Override
    public void build(int[] inputShape, ParameterFactory parameters) {
        int width = inputShape[0];
        gamma = parameters.create("gamma", new int[] {1, width}, (values, shape, random) -> java.util.Arrays.fill(values, 1f));
        beta = parameters.create("beta", new int[] {1, width}, (values, shape, random) -> java.util.Arrays.fill(values, 0f));
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        return input.multiply(gamma).add(beta);
    }
}
