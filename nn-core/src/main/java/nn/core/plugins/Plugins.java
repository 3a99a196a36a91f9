package nn.core.plugins;

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
 * <p>Thread-safe: each registry is read once, on first use, and is immutable.
 */
public final class Plugins {

    private Plugins() {
    }

    private static final class ActivationsHolder {
        static final PluginRegistry<Activation> REGISTRY = PluginRegistry.load("activation", Activation.class,
                Activation::name, Plugins.class.getClassLoader()).configuredBy(Activation::with);
    }

    private static final class LossesHolder {
        static final PluginRegistry<Loss> REGISTRY = PluginRegistry.load("loss", Loss.class,
                Loss::name, Plugins.class.getClassLoader()).configuredBy(Loss::with);
    }

    private static final class UpdateRulesHolder {
        static final PluginRegistry<UpdateRule> REGISTRY = PluginRegistry.load("update rule", UpdateRule.class,
                UpdateRule::name, Plugins.class.getClassLoader()).configuredBy(UpdateRule::with);
    }

    private static final class InitializersHolder {
        static final PluginRegistry<Initializer> REGISTRY = PluginRegistry.load("initializer", Initializer.class,
                Initializer::name, Plugins.class.getClassLoader()).configuredBy(Initializer::with);
    }

    /** Every update rule (optimizer) found. */
    public static PluginRegistry<UpdateRule> updateRules() {
        return UpdateRulesHolder.REGISTRY;
    }

    /** Every initializer found. */
    public static PluginRegistry<Initializer> initializers() {
        return InitializersHolder.REGISTRY;
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
        return ActivationsHolder.REGISTRY;
    }

    /** Every loss found. */
    public static PluginRegistry<Loss> losses() {
        return LossesHolder.REGISTRY;
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
