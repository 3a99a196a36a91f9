/**
 * Networks: {@link nn.core.network.Sequential}, a stack of layers built and seeded at once, and
 * {@link nn.core.network.NeuralNetwork}, the tutorial's {@code NN} class with its
 * {@code forwardPass}, {@code evalLoss}, {@code backprop} and mini-batch SGD, computed by the
 * general engine.
 */
package nn.core.network;
