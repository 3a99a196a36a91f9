package nn.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nn.api.Activation;
import nn.api.Loss;
import nn.api.Reduction;
import nn.api.Value;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * A tensor in the graph: its value, its gradient once a backward pass has reached it, and the
 * operation that made it.
 *
 * <p>Leaves are made with {@link #constant(Tensor)} (no gradient) and {@link #variable(Tensor)}
 * (gradient wanted, such as a parameter). Every other node comes from an operation on nodes,
 * through the methods of {@link Value}; for example the tutorial's layer
 * {@code a(x . W + b)} is {@code x.matmul(w).add(b).apply(sigmoid)}.
 *
 * <p>Not thread-safe: a graph belongs to the thread that builds it.
 */
public abstract class Node implements Value {

    private static final Node[] NO_INPUTS = new Node[0];

    final Tensor value;
    Tensor grad;
    /**
     * Whether {@link #grad} holds nothing of the current pass (it was cleared): it reads as zeros,
     * and is made zero, or overwritten whole, when first written. Clearing costs no pass over
     * memory, and the product that computes a weight's gradient can store it instead of adding.
     */
    private boolean gradCleared;
    /** The nodes a backward pass goes on to: the operands if recorded, else none. */
    final Node[] inputs;
    /** The nodes the value is computed from, kept so {@link #forward()} can run again. */
    private final Node[] operands;
    private final boolean requiresGrad;

    /** A node with the given output tensor, made from {@code inputs}. */
    Node(Tensor value, Node... inputs) {
        this.value = value;
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            any |= inputs[i].requiresGrad;
            if (inputs[i] instanceof RowSelection rows && !readsRowsInPlace(i)) {
                rows.readsTensor();
            }
        }
        this.requiresGrad = any && NoGrad.isRecording();
        this.operands = inputs;
        this.inputs = requiresGrad ? inputs : NO_INPUTS;
    }

    /**
     * Whether this operation reads operand {@code i}, when it is a {@link RowSelection}, where its
     * rows lie rather than from its tensor. Called from the constructor: it must not depend on
     * the subclass's fields.
     */
    boolean readsRowsInPlace(int i) {
        return false;
    }

    /** A leaf. */
    Node(Tensor value, boolean requiresGrad) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.inputs = NO_INPUTS;
        this.operands = NO_INPUTS;
    }

    /** Operand {@code i} of the operation that made this node. */
    final Node operand(int i) {
        return operands[i];
    }

    /**
     * Computes this node's value from its operands' current values, into the tensor it owns.
     * Every operation calls it once when it is made; a {@link CompiledGraph} calls it again on
     * each replay.
     */
    abstract void forward();

    /** A leaf without gradient: data, targets. */
    public static Node constant(Tensor value) {
        return new Leaf(Objects.requireNonNull(value, "value"), false);
    }

    /** A leaf whose gradient a backward pass computes. */
    public static Node variable(Tensor value) {
        return new Leaf(Objects.requireNonNull(value, "value"), true);
    }

    /**
     * The engine's node behind a {@link Value}.
     *
     * @throws IllegalArgumentException if the value comes from another implementation
     */
    public static Node of(Value v) {
        Objects.requireNonNull(v, "value");
        if (v instanceof Node n) {
            return n;
        }
        throw new IllegalArgumentException("a value of type " + v.getClass().getName()
                + " is not a node of nn-core's engine; make values with Node.constant/variable or layer operations");
    }

    /** Adds this node's vector-Jacobian product into the gradients of its inputs. */
    abstract void propagate();

    /** A short description of the operation, for messages, such as {@code matmul}. */
    String op() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    // ---- state ---------------------------------------------------------------------------

    /** The value of this node; a live tensor, so a leaf's value may be updated in place. */
    public Tensor value() {
        return value;
    }

    /** The gradient accumulated by backward passes, or {@code null} if none has reached here. */
    public Tensor grad() {
        if (gradCleared) {
            grad.fill(0f);
            gradCleared = false;
        }
        return grad;
    }

    /** Whether backward passes compute a gradient for this node. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Sets the gradient to zero, as before each training step. The zeros are written when the
     * gradient is next read or added to; a backward pass that computes it whole overwrites it.
     */
    public void zeroGrad() {
        if (grad != null) {
            gradCleared = true;
        }
    }

    /** The gradient tensor to add into: made (zero) on first use, zeroed if it was cleared. */
    Tensor gradBuffer() {
        if (grad == null) {
            grad = Tensor.zeros(value.shape());
        } else if (gradCleared) {
            grad.fill(0f);
            gradCleared = false;
        }
        return grad;
    }

    /**
     * For an op about to write every element of this node's gradient: whether it may store its
     * result rather than add it (the gradient holds nothing of this pass yet). Either way the
     * gradient, {@link #gradBuffer()}, is then the one to write.
     */
    boolean gradOverwritable() {
        if (grad == null) {
            grad = Tensor.zeros(value.shape());
            return true;
        }
        if (gradCleared) {
            gradCleared = false;
            return true;
        }
        return false;
    }

    /** Whether a gradient of the current pass has reached this node. */
    boolean hasGrad() {
        return grad != null && !gradCleared;
    }

    /** The nodes this one was made from (none for leaves and nodes made without recording). */
    public List<Node> inputs() {
        return Collections.unmodifiableList(Arrays.asList(inputs));
    }

    // ---- backward ------------------------------------------------------------------------

    /**
     * Computes the gradient of this scalar with respect to every node it depends on that
     * {@linkplain #requiresGrad() requires a gradient}, by the chain rule applied backwards.
     * Gradients of leaves add up across calls until {@link #zeroGrad()}; gradients of
     * intermediate nodes are those of this pass only.
     *
     * @throws IllegalStateException if this node has more than one element
     */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("call backward() on a scalar; got shape "
                    + Shapes.toString(value.shape()) + " (reduce it first, e.g. with sum() or mean())");
        }
        Tensor seed = Tensor.zeros(value.shape());
        seed.fill(1f);
        backward(seed);
    }

    /**
     * Runs a backward pass seeded with {@code seed}, the gradient of some scalar with respect to
     * this node: a vector-Jacobian product through the whole graph.
     *
     * @throws IllegalArgumentException if the seed's shape is not this node's
     */
    public void backward(Tensor seed) {
        if (!Arrays.equals(seed.shape(), value.shape())) {
            throw new IllegalArgumentException("the seed gradient has shape " + Shapes.toString(seed.shape())
                    + " but the node has shape " + Shapes.toString(value.shape()));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("nothing to differentiate: this " + op()
                    + " node depends on no variable (or was made inside NoGrad)");
        }
        List<Node> order = topologicalOrder();
        for (Node n : order) {
            if (n.inputs.length > 0) {
                n.zeroGrad();
            }
        }
        float[] g = gradBuffer().data();
        float[] s = seed.data();
        for (int i = 0; i < g.length; i++) {
            g[i] += s[i];
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (n.inputs.length > 0 && n.hasGrad()) {
                n.propagate();
            }
        }
    }

    // ---- replay (for CompiledGraph) ---------------------------------------------------------

    /**
     * Called once by {@link CompiledGraph} when it compiles a graph holding this node, before any
     * replay. The default does nothing; an op whose forward changes state outside its output
     * (batch normalization's running statistics) undoes what its recording forward did, since the
     * replays, not the recording, are the steps.
     */
    void compiled() {
    }

    /**
     * Every node this one is computed from, through all operands (recorded for gradients or not),
     * operands before results: the nodes a replay recomputes. It includes nodes made from
     * constants alone, such as dropout applied to the input, which {@link #topologicalOrder()}
     * leaves out because no gradient flows through them.
     */
    List<Node> forwardOrder() {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            int i = next.pop();
            if (i < n.operands.length) {
                next.push(i + 1);
                Node in = n.operands[i];
                if (seen.add(in)) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                if (n.operands.length > 0) {
                    order.add(n);
                }
            }
        }
        return order;
    }

    /** Every node this one depends on through recorded operations, inputs before outputs. */
    List<Node> topologicalOrder() {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            int i = next.pop();
            if (i < n.inputs.length) {
                next.push(i + 1);
                Node in = n.inputs[i];
                if (in.requiresGrad && seen.add(in)) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(n);
            }
        }
        return order;
    }

    // ---- Value ---------------------------------------------------------------------------

    @Override
    public int[] shape() {
        return value.shape();
    }

    @Override
    public int size() {
        return value.size();
    }

    @Override
    public float[] toArray() {
        return value().data().clone();
    }

    @Override
    public float item() {
        return value().item();
    }

    @Override
    public Node matmul(Value other) {
        return new MatMul(this, of(other));
    }

    @Override
    public Node add(Value other) {
        return new Binary(nn.core.kernels.Elementwise.Op.ADD, this, of(other));
    }

    @Override
    public Node subtract(Value other) {
        return new Binary(nn.core.kernels.Elementwise.Op.SUBTRACT, this, of(other));
    }

    @Override
    public Node multiply(Value other) {
        return new Binary(nn.core.kernels.Elementwise.Op.MULTIPLY, this, of(other));
    }

    @Override
    public Node divide(Value other) {
        return new Binary(nn.core.kernels.Elementwise.Op.DIVIDE, this, of(other));
    }

    @Override
    public Node add(double constant) {
        return new Affine(this, 1f, (float) constant);
    }

    @Override
    public Node multiply(double constant) {
        return new Affine(this, (float) constant, 0f);
    }

    @Override
    public Node negate() {
        return new Affine(this, -1f, 0f);
    }

    @Override
    public Node exp() {
        return new Exp(this);
    }

    @Override
    public Node log() {
        return new Log(this);
    }

    @Override
    public Node sum() {
        return new Sum(this, -1, 1.0);
    }

    @Override
    public Node sum(int axis) {
        return new Sum(this, Sum.checkAxis(this, axis), 1.0);
    }

    @Override
    public Node mean() {
        return new Sum(this, -1, 1.0 / Math.max(1, size()));
    }

    @Override
    public Node mean(int axis) {
        int a = Sum.checkAxis(this, axis);
        return new Sum(this, a, 1.0 / Math.max(1, value.dim(a)));
    }

    @Override
    public Node transpose() {
        return new Transpose(this);
    }

    @Override
    public Node reshape(int... shape) {
        return new Reshape(this, shape);
    }

    @Override
    public Node apply(Activation activation) {
        return new ApplyActivation(this, Objects.requireNonNull(activation, "activation"));
    }

    /**
     * {@code add(bias).apply(activation)} as one node, for a matrix {@code [rows, cols]} and a
     * bias {@code [1, cols]}: a dense layer followed by its activation. The same values and
     * gradients, bit for bit, in fewer passes over memory.
     *
     * @throws IllegalArgumentException naming the shapes if this is not a matrix or the bias not
     *                                  one row as wide
     */
    public Node addThenApply(Value bias, Activation activation) {
        return new BiasActivation(this, of(Objects.requireNonNull(bias, "bias")),
                Objects.requireNonNull(activation, "activation"));
    }

    @Override
    public Node loss(Loss loss, Value target, Reduction reduction) {
        return new LossNode(this, Objects.requireNonNull(loss, "loss"), of(target),
                Objects.requireNonNull(reduction, "reduction"));
    }

    /**
     * The fused, numerically stable softmax cross-entropy of these logits against {@code target}:
     * one-hot rows or distributions of this node's shape, or one class index per row
     * ({@code [rows, 1]}). Equal to {@code apply(softmax).loss(categorical_cross_entropy, ...)}
     * without its overflow, and with the gradient {@code softmax - target}.
     */
    public Node softmaxCrossEntropy(Value target, Reduction reduction) {
        return new SoftmaxCrossEntropy(this, of(target), Objects.requireNonNull(reduction, "reduction"));
    }

    @Override
    public String toString() {
        return op() + Shapes.toString(value.shape());
    }

    /** A leaf node: data or a variable. */
    static final class Leaf extends Node {
        Leaf(Tensor value, boolean requiresGrad) {
            super(value, requiresGrad);
        }

        @Override
        void forward() {
            // a leaf's value is set from outside
        }

        @Override
        void propagate() {
            // a leaf has no inputs to pass gradients on to
        }

        @Override
        String op() {
            return requiresGrad() ? "variable" : "constant";
        }
    }
}
