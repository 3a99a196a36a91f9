package nn.core.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import nn.api.Layer;
import nn.api.Value;
import nn.core.graph.Node;
import nn.core.graph.Spatial;
import nn.core.tensor.Shapes;

/**
 * The same numbers of each sample in another shape of the same size, row-major: for example
 * {@code new Reshape(1, 28, 28)} turns rows of 784 pixels into one-channel 28x28 images for a
 * {@link Conv2D} ({@code Sequential} takes rows of {@code inputWidth} numbers). No parameters.
 *
 * <p>Immutable (it has no parameters) and thread-safe.
 */
public final class Reshape implements Layer {

    private final int[] shape;

    /**
     * A layer giving samples the shape {@code shape}.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public Reshape(int... shape) {
        checkArgument(shape.length > 0, "a Reshape layer needs a target shape");
        for (int d : shape) {
            checkArgument(d > 0, "a Reshape layer needs positive dimensions, got %s", Arrays.toString(shape));
        }
        this.shape = shape.clone();
    }

    /** The shape of one output sample, as a copy. */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (Shapes.size(inputShape) != Shapes.size(shape)) {
            throw new IllegalArgumentException(this + " expects samples of " + Shapes.size(shape) + " numbers, got shape "
                    + Arrays.toString(inputShape) + " (" + Shapes.size(inputShape) + " numbers)");
        }
        return shape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        int[] in = input.shape();
        if (in.length < 1 || Shapes.size(Arrays.copyOfRange(in, 1, in.length)) != Shapes.size(shape)) {
            throw new IllegalArgumentException(this + " expects a batch [rows, ...] of " + Shapes.size(shape)
                    + " numbers per row, got " + Arrays.toString(in));
        }
        int[] out = new int[shape.length + 1];
        out[0] = in[0];
        System.arraycopy(shape, 0, out, 1, shape.length);
        return Spatial.view(Node.of(input), out);
    }

    @Override
    public String toString() {
        return "Reshape" + Arrays.toString(shape);
    }
}
