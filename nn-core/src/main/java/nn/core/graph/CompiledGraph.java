package nn.core.graph;

import java.util.List;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * A graph recorded once and replayed: the define-by-run graph of one step, kept with its
 * topological order and its buffers, so later steps of the same shapes run forward and backward
 * again without making a single node or tensor.
 *
 * <p>Use: build the graph once from leaves whose tensors you keep, compile its scalar root, then
 * for each step write new values into those leaves' tensors (same shapes) and call
 * {@link #forward()} and {@link #backward()}. Every op recomputes into the tensor it owns and
 * reads its operands' current values, so the replay computes exactly what building the graph
 * again would, bit for bit. Ops made from constants alone (dropout of the input, say) are
 * recomputed too.
 *
 * <p>The replays are the steps, not the recording: compiling undoes what the recording forward
 * did to state outside the graph's tensors (batch normalization's running statistics), and each
 * replay's forward draws a fresh dropout mask and updates the running statistics once.
 *
 * <p>Not thread-safe.
 */
public final class CompiledGraph {

    private final Node root;
    private final Node[] order;
    /** The nodes {@link #forward()} recomputes: every op below the root, gradient or not. */
    private final Node[] forwardOrder;

    private CompiledGraph(Node root, List<Node> order) {
        this.root = root;
        this.order = order.toArray(new Node[0]);
        this.forwardOrder = root.forwardOrder().toArray(new Node[0]);
        for (Node n : forwardOrder) {
            n.compiled();
        }
    }

    /**
     * Records the graph below {@code root}, a scalar that depends on at least one variable.
     *
     * @throws IllegalStateException if the root is not a scalar or records no gradient
     */
    public static CompiledGraph of(Node root) {
        if (root.size() != 1) {
            throw new IllegalStateException("compile a scalar loss; got shape " + Shapes.toString(root.shape()));
        }
        if (!root.requiresGrad()) {
            throw new IllegalStateException("nothing to differentiate: the root depends on no variable"
                    + " (or was made inside NoGrad)");
        }
        return new CompiledGraph(root, root.topologicalOrder());
    }

    /**
     * Records the graph below {@code output}, of any shape, for {@link #forward()} only: an
     * inference graph to replay. {@link #backward()} then refuses.
     *
     * @throws IllegalStateException if the output was made inside NoGrad (nothing was recorded)
     */
    public static CompiledGraph forwardOnly(Node output) {
        if (!output.requiresGrad()) {
            throw new IllegalStateException("nothing was recorded below this " + output.op()
                    + " node: build it outside NoGrad, on variables or parameters");
        }
        return new CompiledGraph(output, output.topologicalOrder());
    }

    /** The root (the loss, or the output of a forward-only graph). */
    public Node root() {
        return root;
    }

    /** The number of nodes recorded, leaves included. */
    public int size() {
        return order.length;
    }

    /** Recomputes every node from the leaves' current values; returns the root's first element. */
    public float forward() {
        for (Node n : forwardOrder) {
            n.forward();
        }
        return root.value.data()[0];
    }

    /**
     * Runs the backward pass of the last {@link #forward()}: the gradients of intermediate nodes
     * are recomputed; leaves' gradients are added to, as with {@link Node#backward()}.
     */
    public void backward() {
        if (root.size() != 1) {
            throw new IllegalStateException("this graph was compiled for forward() only; its output has shape "
                    + Shapes.toString(root.shape()));
        }
        for (Node n : order) {
            if (n.inputs.length > 0) {
                n.zeroGrad();
            }
        }
        Tensor g = root.gradBuffer();
        g.data()[0] += 1f;
        for (int i = order.length - 1; i >= 0; i--) {
            Node n = order[i];
            if (n.inputs.length > 0 && n.hasGrad()) {
                n.propagate();
            }
        }
    }
}
