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

    provides nn.api.UpdateRule with
            nn.core.optim.SgdRule,
            nn.core.optim.AdagradRule,
            nn.core.optim.RmspropRule,
            nn.core.optim.AdamRule,
            nn.core.optim.AdamWRule;
    provides nn.api.Initializer with
            nn.core.init.Normal,
            nn.core.init.Uniform,
            nn.core.init.Zeros,
            nn.core.init.Constant,
            nn.core.init.VarianceScaling.GlorotUniform,
            nn.core.init.VarianceScaling.GlorotNormal,
            nn.core.init.VarianceScaling.HeUniform,
            nn.core.init.VarianceScaling.HeNormal,
            nn.core.init.VarianceScaling.LecunUniform,
            nn.core.init.VarianceScaling.LecunNormal;
}
