/**
 * The contracts of nn. A third party that adds an activation, a loss or a layer depends on this
 * module alone; it has no dependencies beyond the JDK.
 */
module nn.api {
    exports nn.api;
}
