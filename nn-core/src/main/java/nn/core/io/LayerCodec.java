package nn.core.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nn.api.Activation;
import nn.api.Layer;
import nn.core.init.Initializers;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.plugins.PluginRegistry;
import nn.core.plugins.Plugins;

/**
 * The layer types the model format knows, each as a type name and string attributes, with the
 * parameters it owns:
 *
 * <ul>
 *   <li>{@code dense}: attributes {@code in} and {@code out} (decimal); parameters
 *       {@code <i>.weights [in, out]} and {@code <i>.bias [1, out]}.</li>
 *   <li>{@code activation}: attribute {@code activation}, the plugin's name; no parameters.
 *       Attributes {@code activation.<name>} are reserved for the plugin's hyperparameters
 *       (such as {@code activation.alpha = 0.1}); format version 1 writes none and refuses to
 *       read any, rather than ignore them.</li>
 *   <li>the image layers {@code conv2d}, {@code max_pool2d}, {@code avg_pool2d}, {@code flatten}
 *       and {@code reshape}: see {@link SpatialLayerCodec}.</li>
 * </ul>
 *
 * A new layer type is a new type name with its own attributes; it needs no new format version.
 */
final class LayerCodec {

    static final String DENSE = "dense";
    static final String ACTIVATION = "activation";

