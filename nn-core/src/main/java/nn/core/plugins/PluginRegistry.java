package nn.core.plugins;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import nn.api.PluginSpec;
import java.util.regex.Pattern;

/**
 * The plugins of one kind found by {@link ServiceLoader}, keyed by their names.
 *
 * <p>The service is read once, when the registry is made. A provider that fails to load (its
 * class is missing or its constructor throws) is reported with its class name, through
 * {@link System.Logger} and {@link #failures()}, and skipped, so one broken jar does not take
 * the others down; its name is then missing, and a lookup of it says why. Two providers with
 * one name fail the registry at once, naming both classes: which one would win is not
 * something to leave to class-path order.
 *
 * <p>Immutable and thread-safe once made.
 *
 * @param <T> the plugin interface, such as {@link nn.api.Activation}
 */
public final class PluginRegistry<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final String kind;
    private final ImmutableSortedMap<String, T> byName;
    private final ImmutableList<String> failures;
    private final BiFunction<T, Map<String, Double>, T> configure;

    private PluginRegistry(String kind, ImmutableSortedMap<String, T> byName, ImmutableList<String> failures,
                           BiFunction<T, Map<String, Double>, T> configure) {
        this.kind = kind;
        this.byName = byName;
        this.failures = failures;
        this.configure = configure;
    }

    /**
     * This registry with {@code configure} as the way a plugin takes hyperparameters, as in
     * {@code Activation::with}: {@link #get} then reads specs such as {@code leaky_relu(alpha=0.1)}.
     */
    public PluginRegistry<T> configuredBy(BiFunction<T, Map<String, Double>, T> configure) {
        return new PluginRegistry<>(kind, byName, failures, Objects.requireNonNull(configure, "configure"));
    }

    /**
     * Reads every provider of {@code type} visible from {@code loader}.
     *
     * @param kind  what the plugins are called in messages, such as {@code "activation"}
     * @param names how a plugin states its name
     * @throws IllegalStateException if two providers share a name, or a name is not lower-case
     *                               letters, digits and underscores
     */
    public static <T> PluginRegistry<T> load(String kind, Class<T> type, Function<T, String> names,
                                             ClassLoader loader) {
        Objects.requireNonNull(type, "type");
        ServiceLoader<T> services = ServiceLoader.load(type, loader);
        return of(kind, services.iterator(), names);
    }

    /**
     * Registers the plugins an iterator yields, as {@link #load} does for a
     * {@link ServiceLoader}'s iterator: a {@link ServiceConfigurationError} from it is recorded
     * as a failure and the iteration goes on.
     */
    public static <T> PluginRegistry<T> of(String kind, Iterator<T> providers, Function<T, String> names) {
        Map<String, T> found = new LinkedHashMap<>();
        ImmutableList.Builder<String> failed = ImmutableList.builder();
        int consecutiveErrors = 0;
        while (true) {
            T plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
                consecutiveErrors = 0;
            } catch (ServiceConfigurationError e) {
                String message = describe(e);
                failed.add(message);
                LOG.log(System.Logger.Level.WARNING, "skipping " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ")
                        + kind + " provider that failed to load: " + message);
                if (++consecutiveErrors > 1000) {
                    break; // an iterator that cannot move past its error
                }
                continue;
            } catch (NoSuchElementException e) {
                break;
            }
            String name = names.apply(plugin);
            String cls = plugin.getClass().getName();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("the " + kind + " " + cls + " has the name '" + name
                        + "'; a name must be lower-case letters, digits and underscores, starting with a letter");
            }
            T previous = found.putIfAbsent(name, plugin);
            if (previous != null) {
                throw new IllegalStateException("two " + kind + "s are named '" + name + "': "
                        + previous.getClass().getName() + " and " + cls
                        + "; names must be unique, so remove one of them or rename it");
            }
        }
        return new PluginRegistry<>(kind, ImmutableSortedMap.copyOf(found), failed.build(), null);
    }

    private static String describe(ServiceConfigurationError e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        while (cause != null) {
            sb.append("; caused by ").append(cause);
            cause = cause.getCause();
        }
        return sb.toString();
    }

    /**
     * The plugin a name or spec asks for: {@code "relu"}, or {@code "leaky_relu(alpha=0.1)"} with
     * hyperparameters (see {@link PluginSpec}).
     *
     * @throws IllegalArgumentException naming the plugins that exist (and any that failed to load)
     *                                  if there is none of that name; saying what is wrong if the
     *                                  spec is malformed or the plugin refuses a hyperparameter
     */
    public T get(String nameOrSpec) {
        Objects.requireNonNull(nameOrSpec, kind + " name");
        if (nameOrSpec.indexOf('(') < 0 && byName.containsKey(nameOrSpec)) {
            return byName.get(nameOrSpec);
        }
        PluginSpec spec;
        try {
            spec = PluginSpec.parse(nameOrSpec);
        } catch (IllegalArgumentException e) {
            if (nameOrSpec.indexOf('(') < 0) {
                throw notFound(nameOrSpec);
            }
            throw new IllegalArgumentException(kind + ": " + e.getMessage(), e);
        }
        return get(spec);
    }

    /**
     * The plugin a spec names, configured with its hyperparameters.
     *
     * @throws IllegalArgumentException if there is none of that name (listing those that exist)
     *                                  or it refuses a hyperparameter
     */
    public T get(PluginSpec spec) {
        Objects.requireNonNull(spec, kind + " spec");
        T plugin = byName.get(spec.name());
        if (plugin == null) {
            throw notFound(spec.name());
        }
        if (spec.isBare()) {
            return plugin;
        }
        if (configure == null) {
            throw new IllegalArgumentException("the " + kind + " '" + spec.name() + "' takes no hyperparameters, got "
                    + spec);
        }
        try {
            return Objects.requireNonNull(configure.apply(plugin, spec.hyperparameters()),
                    () -> plugin.getClass().getName() + ".with returned null");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot make the " + kind + " " + spec + ": " + e.getMessage(), e);
        }
    }

    private IllegalArgumentException notFound(String name) {
        StringBuilder msg = new StringBuilder(kind).append(" '").append(name).append("' not found; available: ")
                .append(String.join(", ", byName.keySet()));
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(name) && byName.containsKey(lower)) {
            msg.append(" (names are lower-case: did you mean '").append(lower).append("'?)");
        }
        if (!failures.isEmpty()) {
            msg.append("; providers that failed to load: ").append(String.join(" | ", failures));
        }
        return new IllegalArgumentException(msg.toString());
    }

    /** Whether a plugin has this name. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The names of the plugins, sorted. */
    public SortedSet<String> names() {
        return byName.keySet();
    }

    /** The plugins, sorted by name. */
    public List<T> all() {
        return byName.values().asList();
    }

    /** One line per provider that failed to load, each naming its class and the cause. */
    public List<String> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return kind + "s " + byName.keySet();
    }
}
