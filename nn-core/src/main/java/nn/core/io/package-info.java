/**
 * Saving and loading: {@link nn.core.io.ModelFile} writes a network, its metadata and any extra
 * tensors to a versioned, self-describing, checksummed file (docs/MODEL-FORMAT.md) and reads it
 * back, failing on any bad file with one exception, {@link nn.core.io.ModelFormatException};
 * {@link nn.core.io.AtomicFiles} writes any file so that a crash never leaves half of it under
 * its name.
 */
package nn.core.io;
