package nn.core.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.PluginSpec;
import nn.core.init.Initializers;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Dense;
import nn.core.layers.Dropout;
import nn.core.layers.LayerNorm;
import nn.core.plugins.PluginRegistry;
import nn.core.plugins.Plugins;

/**
 * The layer types the model format knows, each as a type name and string attributes, with the
 * parameters it owns:
 *
 * <ul>
 *   <li>{@code dense}: attributes {@code in} and {@code out} (decimal); parameters
 *       {@code <i>.weights [in, out]} and {@code <i>.bias [1, out]}.</li>
 *   <li>{@code activation}: attribute {@code activation}, the plugin's canonical spec
 *       ({@link nn.api.PluginSpec}): its name with every hyperparameter, such as
 *       {@code leaky_relu(alpha=0.2)}, or the bare name, such as {@code relu}, for one that takes
 *       none (format version 1 wrote bare names only; they still load, with the registered
 *       instance's defaults); no parameters.</li>
 *   <li>{@code dropout}, {@code batch_norm}, {@code layer_norm}: see the block of
 *       normalization layers below.</li>
 *   <li>the image layers {@code conv2d}, {@code max_pool2d}, {@code avg_pool2d}, {@code flatten}
 *       and {@code reshape}: see {@link SpatialLayerCodec}.</li>
 * </ul>
 *
 * A new layer type is a new type name with its own attributes; it needs no new format version.
 */
final class LayerCodec {

    static final String DENSE = "dense";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";
    static final String BATCH_NORM = "batch_norm";
    static final String LAYER_NORM = "layer_norm";

