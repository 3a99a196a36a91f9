/**
 * Training: the mini-batch loop ({@link nn.core.train.Trainer}) with a seeded shuffle, the
 * objective it minimises, and what it reports per epoch.
 */
package nn.core.train;
