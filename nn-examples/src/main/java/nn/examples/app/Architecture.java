package nn.examples.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nn.api.Initializer;
import nn.api.Layer;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Dense;
import nn.core.layers.Dropout;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;

/**
 * A fully connected network described in words: sizes such as {@code 784-256-128-10}, the
 * hidden activation, the output activation (or none, for logits) and the initializer; and,
 * optionally, batch normalization after every hidden dense layer (before its activation) and
 * dropout after every hidden activation.
 *
 * @param sizes            layer widths, input first
 * @param activation       plugin name of the activation after every hidden layer
 * @param outputActivation plugin name of the activation after the last layer, or {@code "none"}
 * @param init             {@code he}, {@code glorot} or {@code normal} (the tutorial's N(0, 1), biases
 *                         too), or any initializer plugin spec for the weights, such as
 *                         {@code lecun_normal} or {@code he_uniform(scale=1)} (biases zero)
 * @param batchNorm        whether every hidden dense layer is followed by {@code BatchNorm}
 * @param dropout          the dropout rate after every hidden activation, in {@code [0, 1)}; 0 for none
 */
public record Architecture(int[] sizes, String activation, String outputActivation, String init, boolean batchNorm,
                           double dropout) {

    /** The names {@link #init} accepts. */
    public static final List<String> INITIALIZERS = List.of("he", "glorot", "normal");

    public Architecture {
        sizes = sizes.clone();
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an architecture needs at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        Plugins.activation(activation); // fails early, listing the names that exist
        if (!outputActivation.equals("none")) {
            Plugins.activation(outputActivation);
        }
        if (!INITIALIZERS.contains(init)) {
            try {
                Plugins.initializer(init);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--init '" + init + "': expected " + String.join(", ", INITIALIZERS)
                        + " or an initializer plugin spec; " + e.getMessage(), e);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1) (0 for no dropout), got " + dropout);
        }
    }

    /** A plain fully connected network: no batch normalization, no dropout. */
    public Architecture(int[] sizes, String activation, String outputActivation, String init) {
        this(sizes, activation, outputActivation, init, false, 0);
    }

    /**
     * Parses sizes written as {@code 784-256-128-10}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static int[] parseSizes(String text) {
        String[] parts = text.trim().split("-");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + text + "': '" + parts[i]
                        + "' is not a layer size; write sizes joined by '-', such as 784-256-128-10");
            }
        }
        return sizes;
    }

    /** The sizes as written on the command line. */
    public String sizesText() {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            sb.append(sb.length() == 0 ? "" : "-").append(s);
        }
        return sb.toString();
    }

    /** The input width. */
    public int inputWidth() {
        return sizes[0];
    }

    /** The number of outputs (classes). */
    public int outputWidth() {
        return sizes[sizes.length - 1];
    }

    /** Builds and seeds the network (dropout layer {@code i} draws its masks from {@code seed + 1 + i}). */
    public Sequential build(long seed) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1], weightInit(), biasInit()));
            boolean last = i + 2 == sizes.length;
            if (!last && batchNorm) {
                layers.add(new BatchNorm());
            }
            String a = last ? outputActivation : activation;
            if (!a.equals("none")) {
                layers.add(new ActivationLayer(Plugins.activation(a)));
            }
            if (!last && dropout > 0) {
                layers.add(new Dropout(dropout, seed + 1 + i));
            }
        }
        return new Sequential(sizes[0], layers, seed);
    }

    private Initializer weightInit() {
        return switch (init.toLowerCase(Locale.ROOT)) {
            case "he" -> Initializers.heNormal();
            case "glorot" -> Initializers.glorotUniform();
            case "normal" -> Initializers.normal(1);
            default -> Plugins.initializer(init);
        };
    }

    private Initializer biasInit() {
        return init.equals("normal") ? Initializers.normal(1) : Initializers.zeros();
    }

    @Override
    public String toString() {
        return sizesText() + " " + activation + (outputActivation.equals("none") ? "" : " / " + outputActivation)
                + ", " + init + " init" + (batchNorm ? ", batch norm" : "") + (dropout > 0 ? ", dropout " + dropout : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(sizes, a.sizes) && activation.equals(a.activation)
                && outputActivation.equals(a.outputActivation) && init.equals(a.init) && batchNorm == a.batchNorm
                && Double.compare(dropout, a.dropout) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + activation.hashCode();
    }
}
