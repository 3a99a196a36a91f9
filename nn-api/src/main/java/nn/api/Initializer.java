package nn.api;

import java.util.Random;

/**
 * Fills a new parameter with its initial values. It must draw all its randomness from the
 * {@code random} it is given, so that one seed gives one network.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Writes the initial values of a parameter of the given shape (row-major) into {@code values}.
     */
    void initialize(float[] values, int[] shape, Random random);
}
