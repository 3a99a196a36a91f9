/**
 * Optimizers: how parameters move, given their gradients. Order of use in a step: zero the
 * gradients, run forward and backward, then {@link nn.core.optim.Optimizer#step}.
 */
package nn.core.optim;
