package nn.examples.app;

/** The number of threads the kernels use, set from {@code --threads}. */
final class Threads {

    private Threads() {
    }

    /** Sets the kernels' thread count, if one is given. */
    static void apply(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            System.setProperty("nn.threads", Integer.toString(threads));
        }
    }

    /** The thread count in force. */
    static int current() {
        return Integer.getInteger("nn.threads", Runtime.getRuntime().availableProcessors());
    }
}
