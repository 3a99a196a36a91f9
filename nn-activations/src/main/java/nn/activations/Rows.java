package nn.activations;

/** Argument checks shared by the row-wise activations, {@link Softmax} and {@link LogSoftmax}. */
final class Rows {

    private Rows() {
    }

    /** Checks that a bulk call covers whole rows, before any loop runs. */
    static void checkBlock(String name, int length, int rowLength) {
        if (rowLength <= 0 || length < 0 || length % rowLength != 0) {
            throw new IllegalArgumentException(name + " works on whole rows: length (" + length
                    + ") must be a non-negative multiple of rowLength (" + rowLength
                    + "), and rowLength must be positive");
        }
    }

    /** Checks that a double-precision row form got arrays as long as its input row. */
    static void checkSameLength(String name, double[] x, double[] other, String otherName) {
        if (other.length != x.length) {
            throw new IllegalArgumentException(name + ": " + otherName + " has length "
                    + other.length + " but the row x has length " + x.length
                    + "; pass arrays of the row's length");
        }
    }
}
