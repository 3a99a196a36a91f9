package nn.core.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nn.api.Layer;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.network.Sequential;
import nn.core.tensor.Tensor;

/**
 * Finds where a non-finite loss came from, once training has met one: the batch's inputs or
 * targets, a parameter the last update left non-finite, or the first operation of the forward
 * pass (with its layer) that made NaN or infinity out of finite values. Runs only after the fact,
 * so the steady training step pays nothing for it. The layers run again in training mode, as in
 * the step that failed, so a layer that draws random numbers when training draws again.
 *
 * <p>Stateless; each call works on its own nodes.
 */
final class NonFiniteLoss {

    private NonFiniteLoss() {
    }

    /**
     * What went wrong, as a sentence: the first of the batch's data ({@code x}, {@code y}, whose
     * row {@code r} is sample {@code samples[from + r]}), the network's parameters, its layers'
     * operations in order, and the objective, to hold a value that is not finite.
     */
    static String explain(Sequential model, Objective objective, Tensor x, Tensor y, int[] samples, int from) {
        String data = inSample(x, samples, from);
        if (data != null) {
            return "the inputs hold " + data + ": the data must be finite numbers";
        }
        data = inSample(y, samples, from);
        if (data != null) {
            return "the targets hold " + data + ": the data must be finite numbers";
        }
        for (Parameter p : model.parameters()) {
            String bad = firstNonFinite(p.value());
            if (bad != null) {
                return "the parameter '" + p.name() + "'" + layerOf(model, p.name()) + " holds " + bad
                        + ": lower the learning rate if an update put it there, or check how the weights were set";
            }
        }
        // the forward pass again, layer by layer, each from a copy of the one before's output, so
        // each layer's operations are a graph of their own to search in order
        Tensor current = x.copy();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Node input = Node.variable(current);
            Node output = Node.of(layers.get(i).forward(input, true));
            String found = firstNonFiniteOp(output, input);
            if (found != null) {
                return "layer " + i + " (" + layers.get(i) + ") made " + found
                        + ": lower the learning rate, or check that the layer's inputs are in its domain";
            }
            current = output.value().copy();
        }
        Node prediction = Node.variable(current);
        Node loss = objective.apply(prediction, Node.constant(y.copy()));
        String found = firstNonFiniteOp(loss, prediction);
        if (found != null) {
            return "the loss made " + found + ": lower the learning rate, or check that the network's output"
                    + " and the targets suit the loss (a log of 0, a probability outside [0, 1])";
        }
        return "running the batch's forward pass again, layer by layer, gave finite values everywhere"
                + " (a layer behaves differently on a second run)";
    }

    /** "NaN in column 5 of sample 17 (row 3 of this batch)", or null if all are finite. */
    private static String inSample(Tensor batch, int[] samples, int from) {
        int i = firstNonFiniteIndex(batch);
        if (i < 0) {
            return null;
        }
        int cols = Math.max(1, batch.cols());
        return String.format(Locale.ROOT, "%s in column %d of sample %d (row %d of this batch)", batch.data()[i],
                i % cols, samples[from + i / cols], i / cols);
    }

    private static String layerOf(Sequential model, String parameter) {
        int dot = parameter.indexOf('.');
        try {
            int i = Integer.parseInt(parameter.substring(0, dot));
            return " of layer " + i + " (" + model.layers().get(i) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The first node below {@code root} in evaluation order, not {@code start}, whose value is
     * not finite, described as its operation and the place of the first bad value.
     */
    private static String firstNonFiniteOp(Node root, Node start) {
        for (Node n : evaluationOrder(root)) {
            if (n == start) {
                continue;
            }
            String bad = firstNonFinite(n.value());
            if (bad != null) {
                double largest = 0;
                for (Node in : n.inputs()) {
                    for (float v : in.value().data()) {
                        largest = Math.max(largest, Math.abs(v));
                    }
                }
                return String.format(Locale.ROOT, "%s in its operation %s, whose inputs were finite (largest"
                        + " magnitude %.3g)", bad, n, largest);
            }
        }
        return null;
    }

    /** The recorded nodes below {@code root}, inputs before outputs. */
    private static List<Node> evaluationOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            int i = next.pop();
            List<Node> inputs = n.inputs();
            if (i < inputs.size()) {
                next.push(i + 1);
                Node in = inputs.get(i);
                if (seen.add(in)) {
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

    private static int firstNonFiniteIndex(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    /** "NaN at row 3, column 5" (or "at index 3" for other ranks), or null if all are finite. */
    static String firstNonFinite(Tensor t) {
        int i = firstNonFiniteIndex(t);
        if (i < 0) {
            return null;
        }
        float v = t.data()[i];
        if (t.rank() == 2) {
            return String.format(Locale.ROOT, "%s at row %d, column %d", v, i / t.cols(), i % t.cols());
        }
        return String.format(Locale.ROOT, "%s at index %d", v, i);
    }
}
