package nn.core.layers;

import java.util.Arrays;
import nn.api.Layer;
import nn.api.Value;
import nn.core.graph.Node;
import nn.core.graph.Spatial;
import nn.core.tensor.Shapes;

/**
 * Samples of any shape, such as {@code [C, H, W]}, as rows of {@code C * H * W} numbers in
 * row-major order (channel, then row, then column), so a {@link Dense} layer can follow. No
 * parameters.
 *
 * <p>Immutable (it has no parameters) and thread-safe.
 */
public final class Flatten implements Layer {

    @Override
    public String name() {
        return "flatten";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException(this + " expects samples of at least one dimension, got []");
        }
        return new int[] {Math.toIntExact(Shapes.size(inputShape))};
    }

    @Override
    public Value forward(Value input, boolean training) {
        int[] shape = input.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(this + " expects a batch [rows, ...], got " + Arrays.toString(shape));
        }
        int rows = shape[0];
        int width = Math.toIntExact(Shapes.size(Arrays.copyOfRange(shape, 1, shape.length)));
        if (shape.length == 2) {
            return input;
        }
        return Spatial.view(Node.of(input), rows, width);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
