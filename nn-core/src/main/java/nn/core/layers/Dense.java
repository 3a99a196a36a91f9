package nn.core.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import java.util.Objects;
import nn.api.Activation;
import nn.api.Initializer;
import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Value;
import nn.core.graph.Node;
import nn.core.init.Initializers;

/**
 * A fully connected layer, {@code y = x . W + b}, with weights {@code W [in, out]} and bias
 * {@code b [1, out]} added to every row: the tutorial's {@code np.dot(input, w) + b}.
 * By default {@code W} is Glorot-uniform and {@code b} zero, as in Keras.
 *
 * <p>Not thread-safe while it is built; once built, {@link #forward} only reads its fields, so a
 * built network may predict from several threads at once.
 */
public final class Dense implements Layer {

    private final int in;
    private final int out;
    private final Initializer weightInit;
    private final Initializer biasInit;
    private Value weights;
    private Value bias;

    /** A layer from {@code in} to {@code out} units with the default initializers. */
    public Dense(int in, int out) {
        this(in, out, Initializers.glorotUniform(), Initializers.zeros());
    }

    /** A layer from {@code in} to {@code out} units with the given initializers. */
    public Dense(int in, int out, Initializer weightInit, Initializer biasInit) {
        checkArgument(in > 0 && out > 0, "a dense layer needs positive sizes, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
        this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
        this.biasInit = Objects.requireNonNull(biasInit, "biasInit");
    }

    @Override
    public String name() {
        return "dense";
    }

    /** Input width. */
    public int in() {
        return in;
    }

    /** Output width. */
    public int out() {
        return out;
    }

    @Override
    public void build(int[] inputShape, ParameterFactory parameters) {
        checkState(weights == null, "%s is already built into a network;"
                + " make a new instance for each place it is used", this);
        outputShape(inputShape);
        weights = parameters.create("weights", new int[] {in, out}, weightInit);
        bias = parameters.create("bias", new int[] {1, out}, biasInit);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        checkArgument(inputShape.length == 1 && inputShape[0] == in,
                "%s expects samples of shape [%s], got %s", this, in, Arrays.toString(inputShape));
        return new int[] {out};
    }

    @Override
    public Value forward(Value input, boolean training) {
        checkInput(input);
        return input.matmul(weights).add(bias);
    }

    /**
     * This layer and then {@code activation}, as {@link nn.core.graph.Node#addThenApply}: the
     * values and gradients of {@code activation} applied to {@link #forward}'s output, in fewer
     * passes over memory. {@link nn.core.network.Sequential} records a dense layer followed by an
     * activation layer so.
     */
    public Node forward(Value input, Activation activation, boolean training) {
        checkInput(input);
        return Node.of(input.matmul(weights)).addThenApply(bias, activation);
    }

    private void checkInput(Value input) {
        if (weights == null) {
            throw new IllegalStateException(this + " is not built yet: add it to a network, which builds it");
        }
        int[] shape = input.shape();
        if (shape.length != 2 || shape[1] != in) {
            throw new IllegalArgumentException(this + " expects input with " + in + " columns, got "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
