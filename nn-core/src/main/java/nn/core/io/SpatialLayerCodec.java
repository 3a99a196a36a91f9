package nn.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nn.api.Layer;
import nn.core.init.Initializers;
import nn.core.io.Header.LayerRecord;
import nn.core.io.Header.TensorRecord;
import nn.core.layers.AvgPool2D;
import nn.core.layers.Conv2D;
import nn.core.layers.Flatten;
import nn.core.layers.MaxPool2D;
import nn.core.layers.Padding;
import nn.core.layers.Reshape;

/**
 * The model format's image layers, beside {@link LayerCodec}'s:
 *
 * <ul>
 *   <li>{@code conv2d}: attributes {@code in_channels}, {@code out_channels}, {@code kernel},
 *       {@code stride} (positive decimal integers) and {@code padding} ({@code valid},
 *       {@code same} or a decimal integer >= 0); parameters
 *       {@code <i>.weights [in_channels * kernel * kernel, out_channels]} and
 *       {@code <i>.bias [1, out_channels]}.</li>
 *   <li>{@code max_pool2d}, {@code avg_pool2d}: attributes {@code kernel}, {@code stride},
 *       {@code padding}; no parameters.</li>
 *   <li>{@code flatten}: no attributes, no parameters.</li>
 *   <li>{@code reshape}: attribute {@code shape}, the sample shape as positive decimal integers
 *       joined by {@code ,} (such as {@code 1,28,28}); no parameters.</li>
 * </ul>
 */
final class SpatialLayerCodec {

    static final String CONV2D = "conv2d";
    static final String MAX_POOL2D = "max_pool2d";
    static final String AVG_POOL2D = "avg_pool2d";
    static final String FLATTEN = "flatten";
    static final String RESHAPE = "reshape";

