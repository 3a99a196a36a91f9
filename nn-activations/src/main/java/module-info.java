/**
 * The built-in activations of nn. Each is registered under its name with {@code provides} below
 * and in {@code META-INF/services/nn.api.Activation}, so that it is found on the module path and
 * on the class path alike. The package is exported so that an application can also build one
 * with non-default hyperparameters directly, such as {@code new LeakyRelu(0.2)}.
 */
module nn.activations {
    requires nn.api;

    exports nn.activations;

    provides nn.api.Activation with
            nn.activations.Identity,
            nn.activations.Sigmoid,
            nn.activations.Tanh,
            nn.activations.Relu,
            nn.activations.LeakyRelu,
            nn.activations.Elu,
            nn.activations.Selu,
            nn.activations.Gelu,
            nn.activations.Silu,
            nn.activations.Softplus,
            nn.activations.Softsign,
            nn.activations.HardSigmoid,
            nn.activations.HardTanh,
            nn.activations.Softmax,
            nn.activations.LogSoftmax;
}
