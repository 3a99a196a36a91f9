/**
 * Optimizers: how parameters move, given their gradients. Order of use in a step: zero the
 * gradients, run forward and backward, then {@link nn.core.optim.Optimizer#step}.
 *
 * <p>{@link nn.core.optim.RuleOptimizer} is the engine: it keeps each parameter's state, clips
 * and regularizes gradients, and applies an {@link nn.api.UpdateRule} found by name (the built-in
 * {@code sgd}, {@code adagrad}, {@code rmsprop}, {@code adam}, {@code adamw}, or a third party's,
 * registered the same way). {@link nn.core.optim.OptimizerState} is what a checkpoint saves.
 * Learning-rate schedules ({@link nn.core.optim.Schedules},
 * {@link nn.core.optim.ReduceLrOnPlateau}) set the optimizer's rate between epochs or batches.
 */
package nn.core.optim;