    /** The type names of this codec, sorted. */
    static final List<String> TYPES = List.of(AVG_POOL2D, CONV2D, FLATTEN, MAX_POOL2D, RESHAPE);

    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9][0-9]{0,9}");

    private SpatialLayerCodec() {
    }

    /** The record of an image layer, or null if the layer is not one of them. */
    static LayerRecord encode(Layer layer) {
        Map<String, String> a = new LinkedHashMap<>();
        if (layer instanceof Conv2D c) {
            a.put("in_channels", Integer.toString(c.inChannels()));
            a.put("out_channels", Integer.toString(c.outChannels()));
            a.put("kernel", Integer.toString(c.kernel()));
            a.put("stride", Integer.toString(c.stride()));
            a.put("padding", c.padding().toString());
            return new LayerRecord(CONV2D, a);
        }
        if (layer instanceof MaxPool2D p) {
            return new LayerRecord(MAX_POOL2D, pooling(p.kernel(), p.stride(), p.padding()));
        }
        if (layer instanceof AvgPool2D p) {
            return new LayerRecord(AVG_POOL2D, pooling(p.kernel(), p.stride(), p.padding()));
        }
        if (layer instanceof Flatten) {
            return new LayerRecord(FLATTEN, Map.of());
        }
        if (layer instanceof Reshape r) {
            StringBuilder sb = new StringBuilder();
            for (int d : r.shape()) {
                sb.append(sb.length() == 0 ? "" : ",").append(d);
            }
            return new LayerRecord(RESHAPE, Map.of("shape", sb.toString()));
        }
        return null;
    }

    private static Map<String, String> pooling(int kernel, int stride, Padding padding) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("kernel", Integer.toString(kernel));
        a.put("stride", Integer.toString(stride));
        a.put("padding", padding.toString());
        return a;
    }

    /** The parameters an image layer owns (none but a convolution's). */
    static List<TensorRecord> parameters(int index, Layer layer) {
        if (layer instanceof Conv2D c) {
            return convParameters(index, c.inChannels() * c.kernel() * c.kernel(), c.outChannels());
        }
        return List.of();
    }

    private static List<TensorRecord> convParameters(int index, int rows, int outChannels) {
        return List.of(new TensorRecord(index + ".weights", new int[] {rows, outChannels}),
                new TensorRecord(index + ".bias", new int[] {1, outChannels}));
    }

    /**
     * The image layer a record describes.
     *
     * @throws FormatProblem naming the layer if an attribute is unknown, missing or malformed
     */
    static LayerCodec.Decoded decode(int index, LayerRecord record) throws FormatProblem {
        switch (record.type()) {
            case CONV2D: {
                expect(index, record, List.of("in_channels", "out_channels", "kernel", "stride", "padding"));
                int in = positiveInt(index, record, "in_channels");
                int out = positiveInt(index, record, "out_channels");
                int kernel = positiveInt(index, record, "kernel");
                int stride = positiveInt(index, record, "stride");
                Padding padding = padding(index, record);
                long rows = (long) in * kernel * kernel;
                if (rows * out > HeaderCodec.MAX_ARRAY) {
                    throw FormatProblem.of("layer %d (conv2d %d -> %d, kernel %d) has more weights than one array"
                            + " can hold", index, in, out, kernel);
                }
                Conv2D conv = new Conv2D(in, out, kernel, stride, padding, Initializers.zeros(), Initializers.zeros());
                return new LayerCodec.Decoded(conv, "conv2d " + in + " -> " + out + ", kernel " + kernel + ", stride "
                        + stride + ", padding " + padding, convParameters(index, (int) rows, out));
            }
            case MAX_POOL2D:
            case AVG_POOL2D: {
                expect(index, record, List.of("kernel", "stride", "padding"));
                int kernel = positiveInt(index, record, "kernel");
                int stride = positiveInt(index, record, "stride");
                Padding padding = padding(index, record);
                Layer layer = record.type().equals(MAX_POOL2D) ? new MaxPool2D(kernel, stride, padding)
                        : new AvgPool2D(kernel, stride, padding);
                return new LayerCodec.Decoded(layer, record.type() + " " + kernel + ", stride " + stride + ", padding "
                        + padding, List.of());
            }
            case FLATTEN: {
                expect(index, record, List.of());
                return new LayerCodec.Decoded(new Flatten(), "flatten", List.of());
            }
            case RESHAPE: {
                expect(index, record, List.of("shape"));
                String text = record.attributes().get("shape");
                List<Integer> dims = new ArrayList<>();
                long size = 1;
                for (String part : text.split(",", -1)) {
                    if (!POSITIVE_INT.matcher(part).matches() || Long.parseLong(part) > Integer.MAX_VALUE) {
                        throw FormatProblem.of("layer %d (reshape): the attribute 'shape' is '%s', not positive whole"
                                + " numbers joined by ','", index, abbreviate(text));
                    }
                    dims.add(Integer.parseInt(part));
                    size *= dims.get(dims.size() - 1);
                    if (size > HeaderCodec.MAX_ARRAY) {
                        throw FormatProblem.of("layer %d (reshape): the shape %s is too large", index, abbreviate(text));
                    }
                }
                int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
                return new LayerCodec.Decoded(new Reshape(shape), "reshape " + text, List.of());
            }
            default:
                throw FormatProblem.of("layer %d has the type '%s', which is not an image layer", index, record.type());
        }
    }

    private static Padding padding(int index, LayerRecord record) throws FormatProblem {
        String text = record.attributes().get("padding");
        try {
            return Padding.parse(text);
        } catch (IllegalArgumentException e) {
            throw FormatProblem.of("layer %d (%s): the attribute 'padding' is '%s', not valid, same or a whole"
                    + " number >= 0", index, record.type(), abbreviate(text));
        }
    }

    private static void expect(int index, LayerRecord record, List<String> names) throws FormatProblem {
        for (String key : record.attributes().keySet()) {
            if (!names.contains(key)) {
                throw FormatProblem.of("layer %d (%s) has the attribute '%s', which this version of nn does not know"
                        + " (it knows %s)", index, record.type(), key, names);
            }
        }
        for (String name : names) {
            if (!record.attributes().containsKey(name)) {
                throw FormatProblem.of("layer %d (%s) has no attribute '%s'", index, record.type(), name);
            }
        }
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
}
