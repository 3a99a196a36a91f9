/**
 * The engine of nn. Activations and losses are not its dependencies: it finds them at run time
 * through {@link java.util.ServiceLoader}, whichever module or jar provides them.
 */
module nn.core {
    requires transitive nn.api;
    requires com.google.common;

    exports nn.core.check;
    exports nn.core.data;
    exports nn.core.graph;
    exports nn.core.init;
    exports nn.core.io;
    exports nn.core.kernels;
    exports nn.core.layers;
    exports nn.core.network;
    exports nn.core.optim;
    exports nn.core.plugins;
    exports nn.core.tensor;
    exports nn.core.train;

    uses nn.api.Activation;
    uses nn.api.Initializer;
    uses nn.api.Loss;
    uses nn.api.UpdateRule;
}
