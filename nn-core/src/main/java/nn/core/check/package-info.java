/**
 * Gradient checks by central differences, public so that plugin and layer authors can call them
 * from their own tests: {@link nn.core.check.GradientChecker} compares every analytic derivative
 * (of an activation, a loss, an op graph or a layer) with a numerical one and reports each
 * disagreement with its input and its size in a {@link nn.core.check.GradientCheck}; and
 * {@link nn.core.check.Conformance} checks all a plugin must do to be used by name, reporting
 * every failure in a {@link nn.core.check.ConformanceReport}.
 */
package nn.core.check;
