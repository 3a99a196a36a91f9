package nn.examples.app;

import nn.core.network.Sequential;

/**
 * What {@code nn train --arch} builds: a fully connected network ({@code 784-256-128-10},
 * an {@link Architecture}) or the convolutional network {@code cnn} ({@link CnnArchitecture}).
 */
interface NetworkDesign {

    /** The input width (pixels per image). */
    int inputWidth();

    /** The number of outputs (classes). */
    int outputWidth();

    /** The architecture as written on the command line, such as {@code 784-256-128-10} or {@code cnn}. */
    String sizesText();

    /** Builds and seeds the network. */
    Sequential build(long seed);

    /**
     * The design {@code arch} names: {@code cnn}, or layer sizes joined by {@code -}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static NetworkDesign parse(String arch, String activation, String outputActivation, String init) {
        return parse(arch, activation, outputActivation, init, false, 0);
    }

    /**
     * The design {@code arch} names, with batch normalization and dropout in a fully connected
     * network.
     *
     * @throws IllegalArgumentException saying what is wrong, such as batch norm asked of {@code cnn}
     */
    static NetworkDesign parse(String arch, String activation, String outputActivation, String init,
                               boolean batchNorm, double dropout) {
        if (arch.trim().equals(CnnArchitecture.NAME)) {
            if (batchNorm || dropout != 0) {
                throw new IllegalArgumentException("--batch-norm and --dropout apply to fully connected architectures"
                        + " (such as 784-256-128-10), not to " + CnnArchitecture.NAME);
            }
            return new CnnArchitecture(activation, outputActivation, init);
        }
        return new FullyConnected(new Architecture(Architecture.parseSizes(arch), activation, outputActivation, init,
                batchNorm, dropout));
    }

    /** A fully connected network. */
    record FullyConnected(Architecture architecture) implements NetworkDesign {
        @Override
        public int inputWidth() {
            return architecture.inputWidth();
        }

        @Override
        public int outputWidth() {
            return architecture.outputWidth();
        }

        @Override
        public String sizesText() {
            return architecture.sizesText();
        }

        @Override
        public Sequential build(long seed) {
            return architecture.build(seed);
        }

        @Override
        public String toString() {
            return architecture.toString();
        }
    }
}
