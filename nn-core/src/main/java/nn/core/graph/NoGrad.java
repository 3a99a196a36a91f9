package nn.core.graph;

/**
 * Turns gradient recording off on this thread while open, for inference:
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     Tensor prediction = network.predict(x);
 * }
 * }</pre>
 * Nodes made inside record nothing for a backward pass, which they cannot take, and skip the
 * gradient book-keeping. Blocks nest.
 *
 * <p>Thread-safe: a block affects only the thread that opened it (the depth is kept per thread),
 * and is closed by that thread.
 */
public final class NoGrad implements AutoCloseable {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private boolean closed;

    private NoGrad() {
    }

    /** Opens a block without gradient recording on this thread. */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** Whether gradients are recorded on this thread now. */
    public static boolean isRecording() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
