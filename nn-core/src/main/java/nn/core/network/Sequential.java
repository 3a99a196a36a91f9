package nn.core.network;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import nn.api.Initializer;
import nn.api.Layer;
import nn.api.ParameterFactory;
import nn.api.Value;
import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.tensor.Tensor;

/**
 * Layers applied one after another, built at once for a given input width and seeded: the
 * parameters are created layer by layer, in order, from one {@link Random}.
 *
 * <p>{@link #forward} records a graph for training; {@link #predict} runs without one.
 *
 * <p>Thread-safety: training (a {@link nn.core.train.Trainer}, {@link #forward} with recording,
 * {@link #zeroGrad}, optimizers) is not thread-safe: a network is trained by one thread at a time.
 * A network that is not being trained serves predictions from any number of threads at once:
 * {@link #predict} builds its own nodes and tensors on each call (under {@link NoGrad}, which
 * is per thread) and only reads the weights, and gives each thread bitwise what a
 * single-threaded call gives. A {@link Predictor} is faster but belongs to one thread: make one
 * per serving thread.
 */
public final class Sequential {

    private final int inputWidth;
    private final int outputWidth;
    private final ImmutableList<Layer> layers;
    private final ImmutableList<Parameter> parameters;

    /**
     * Builds {@code layers} for samples of {@code inputWidth} numbers, drawing initial values
     * from {@code new Random(seed)}.
     *
     * @throws IllegalArgumentException if a layer does not fit the output of the one before; no
     *                                  layer is built then
     * @throws IllegalStateException    if a layer with parameters is already built into a network
     *                                  (or appears twice in {@code layers})
     */
    public Sequential(int inputWidth, List<? extends Layer> layers, long seed) {
        checkArgument(inputWidth > 0, "inputWidth (%s) must be positive", inputWidth);
        Objects.requireNonNull(layers, "layers");
        for (int i = 0; i < layers.size(); i++) {
            Objects.requireNonNull(layers.get(i), "layer " + i + " is null");
        }
        checkArgument(!layers.isEmpty(), "a network needs at least one layer");
        this.inputWidth = inputWidth;
        this.layers = ImmutableList.copyOf(layers);
        // every shape first, so that a network that does not fit builds no layer (a built layer
        // refuses to be built again)
        int[][] inputShapes = new int[this.layers.size()][];
        int[] shape = {inputWidth};
        for (int i = 0; i < this.layers.size(); i++) {
            inputShapes[i] = shape;
            try {
                shape = this.layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw doesNotFit(i, inputShapes[i], e);
            }
        }
        checkArgument(shape.length == 1, "the last layer must output one row per sample, got %s",
                Arrays.toString(shape));
        Random random = new Random(seed);
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < this.layers.size(); i++) {
            Layer layer = this.layers.get(i);
            String prefix = i + ".";
            Set<String> names = new HashSet<>();
            try {
                layer.build(inputShapes[i], new ParameterFactory() {
                    @Override
                    public Value create(String name, int[] pshape, Initializer init) {
                        return make(name, pshape, init, true);
                    }

                    @Override
                    public Value buffer(String name, int[] pshape, Initializer init) {
                        return make(name, pshape, init, false);
                    }

                    private Parameter make(String name, int[] pshape, Initializer init, boolean trainable) {
                        checkArgument(names.add(name), "layer %s creates two parameters named '%s'", layer, name);
                        Tensor t = Tensor.zeros(pshape);
                        init.initialize(t.data(), pshape.clone(), random);
                        Parameter p = new Parameter(prefix + name, t, trainable);
                        params.add(p);
                        return p;
                    }
                });
            } catch (IllegalArgumentException e) {
                throw doesNotFit(i, inputShapes[i], e);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("layer " + i + ": " + e.getMessage(), e);
            }
        }
        this.outputWidth = shape[0];
        this.parameters = ImmutableList.copyOf(params);
    }

    private IllegalArgumentException doesNotFit(int i, int[] inputShape, IllegalArgumentException e) {
        return new IllegalArgumentException("layer " + i + " (" + layers.get(i) + ") does not fit the output of the"
                + " layer before it, of shape " + Arrays.toString(inputShape) + ": " + e.getMessage(), e);
    }

    /** The width of one input sample. */
    public int inputWidth() {
        return inputWidth;
    }

    /** The width of one output sample. */
    public int outputWidth() {
        return outputWidth;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Every parameter, in the order the layers created them (such as {@code 0.weights, 0.bias, ...}),
     * buffers (not {@linkplain Parameter#trainable() trainable}) included: all a model file saves.
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (int i = 0, n = parameters.size(); i < n; i++) {
            parameters.get(i).zeroGrad();
        }
    }

    /**
     * Runs every layer on a batch {@code [rows, inputWidth]}, recording the graph.
     *
     * @throws IllegalArgumentException naming the shapes if the input does not fit
     */
    public Node forward(Node input, boolean training) {
        Objects.requireNonNull(input, "input");
        int[] shape = input.shape();
        if (shape.length != 2 || shape[1] != inputWidth) {
            throw new IllegalArgumentException("the network expects input of shape [rows, " + inputWidth
                    + "] (layer 0 is " + layers.get(0) + "), got " + Arrays.toString(shape));
        }
        Value x = input;
        for (int i = 0, n = layers.size(); i < n; i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense && i + 1 < n && layers.get(i + 1) instanceof ActivationLayer act) {
                x = dense.forward(x, act.activation(), training); // one node for the bias and the activation
                i++;
            } else {
                x = layer.forward(x, training);
            }
        }
        return Node.of(x);
    }

    /**
     * The output for a batch {@code [rows, inputWidth]}, or for one sample {@code [inputWidth]}
     * (it becomes one row), without recording a graph.
     */
    public Tensor predict(Tensor input) {
        Tensor batch = asBatch(input, inputWidth);
        try (NoGrad ignored = NoGrad.enter()) {
            return forward(Node.constant(batch), false).value();
        }
    }

    /**
     * A predictor for batches of {@code rows}: the forward graph recorded once and replayed for
     * each call, for serving. It sees later changes of the weights.
     */
    public Predictor predictor(int rows) {
        checkArgument(rows > 0, "rows (%s) must be positive", rows);
        return new Predictor(this, rows);
    }

    /** A 1-D input of {@code width} numbers as one row; a matrix as it is. */
    static Tensor asBatch(Tensor input, int width) {
        Objects.requireNonNull(input, "input");
        if (input.rank() == 1) {
            return input.reshape(1, input.dim(0));
        }
        return input;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
