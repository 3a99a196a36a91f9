package nn.examples.fashion;

import java.io.IOException;

/**
 * Fashion-MNIST is nowhere to be found and could not be downloaded. The message lists where it
 * looked, why each place did not do, and how to get the files.
 */
public final class FashionMnistNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public FashionMnistNotFoundException(String message) {
        super(message);
    }
}
