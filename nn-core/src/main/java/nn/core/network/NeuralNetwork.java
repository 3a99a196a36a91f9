package nn.core.network;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Loss;
import nn.api.Reduction;
import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.EpochResult;
import nn.core.train.Objective;
import nn.core.train.Trainer;

/**
 * The tutorial's network, {@code NN(sizes, activation, loss)}, computed by the general engine.
 *
 * <p>{@code new NeuralNetwork(new int[] {20, 50, 10}, "sigmoid", "l2", seed)} has weights
 * {@code [20, 50]} and {@code [50, 10]} and biases {@code [1, 50]} and {@code [1, 10]}, drawn from
 * {@code N(0, 1)} like {@code np.random.randn} (all biases first, then all weights, in the
 * tutorial's order, from {@code new Random(seed)}). The activation follows every layer, the last
 * one included:
 * <pre>
 *   f_0 = X,  z_c = f_{c-1} . W_c + b_c,  f_c = a(z_c),  loss = L(f_last, Y) summed over the batch
 * </pre>
 * {@link #forwardPass}, {@link #evalLoss} and {@link #backprop} are the tutorial's methods;
 * {@link #sgd} is its "next time": mini-batch gradient descent.
 *
 * <p>Not thread-safe.
 */
public final class NeuralNetwork {

    private final int[] sizes;
    private final Activation activation;
    private final Loss loss;
    private final Sequential network;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    /**
     * A network with the given layer sizes, activation and loss, initialised from {@code seed}.
     *
     * @throws IllegalArgumentException if there are fewer than two sizes or a size is not positive
     */
    public NeuralNetwork(int[] sizes, Activation activation, Loss loss, long seed) {
        Objects.requireNonNull(sizes, "sizes");
        checkArgument(sizes.length >= 2, "sizes need an input and an output width, got %s", Arrays.toString(sizes));
        for (int s : sizes) {
            checkArgument(s > 0, "sizes must be positive, got %s", Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.activation = Objects.requireNonNull(activation, "activation");
        this.loss = Objects.requireNonNull(loss, "loss");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1], Initializers.zeros(), Initializers.zeros()));
            layers.add(new ActivationLayer(activation));
        }
        this.network = new Sequential(sizes[0], layers, seed);
        for (Parameter p : network.parameters()) {
            (p.name().endsWith(".weights") ? weights : biases).add(p);
        }
        Random random = new Random(seed);
        for (Parameter b : biases) {
            Initializers.normal(1).initialize(b.value().data(), b.shape(), random);
        }
        for (Parameter w : weights) {
            Initializers.normal(1).initialize(w.value().data(), w.shape(), random);
        }
    }

    /** A network whose activation and loss are plugins found by name, such as {@code "sigmoid"}, {@code "l2"}. */
    public NeuralNetwork(int[] sizes, String activation, String loss, long seed) {
        this(sizes, Plugins.activation(activation), Plugins.loss(loss), seed);
    }

    /** The layer sizes. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The activation after every layer. */
    public Activation activation() {
        return activation;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The network behind, for the general API. */
    public Sequential network() {
        return network;
    }

    /** The weight matrices {@code [in, out]}, first layer first; live tensors. */
    public List<Tensor> weights() {
        return weights.stream().map(Node::value).toList();
    }

    /** The bias rows {@code [1, out]}, first layer first; live tensors. */
    public List<Tensor> biases() {
        return biases.stream().map(Node::value).toList();
    }

    /**
     * The output for a batch {@code [rows, sizes[0]]}, or for one sample {@code [sizes[0]]},
     * which becomes one row, as in the tutorial.
     */
    public Tensor forwardPass(Tensor input) {
        return network.predict(input);
    }

    /** The loss of the prediction for {@code input} against {@code output}, summed over the batch. */
    public double evalLoss(Tensor input, Tensor output) {
        Tensor x = Sequential.asBatch(input, sizes[0]);
        Tensor y = Sequential.asBatch(output, sizes[sizes.length - 1]);
        try (NoGrad ignored = NoGrad.enter()) {
            return network.forward(Node.constant(x), false).loss(loss, Node.constant(y), Reduction.SUM).item();
        }
    }

    /**
     * The gradients of the loss, summed over the batch, with respect to every weight and bias:
     * the tutorial's {@code backprop(x, y)}, by reverse-mode differentiation of the graph.
     */
    public Gradients backprop(Tensor x, Tensor y) {
        Tensor bx = Sequential.asBatch(x, sizes[0]);
        Tensor by = Sequential.asBatch(y, sizes[sizes.length - 1]);
        network.zeroGrad();
        network.forward(Node.constant(bx), true).loss(loss, Node.constant(by), Reduction.SUM).backward();
        return new Gradients(gradsOf(weights), gradsOf(biases));
    }

    private static List<Tensor> gradsOf(List<Parameter> params) {
        return params.stream().map(p -> p.grad() == null ? Tensor.zeros(p.shape()) : p.grad().copy()).toList();
    }

    /**
     * Mini-batch stochastic gradient descent, as in Nielsen's {@code network.py}: each epoch
     * shuffles the samples (seeded), and each batch moves every parameter by
     * {@code -learningRate / batchLength} times its summed gradient.
     *
     * @param onEpoch called after each epoch with its mean batch loss (may be null)
     * @return one result per epoch
     */
    public List<EpochResult> sgd(Tensor x, Tensor y, int epochs, int batchSize, double learningRate, long seed,
                                 Consumer<EpochResult> onEpoch) {
        // The mean over a batch of summed-per-sample losses, stepped with lr, is Nielsen's
        // lr / len(batch) times the summed gradient, whatever the length of the last batch.
        Trainer trainer = new Trainer(network, Objective.of(loss, Reduction.MEAN), new Sgd(learningRate));
        return trainer.fit(x, y, epochs, batchSize, seed, onEpoch);
    }

    @Override
    public String toString() {
        return "NeuralNetwork(sizes=" + Arrays.toString(sizes) + ", activation=" + activation.name()
                + ", loss=" + loss.name() + ")";
    }
}
