package nn.core.init;

import java.util.Arrays;
import java.util.Random;

/** {@code zeros}: every value 0 (the usual bias). Draws nothing from the random generator. *
 * <p>Immutable and thread-safe.
 */
public final class Zeros implements nn.api.Initializer {

    /** The initializer. */
    public Zeros() {
    }

    @Override
    public String name() {
        return "zeros";
    }

    @Override
    public void initialize(float[] values, int[] shape, Random random) {
        Arrays.fill(values, 0f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zeros;
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "zeros";
    }
}
