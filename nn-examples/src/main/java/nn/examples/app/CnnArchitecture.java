package nn.examples.app;

import java.util.List;
import nn.api.Initializer;
import nn.api.Layer;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Conv2D;
import nn.core.layers.Dense;
import nn.core.layers.Flatten;
import nn.core.layers.MaxPool2D;
import nn.core.layers.Reshape;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;

/**
 * The convolutional network of TensorFlow's image tutorial, for 28x28 grey images and 10
 * classes ({@code --arch cnn}):
 *
 * <pre>
 * Reshape [784] -> [1, 28, 28]
 * Conv2D 1 -> 32, 3x3, valid   -> [32, 26, 26], activation
 * MaxPool2D 2                  -> [32, 13, 13]
 * Conv2D 32 -> 64, 3x3, valid  -> [64, 11, 11], activation
 * MaxPool2D 2                  -> [64, 5, 5]
 * Flatten                      -> [1600]
 * Dense 1600 -> 128, activation
 * Dense 128 -> 10 (logits, or the output activation)
 * </pre>
 *
 * @param activation       plugin name of the activation after each convolution and the hidden dense layer
 * @param outputActivation plugin name of the activation after the last layer, or {@code "none"}
 * @param init             {@code he}, {@code glorot} or {@code normal}, for every weight
 */
record CnnArchitecture(String activation, String outputActivation, String init) implements NetworkDesign {

    /** The name {@code --arch} takes. */
    static final String NAME = "cnn";
    /** Image side and channels. */
    static final int SIDE = 28;
    static final int CLASSES = 10;
    /** Units of the hidden dense layer. */
    static final int HIDDEN = 128;

    CnnArchitecture {
        Plugins.activation(activation); // fails early, listing the names that exist
        if (!outputActivation.equals("none")) {
            Plugins.activation(outputActivation);
        }
        if (!Architecture.INITIALIZERS.contains(init)) {
            throw new IllegalArgumentException("initializer '" + init + "' not found; available: "
                    + String.join(", ", Architecture.INITIALIZERS));
        }
    }

    @Override
    public int inputWidth() {
        return SIDE * SIDE;
    }

    @Override
    public int outputWidth() {
        return CLASSES;
    }

    @Override
    public String sizesText() {
        return NAME;
    }

    /** The layers, unbuilt. */
    List<Layer> layers() {
        Initializer w = weightInit();
        Initializer b = init.equals("normal") ? Initializers.normal(1) : Initializers.zeros();
        List<Layer> layers = new java.util.ArrayList<>(List.of(
                new Reshape(1, SIDE, SIDE),
                new Conv2D(1, 32, 3, 1, nn.core.layers.Padding.VALID, w, b), act(),
                new MaxPool2D(2),
                new Conv2D(32, 64, 3, 1, nn.core.layers.Padding.VALID, w, b), act(),
                new MaxPool2D(2),
                new Flatten(),
                new Dense(64 * 5 * 5, HIDDEN, w, b), act(),
                new Dense(HIDDEN, CLASSES, w, b)));
        if (!outputActivation.equals("none")) {
            layers.add(new ActivationLayer(Plugins.activation(outputActivation)));
        }
        return layers;
    }

    @Override
    public Sequential build(long seed) {
        return new Sequential(inputWidth(), layers(), seed);
    }

    private ActivationLayer act() {
        return new ActivationLayer(Plugins.activation(activation));
    }

    private Initializer weightInit() {
        return switch (init) {
            case "he" -> Initializers.heNormal();
            case "glorot" -> Initializers.glorotUniform();
            default -> Initializers.normal(1);
        };
    }

    @Override
    public String toString() {
        return "cnn (conv 32 3x3, max pool 2, conv 64 3x3, max pool 2, dense " + HIDDEN + ", dense " + CLASSES + ") "
                + activation + (outputActivation.equals("none") ? "" : " / " + outputActivation) + ", " + init + " init";
    }
}
