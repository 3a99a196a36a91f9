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
}
