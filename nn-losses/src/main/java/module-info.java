/**
 * The built-in losses of nn. Each is registered under its name with {@code provides} below and
 * in {@code META-INF/services/nn.api.Loss}, so that it is found on the module path and on the
 * class path alike.
 */
module nn.losses {
    requires nn.api;

    exports nn.losses;

    provides nn.api.Loss with
            nn.losses.L2Loss,
            nn.losses.MeanSquaredError,
            nn.losses.MeanAbsoluteError,
            nn.losses.HuberLoss,
            nn.losses.LogCoshLoss,
            nn.losses.BinaryCrossEntropy,
            nn.losses.CategoricalCrossEntropy,
            nn.losses.SparseCategoricalCrossEntropy,
            nn.losses.HingeLoss,
            nn.losses.SquaredHingeLoss,
            nn.losses.KullbackLeiblerDivergence,
            nn.losses.PoissonLoss;
}
