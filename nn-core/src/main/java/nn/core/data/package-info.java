/**
 * Data sets: {@link nn.core.data.IdxReader} reads the IDX files of MNIST and Fashion-MNIST
 * (gzip or plain) and checks every number in them; {@link nn.core.data.Dataset} holds samples as
 * a tensor, one row per sample, with their integer class labels.
 */
package nn.core.data;
