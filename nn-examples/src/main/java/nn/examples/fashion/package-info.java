/**
 * Fashion-MNIST: {@link nn.examples.fashion.FashionMnist} finds the four IDX files (a directory
 * given, {@code $NN_FASHION_MNIST}, the per-user cache, Debian's {@code dataset-fashion-mnist}
 * package) or downloads them, checks their published MD5 checksums, and loads the training and
 * test sets.
 */
package nn.examples.fashion;
