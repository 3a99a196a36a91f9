package nn.core.plugins;

import nn.api.Activation;

/** A provider whose constructor throws, as a broken plugin's might. */
public final class ThrowingActivation implements Activation {

    public ThrowingActivation() {
        throw new IllegalStateException("cannot start: missing configuration");
    }

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public double apply(double x) {
        return x;
    }

    @Override
    public double derivative(double x) {
        return 1;
    }
}
