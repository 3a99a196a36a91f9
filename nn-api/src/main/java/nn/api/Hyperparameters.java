package nn.api;

import java.util.Map;
import java.util.Set;

/**
 * Helpers for plugins that take hyperparameters ({@code leaky_relu(alpha=0.1)}): checks that
 * give the messages users expect. See {@link PluginSpec} for the form.
 *
 * <p>Stateless and thread-safe.
 */
public final class Hyperparameters {

    private Hyperparameters() {
    }

    /**
     * Fails unless every key of {@code given} is one of {@code known}.
     *
     * @param plugin the plugin's name, for the message
     * @throws IllegalArgumentException naming the unknown key and the known ones
     */
    public static void requireKnown(String plugin, Map<String, Double> given, Set<String> known) {
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(plugin + " has no hyperparameter '" + key + "'; "
                        + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    /**
     * Fails unless {@code given} is empty: the default {@code with} of a plugin that takes none.
     *
     * @throws IllegalArgumentException naming the first key given
     */
    public static void requireNone(String plugin, Map<String, Double> given) {
        requireKnown(plugin, given, Set.of());
    }

    /**
     * The hyperparameters of a plugin configured with {@code given} over {@code defaults}: every
     * default, in the defaults' order, with the given values in place of theirs. What a plugin's
     * {@code with} and its constructors need.
     *
     * @return an unmodifiable map
     * @throws IllegalArgumentException naming a key of {@code given} that is not a default's, or
     *                                  a value that is not finite
     */
    public static Map<String, Double> merge(String plugin, Map<String, Double> defaults, Map<String, Double> given) {
        requireKnown(plugin, given, defaults.keySet());
        Map<String, Double> merged = new java.util.LinkedHashMap<>(defaults);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            double v = java.util.Objects.requireNonNull(e.getValue(), () -> plugin + ": value of " + e.getKey());
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(plugin + ": " + e.getKey() + " must be finite, got " + v);
            }
            merged.put(e.getKey(), v);
        }
        return java.util.Collections.unmodifiableMap(merged);
    }
}
