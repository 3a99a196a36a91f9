package nn.core.graph;

/**
 * The seeded source of a dropout layer's masks: a seed and the number of masks drawn so far.
 * Mask number {@code k} of a seed is always the same (each element's fate is a hash of seed,
 * {@code k} and its index: see {@link nn.core.kernels.Normalization#dropout}), so one seed gives
 * one run, whatever the thread count. Every forward computation of a dropout op, the first and
 * each replay of a {@link CompiledGraph}, draws the next mask.
 *
 * <p>Not thread-safe: it belongs to the layer, which belongs to one training thread.
 */
public final class DropoutGenerator {

    private final long seed;
    private long drawn;

    /** A generator whose first mask is mask 0 of {@code seed}. */
    public DropoutGenerator(long seed) {
        this.seed = seed;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** How many masks have been drawn. */
    public long masksDrawn() {
        return drawn;
    }

    /**
     * Sets how many masks have been drawn, so that the next mask is mask {@code drawn}: how a
     * checkpoint puts a dropout layer back where it was.
     *
     * @throws IllegalArgumentException if {@code drawn} is negative
     */
    public void setMasksDrawn(long drawn) {
        if (drawn < 0) {
            throw new IllegalArgumentException("the number of masks drawn must not be negative, got " + drawn);
        }
        this.drawn = drawn;
    }

    /** The number of the next mask, counted. */
    long next() {
        return drawn++;
    }

    @Override
    public String toString() {
        return "DropoutGenerator(seed=" + seed + ", drawn=" + drawn + ")";
    }
}
