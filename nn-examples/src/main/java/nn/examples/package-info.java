/**
 * Runnable examples, each a {@code main} that prints its progress and ends with a result line:
 * {@link nn.examples.TutorialWalkthrough} (the tutorial step by step),
 * {@link nn.examples.Xor} and {@link nn.examples.BreathHolding} (a small regression).
 */
package nn.examples;