    /** The type names this version reads, sorted. */
    static final List<String> TYPES = Stream.concat(Stream.of(ACTIVATION, BATCH_NORM, DENSE, DROPOUT, LAYER_NORM),
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
        LayerRecord normalization = encodeNormalization(layer);
        if (normalization != null) {
            return normalization;
        }
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
            return new LayerRecord(ACTIVATION, Map.of(ACTIVATION, activationSpec(index, a.activation())));
        }
        throw new IllegalArgumentException("layer " + index + " (" + layer + ", of type '" + safeName(layer)
                + "', class " + layer.getClass().getName() + ") cannot be saved: the model format knows the layer"
                + " types " + TYPES + " (the built-in layers of nn.core.layers)");
    }

    /** The parameters a layer of the network owns, as {@link #decode} will expect them. */
    static List<TensorRecord> parameters(int index, Layer layer) {
        if (layer instanceof Dense dense) {
            return denseParameters(index, dense.in(), dense.out());
        }
        if (layer instanceof BatchNorm || layer instanceof LayerNorm) {
            return normalizationParameters(index, encodeNormalization(layer));
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
                expectAttributes(index, record, List.of(ACTIVATION));
                String spec = record.attributes().get(ACTIVATION);
                Activation activation;
                try {
                    activation = Plugins.activations().get(spec);
                } catch (IllegalArgumentException e) {
                    throw new FormatProblem("layer " + index + ": " + e.getMessage(), e);
                }
                return new Decoded(new ActivationLayer(activation), "activation " + spec, List.of());
            }
            case DROPOUT, BATCH_NORM, LAYER_NORM:
                return decodeNormalization(index, record);
            default:
                throw FormatProblem.of("layer %d has the type '%s', which this version of nn does not know"
                        + " (it knows %s)", index, record.type(), TYPES);
        }
    }

    // ---- dropout and normalization layers ---------------------------------------------------

    /*
     * dropout:    attributes rate (a double in [0, 1), Java's Double.toString) and seed (a decimal
     *             long); no parameters.
     * batch_norm: attributes channels (positive int), eps (a positive double), momentum (a double
     *             in [0, 1]); parameters <i>.gamma [channels], <i>.beta [channels] and the buffers
     *             <i>.running_mean [channels], <i>.running_var [channels], in this order.
     * layer_norm: attributes shape (the normalized trailing dimensions, positive ints joined by
     *             ",", such as "64" or "8,8") and eps; parameters <i>.gamma and <i>.beta of that shape.
     */

    /** The record of a dropout or normalization layer, or {@code null} for another layer. */
    private static LayerRecord encodeNormalization(Layer layer) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (layer instanceof Dropout d) {
            attributes.put("rate", Double.toString(d.rate()));
            attributes.put("seed", Long.toString(d.seed()));
            return new LayerRecord(DROPOUT, attributes);
        }
        if (layer instanceof BatchNorm b) {
            attributes.put("channels", Integer.toString(b.channels()));
            attributes.put("eps", Double.toString(b.eps()));
            attributes.put("momentum", Double.toString(b.momentum()));
            return new LayerRecord(BATCH_NORM, attributes);
        }
        if (layer instanceof LayerNorm l) {
            StringBuilder shape = new StringBuilder();
            for (int d : l.normalizedShape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            attributes.put("shape", shape.toString());
            attributes.put("eps", Double.toString(l.eps()));
            return new LayerRecord(LAYER_NORM, attributes);
        }
        return null;
    }

    /** The parameters (and buffers) a batch_norm or layer_norm record owns. */
    private static List<TensorRecord> normalizationParameters(int index, LayerRecord record) {
        if (record.type().equals(BATCH_NORM)) {
            int[] shape = {Integer.parseInt(record.attributes().get("channels"))};
            return List.of(new TensorRecord(index + ".gamma", shape), new TensorRecord(index + ".beta", shape),
                    new TensorRecord(index + ".running_mean", shape), new TensorRecord(index + ".running_var", shape));
        }
        int[] shape = parseShape(record.attributes().get("shape"));
        return List.of(new TensorRecord(index + ".gamma", shape), new TensorRecord(index + ".beta", shape));
    }

    private static Decoded decodeNormalization(int index, LayerRecord record) throws FormatProblem {
        switch (record.type()) {
            case DROPOUT: {
                expectAttributes(index, record, List.of("rate", "seed"));
                double rate = doubleAttribute(index, record, "rate");
                if (!(rate >= 0 && rate < 1)) {
                    throw FormatProblem.of("layer %d (dropout): the rate is %s, not in [0, 1)", index, rate);
                }
                long seed;
                try {
                    seed = Long.parseLong(record.attributes().get("seed"));
                } catch (NumberFormatException e) {
                    throw FormatProblem.of("layer %d (dropout): the attribute 'seed' is '%s', not a whole number",
                            index, abbreviate(record.attributes().get("seed")));
                }
                return new Decoded(new Dropout(rate, seed), "dropout " + rate, List.of());
            }
            case BATCH_NORM: {
                expectAttributes(index, record, List.of("channels", "eps", "momentum"));
                int channels = positiveInt(index, record, "channels");
                double eps = doubleAttribute(index, record, "eps");
                double momentum = doubleAttribute(index, record, "momentum");
                if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
                    throw FormatProblem.of("layer %d (batch_norm): eps %s must be positive and momentum %s in [0, 1]",
                            index, eps, momentum);
                }
                return new Decoded(new BatchNorm(eps, momentum), "batch_norm of " + channels + " channels",
                        normalizationParameters(index, record));
            }
            default: {
                expectAttributes(index, record, List.of("shape", "eps"));
                String text = record.attributes().get("shape");
                if (!Pattern.matches("[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,7}", text)) {
                    throw FormatProblem.of("layer %d (layer_norm): the attribute 'shape' is '%s', not positive whole"
                            + " numbers joined by ',' (such as '64' or '8,8')", index, abbreviate(text));
                }
                int[] shape = parseShape(text);
                long size = 1;
                for (int d : shape) {
                    size *= d;
                    if (d <= 0 || size > HeaderCodec.MAX_ARRAY) {
                        throw FormatProblem.of("layer %d (layer_norm): the shape '%s' has more elements than one"
                                + " array can hold", index, abbreviate(text));
                    }
                }
                double eps = doubleAttribute(index, record, "eps");
                if (!(eps > 0)) {
                    throw FormatProblem.of("layer %d (layer_norm): eps %s must be positive", index, eps);
                }
                return new Decoded(new LayerNorm(shape.length, eps), "layer_norm over " + text,
                        normalizationParameters(index, record));
            }
        }
    }

    private static int[] parseShape(String text) {
        String[] parts = text.split(",");
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long d = Long.parseLong(parts[i]);
            shape[i] = d > Integer.MAX_VALUE ? -1 : (int) d;
        }
        return shape;
    }

    private static double doubleAttribute(int index, LayerRecord record, String key) throws FormatProblem {
        String value = record.attributes().get(key);
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d) && !value.isBlank() && Character.isDigit(value.charAt(value.length() - 1))) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw FormatProblem.of("layer %d (%s): the attribute '%s' is '%s', not a finite decimal number", index,
                record.type(), key, abbreviate(value));
    }

    private static List<TensorRecord> denseParameters(int index, int in, int out) {
        return List.of(new TensorRecord(index + ".weights", new int[] {in, out}),
                new TensorRecord(index + ".bias", new int[] {1, out}));
    }

    /**
     * The spec under which an activation is saved, {@code activation.spec()} as text, after
     * checking that loading it will give the same function: the name must be registered, as the
     * same class, and the registry must make from the spec an activation with the same spec (and,
     * for one that describes itself with {@code toString}, the same description, which catches
     * state that the hyperparameters leave out).
     */
    private static String activationSpec(int index, Activation activation) {
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
        PluginSpec spec;
        Activation restored;
        try {
            spec = activation.spec();
            restored = registry.get(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + index + " (activation " + activation + ") cannot be saved:"
                    + " its spec cannot be loaded again: " + e.getMessage(), e);
        }
        String mine = activation.toString();
        String theirs = restored.toString();
        boolean describesItself = !mine.startsWith(activation.getClass().getName() + "@");
        if (restored.getClass() != activation.getClass() || !spec.equals(restored.spec())
                || describesItself && !mine.equals(theirs)) {
            throw new IllegalArgumentException("layer " + index + " (activation " + mine + ") cannot be saved: its"
                    + " spec " + spec + " loads as " + theirs + " (spec " + restored.spec() + "), so the model"
                    + " would not load as saved; list every hyperparameter in hyperparameters() and accept it in"
                    + " with()");
        }
        return spec.toString();
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
