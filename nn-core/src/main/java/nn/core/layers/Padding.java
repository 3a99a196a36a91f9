package nn.core.layers;

import java.util.Locale;

/**
 * How a 2-D layer pads its input on each side: {@link #VALID} (none: the window only visits
 * whole positions), {@link #SAME} (TensorFlow's rule: enough that the output is
 * {@code ceil(size / stride)}, the total {@code max((out - 1) * stride + kernel - size, 0)} split
 * with the smaller half before, so before = after for odd kernels and stride 1), or an explicit
 * count of rows and columns added on every side ({@link #of(int)}, PyTorch's {@code padding=p}).
 * Convolutions pad with zeros; pooling never reads padding.
 *
 * <p>Immutable and thread-safe.
 */
public final class Padding {

    /** No padding. */
    public static final Padding VALID = new Padding(-1);
    /** TensorFlow's "same" padding. */
    public static final Padding SAME = new Padding(-2);

    private final int amount;

    private Padding(int amount) {
        this.amount = amount;
    }

    /**
     * {@code amount} rows and columns on every side.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public static Padding of(int amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("padding must be at least 0, got " + amount);
        }
        return amount == 0 ? VALID : new Padding(amount);
    }

    /**
     * Reads {@code valid}, {@code same} or a whole number of at least 0, as {@link #toString()}
     * writes them.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Padding parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("valid")) {
            return VALID;
        }
        if (t.equals("same")) {
            return SAME;
        }
        if (t.matches("0|[1-9][0-9]{0,8}")) {
            return of(Integer.parseInt(t));
        }
        throw new IllegalArgumentException("padding '" + text + "' is not valid, same or a whole number >= 0");
    }

    /** The padding before and after an input dimension of {@code size} for this kernel and stride. */
    public int[] resolve(int size, int kernel, int stride) {
        if (this == VALID) {
            return new int[] {0, 0};
        }
        if (this == SAME) {
            int out = (size + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + kernel - size, 0);
            return new int[] {total / 2, total - total / 2};
        }
        return new int[] {amount, amount};
    }

    /** {@code valid}, {@code same}, or the number. */
    @Override
    public String toString() {
        return this == VALID ? "valid" : this == SAME ? "same" : Integer.toString(amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.amount == amount;
    }

    @Override
    public int hashCode() {
        return amount;
    }
}
