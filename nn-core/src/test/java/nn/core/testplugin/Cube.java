package nn.core.testplugin;

import nn.api.Activation;

/** A third party's activation: cube(x) = x^3, cube'(x) = 3 x^2. Known to nn-core only through ServiceLoader. */
public final class Cube implements Activation {

    @Override
    public String name() {
        return "cube";
    }

    @Override
    public double apply(double x) {
        return x * x * x;
    }

    @Override
    public double derivative(double x) {
        return 3 * x * x;
    }
}
