package nn.core.plugins;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import nn.api.Activation;
import nn.api.Initializer;
import nn.api.Loss;
import nn.api.UpdateRule;

/**
 * The activations, losses, update rules (optimizers) and initializers of this application, read
 * once from {@link java.util.ServiceLoader} with the class loader that loaded nn-core, on first
 * use. Each is asked for by name, with hyperparameters if it takes any
 * ({@link nn.api.PluginSpec}):
 * <pre>{@code
 * Activation relu = Plugins.activation("relu");
 * Activation leaky = Plugins.activation("leaky_relu(alpha=0.1)");
 * Loss l2 = Plugins.loss("l2");
 * UpdateRule adam = Plugins.updateRule("adam(lr=0.001)");
 * }</pre>
 *
 * <p>Thread-safe: each registry is read once, on first use, and is immutable. A registry that
 * cannot be made (two plugins share a name, or a name is malformed) is not kept: every call
 * that needs it throws the {@link IllegalStateException} of {@link PluginRegistry#load}.
 */
public final class Plugins {

    private Plugins() {
    }

    // Read on first use, not in static initializers: a registry that fails to load (two plugins
    // with one name) would turn its IllegalStateException into ExceptionInInitializerError and
    // every later call into NoClassDefFoundError. A memoized supplier keeps no failure, so each
    // call reports it.
    private static final Supplier<PluginRegistry<Activation>> ACTIVATIONS =
            registry("activation", Activation.class, Activation::name, Activation::with);
    private static final Supplier<PluginRegistry<Loss>> LOSSES =
            registry("loss", Loss.class, Loss::name, Loss::with);
    private static final Supplier<PluginRegistry<UpdateRule>> UPDATE_RULES =
            registry("update rule", UpdateRule.class, UpdateRule::name, UpdateRule::with);
    private static final Supplier<PluginRegistry<Initializer>> INITIALIZERS =
            registry("initializer", Initializer.class, Initializer::name, Initializer::with);

    private static <T> Supplier<PluginRegistry<T>> registry(String kind, Class<T> type, Function<T, String> names,
                                                           BiFunction<T, Map<String, Double>, T> configure) {
        return Suppliers.memoize(() ->
                PluginRegistry.load(kind, type, names, Plugins.class.getClassLoader()).configuredBy(configure));
    }

    /** Every update rule (optimizer) found. */
    public static PluginRegistry<UpdateRule> updateRules() {
        return UPDATE_RULES.get();
    }

    /** Every initializer found. */
    public static PluginRegistry<Initializer> initializers() {
        return INITIALIZERS.get();
    }

    /**
     * The update rule a name or spec asks for, such as {@code "adam(lr=0.001)"}.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static UpdateRule updateRule(String nameOrSpec) {
        return updateRules().get(nameOrSpec);
    }

    /**
     * The initializer a name or spec asks for, such as {@code "he_normal"} or {@code "normal(std=0.01)"}.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static Initializer initializer(String nameOrSpec) {
        return initializers().get(nameOrSpec);
    }

    /** Every activation found. */
    public static PluginRegistry<Activation> activations() {
        return ACTIVATIONS.get();
    }

    /** Every loss found. */
    public static PluginRegistry<Loss> losses() {
        return LOSSES.get();
    }

    /**
     * The activation a name or spec asks for, such as {@code "relu"} or {@code "leaky_relu(alpha=0.1)"}.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static Activation activation(String nameOrSpec) {
        return activations().get(nameOrSpec);
    }

    /**
     * The loss a name or spec asks for, such as {@code "l2"} or {@code "huber(delta=0.5)"}.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static Loss loss(String nameOrSpec) {
        return losses().get(nameOrSpec);
    }
}
