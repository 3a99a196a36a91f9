/**
 * The mish activation and the pinball (quantile) loss for nn, registered with {@code provides}
 * for the module path (and in {@code META-INF/services} for the class path). Depends on nn-api
 * alone.
 */
module com.example.mish {
    requires nn.api;

    exports com.example.mish;

    provides nn.api.Activation with com.example.mish.Mish;
    provides nn.api.Loss with com.example.mish.PinballLoss;
}
