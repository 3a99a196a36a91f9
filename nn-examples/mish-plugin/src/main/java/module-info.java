/** The mish activation for nn, registered with provides for the module path. */
module com.example.mish {
    requires nn.api;

    exports com.example.mish;

    provides nn.api.Activation with com.example.mish.Mish;
}
