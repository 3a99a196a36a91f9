/**
 * The {@code nn} command-line program: {@code train}, {@code evaluate} and {@code predict} on
 * Fashion-MNIST, and the tutorial's examples. Built with picocli; {@code nn --help} lists it all.
 */
package nn.examples.app;