    /** The type names this version reads, sorted. */
    static final List<String> TYPES = Stream.concat(Stream.of(ACTIVATION, DENSE),
            SpatialLayerCodec.TYPES.stream()).sorted().toList();

    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9][0-9]{0,9}");

    private LayerCodec() {
    }

    /** A layer as a file describes it, and the parameters it owns, in the order it creates them. */
    record Decoded(Layer layer, String description, List<TensorRecord> parameters) {
    }

    /**
     * The record of layer {@code index} of a network.
     *
     * @throws IllegalArgumentException naming the layer, if the format cannot describe it
     */
    static LayerRecord encode(int index, Layer layer) {
        // image layers (conv2d, pooling, flatten, reshape): see SpatialLayerCodec
        LayerRecord spatial = SpatialLayerCodec.encode(layer);
        if (spatial != null) {
            return spatial;
        }
        if (layer instanceof Dense dense) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("in", Integer.toString(dense.in()));
            attributes.put("out", Integer.toString(dense.out()));
            return new LayerRecord(DENSE, attributes);
        }
        if (layer instanceof ActivationLayer a) {
            return new LayerRecord(ACTIVATION, Map.of(ACTIVATION, activationName(index, a.activation())));
        }
        throw new IllegalArgumentException("layer " + index + " (" + layer + ", of type '" + safeName(layer)
                + "', class " + layer.getClass().getName() + ") cannot be saved: the model format knows the layer"
                + " types " + TYPES + " (nn.core.layers.Dense, ActivationLayer, Conv2D, MaxPool2D, AvgPool2D, Flatten"
                + " and Reshape)");
    }

    /** The parameters a layer of the network owns, as {@link #decode} will expect them. */
    static List<TensorRecord> parameters(int index, Layer layer) {
        if (layer instanceof Dense dense) {
            return denseParameters(index, dense.in(), dense.out());
        }
        // image layers: a convolution owns weights and a bias, the others nothing
        return SpatialLayerCodec.parameters(index, layer);
    }

    /**
     * The layer a record describes, with its plugins looked up, and the parameters it owns.
     *
     * @throws FormatProblem naming the layer, if the type or an attribute is unknown, missing or
     *                       malformed, or a plugin is not found
     */
    static Decoded decode(int index, LayerRecord record) throws FormatProblem {
        // image layers (conv2d, pooling, flatten, reshape): see SpatialLayerCodec
        if (SpatialLayerCodec.TYPES.contains(record.type())) {
            return SpatialLayerCodec.decode(index, record);
        }
        switch (record.type()) {
            case DENSE: {
                expectAttributes(index, record, List.of("in", "out"));
                int in = positiveInt(index, record, "in");
                int out = positiveInt(index, record, "out");
                if ((long) in * out > HeaderCodec.MAX_ARRAY) {
                    throw FormatProblem.of("layer %d (dense %d -> %d) has more weights than one array can hold",
                            index, in, out);
                }
                // zeros: the weights are about to be overwritten, so drawing random ones would be waste
                Dense dense = new Dense(in, out, Initializers.zeros(), Initializers.zeros());
                return new Decoded(dense, "dense " + in + " -> " + out, denseParameters(index, in, out));
            }
            case ACTIVATION: {
                Map<String, String> hyperparameters = new TreeMap<>();
                for (String key : record.attributes().keySet()) {
                    if (key.startsWith(ACTIVATION + ".")) {
                        hyperparameters.put(key.substring(ACTIVATION.length() + 1), record.attributes().get(key));
                    }
                }
                String name = record.attributes().get(ACTIVATION);
                if (name == null) {
                    throw FormatProblem.of("layer %d (activation) has no attribute 'activation' naming the plugin",
                            index);
                }
                for (String key : record.attributes().keySet()) {
                    if (!key.equals(ACTIVATION) && !key.startsWith(ACTIVATION + ".")) {
                        throw unknownAttribute(index, record, key, List.of(ACTIVATION, ACTIVATION + ".<hyperparameter>"));
                    }
                }
                if (!hyperparameters.isEmpty()) {
                    throw FormatProblem.of("layer %d: activation '%s' has the hyperparameters %s, which this version"
                            + " of nn cannot set: it loads activations by name only", index, name, hyperparameters);
                }
                Activation activation;
                try {
                    activation = Plugins.activations().get(name);
                } catch (IllegalArgumentException e) {
                    throw new FormatProblem("layer " + index + ": " + e.getMessage(), e);
                }
                return new Decoded(new ActivationLayer(activation), "activation " + name, List.of());
            }
            default:
                throw FormatProblem.of("layer %d has the type '%s', which this version of nn does not know"
                        + " (it knows %s)", index, record.type(), TYPES);
        }
    }

    private static List<TensorRecord> denseParameters(int index, int in, int out) {
        return List.of(new TensorRecord(index + ".weights", new int[] {in, out}),
                new TensorRecord(index + ".bias", new int[] {1, out}));
    }

    /**
     * The name under which an activation is saved, after checking that loading that name will
     * give the same function: it must be registered, as the same class, with the same
     * hyperparameters (compared through {@code toString}, which shows them).
     */
    private static String activationName(int index, Activation activation) {
        String name = activation.name();
        PluginRegistry<Activation> registry = Plugins.activations();
        if (name == null || !registry.contains(name)) {
            throw new IllegalArgumentException("layer " + index + " (activation '" + name + "', class "
                    + activation.getClass().getName() + ") cannot be saved: no activation of that name is registered"
                    + " with ServiceLoader, so the model could not be loaded again; register it in"
                    + " META-INF/services/nn.api.Activation (available: " + String.join(", ", registry.names()) + ")");
        }
        Activation registered = registry.get(name);
        if (registered.getClass() != activation.getClass()) {
            throw new IllegalArgumentException("layer " + index + " (activation '" + name + "') cannot be saved: it is"
                    + " a " + activation.getClass().getName() + ", but the registered '" + name + "' is a "
                    + registered.getClass().getName() + ", which loading the model would give instead");
        }
        String mine = activation.toString();
        String theirs = registered.toString();
        boolean describesItself = !mine.startsWith(activation.getClass().getName() + "@");
        if (describesItself && !mine.equals(theirs)) {
            throw new IllegalArgumentException("layer " + index + " (activation " + mine + ") cannot be saved: it"
                    + " differs from the registered " + theirs + ", and model files store an activation by name"
                    + " only, so its hyperparameters would be lost; use Plugins.activation(\"" + name + "\")");
        }
        return name;
    }

    private static void expectAttributes(int index, LayerRecord record, List<String> names) throws FormatProblem {
        for (String key : record.attributes().keySet()) {
            if (!names.contains(key)) {
                throw unknownAttribute(index, record, key, names);
            }
        }
        for (String name : names) {
            if (!record.attributes().containsKey(name)) {
                throw FormatProblem.of("layer %d (%s) has no attribute '%s'", index, record.type(), name);
            }
        }
    }

    private static FormatProblem unknownAttribute(int index, LayerRecord record, String key, List<String> known) {
        return FormatProblem.of("layer %d (%s) has the attribute '%s', which this version of nn does not know"
                + " (it knows %s)", index, record.type(), key, known);
    }

    private static int positiveInt(int index, LayerRecord record, String key) throws FormatProblem {
        String value = record.attributes().get(key);
        if (!POSITIVE_INT.matcher(value).matches() || Long.parseLong(value) > Integer.MAX_VALUE) {
            throw FormatProblem.of("layer %d (%s): the attribute '%s' is '%s', not a positive whole number"
                    + " up to %d", index, record.type(), key, abbreviate(value), Integer.MAX_VALUE);
        }
        return Integer.parseInt(value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String safeName(Layer layer) {
        try {
            return layer.name();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
