package nn.core.layers;

import java.util.Objects;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Value;

/**
 * An {@link Activation} as a layer of its own, with no parameters: {@code y = a(x)}.
 *
 * <p>Immutable and thread-safe, as its activation must be.
 */
public final class ActivationLayer implements Layer {

    private final Activation activation;

    /** A layer applying {@code activation}. */
    public ActivationLayer(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** The activation applied. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        return input.apply(activation);
    }

    @Override
    public String toString() {
        return "Activation(" + activation.name() + ")";
    }
}
