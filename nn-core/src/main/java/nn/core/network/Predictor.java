package nn.core.network;

import java.util.Arrays;
import nn.core.graph.CompiledGraph;
import nn.core.graph.Node;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Fast repeated inference for batches of one size: the forward graph of a {@link Sequential} is
 * recorded once over an input buffer and replayed for each call, so a prediction makes no nodes
 * and no tensors.
 *
 * <p>Not thread-safe: give each serving thread its own predictor (they share the network's
 * weights, which must not change while predicting).
 */
public final class Predictor {

    private final Tensor input;
    private final CompiledGraph graph;
    private final int rows;
    private final int width;

    Predictor(Sequential network, int rows) {
        this.rows = rows;
        this.width = network.inputWidth();
        this.input = Tensor.zeros(rows, width);
        this.graph = CompiledGraph.forwardOnly(network.forward(Node.constant(input), false));
    }

    /** The batch size this predictor takes. */
    public int rows() {
        return rows;
    }

    /**
     * The network's output for {@code x} ({@code [rows, inputWidth]}, or {@code [inputWidth]}
     * when rows is 1). The result is this predictor's own buffer, overwritten by the next call:
     * copy it to keep it.
     *
     * @throws IllegalArgumentException naming both shapes if {@code x} does not fit
     */
    public Tensor predict(Tensor x) {
        if (x.size() != rows * width || (x.rank() == 2 && x.rows() != rows)) {
            throw new IllegalArgumentException("this predictor takes input of shape " + Shapes.toString(rows, width)
                    + ", got " + Shapes.toString(x.shape()));
        }
        System.arraycopy(x.data(), 0, input.data(), 0, x.size());
        graph.forward();
        return graph.root().value();
    }

    @Override
    public String toString() {
        return "Predictor(rows=" + rows + ", " + Arrays.toString(graph.root().shape()) + " out)";
    }
}
