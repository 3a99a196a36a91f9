package nn.core.plugins;

import nn.api.Activation;
import nn.api.Loss;

/**
 * The activations and losses of this application, read once from {@link java.util.ServiceLoader}
 * with the class loader that loaded nn-core, on first use:
 * <pre>{@code
 * Activation relu = Plugins.activation("relu");
 * Loss l2 = Plugins.loss("l2");
 * }</pre>
 */
public final class Plugins {

    private Plugins() {
    }

    private static final class ActivationsHolder {
        static final PluginRegistry<Activation> REGISTRY = PluginRegistry.load("activation", Activation.class,
                Activation::name, Plugins.class.getClassLoader());
    }

    private static final class LossesHolder {
        static final PluginRegistry<Loss> REGISTRY = PluginRegistry.load("loss", Loss.class,
                Loss::name, Plugins.class.getClassLoader());
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
     * The activation with this name.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static Activation activation(String name) {
        return activations().get(name);
    }

    /**
     * The loss with this name.
     *
     * @throws IllegalArgumentException listing the names that exist, if there is none
     */
    public static Loss loss(String name) {
        return losses().get(name);
    }
}
