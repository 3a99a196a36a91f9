package nn.core.layers;

import java.util.Map;
import nn.api.Layer;
import nn.api.Value;
import nn.core.graph.DropoutGenerator;
import nn.core.graph.LayerOps;
import nn.core.network.Checkpointed;
import nn.core.tensor.Tensor;

/**
 * Inverted dropout: in training, each value is set to zero with probability {@code rate} and the
 * others are divided by {@code 1 - rate}, so every value keeps its expected value; at inference
 * ({@code training = false}, as in {@code Sequential.predict}) the layer is the identity. No
 * parameters.
 *
 * <p>Masks come from the layer's own {@link DropoutGenerator}: the {@code k}-th mask drawn is a
 * function of the seed and {@code k} alone, so one seed gives one run, on any number of threads.
 * A step's mask is drawn by each forward computation, the first one and each replay of a
 * compiled graph. Two dropout layers with the same seed in one network would draw the same
 * masks where their shapes agree: give each its own seed ({@link #Dropout(double)} uses
 * {@value #DEFAULT_SEED}).
 *
 * <p>Not thread-safe: its mask generator counts the masks drawn.
 */
public final class Dropout implements Layer, Checkpointed {

    /** The seed of {@link #Dropout(double)}. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    private final double rate;
    private final long seed;
    private final DropoutGenerator masks;

    /** Dropout at {@code rate}, in {@code [0, 1)}, with the default seed. */
    public Dropout(double rate) {
        this(rate, DEFAULT_SEED);
    }

    /**
     * Dropout at {@code rate}, the fraction of values set to zero in training, with masks drawn
     * from {@code seed}.
     *
     * @throws IllegalArgumentException if {@code rate} is not in {@code [0, 1)}
     */
    public Dropout(double rate, long seed) {
        LayerOps.checkRate(rate);
        this.rate = rate;
        this.seed = seed;
        this.masks = new DropoutGenerator(seed);
    }

    /** The fraction of values set to zero in training. */
    public double rate() {
        return rate;
    }

    /** The seed of the masks. */
    public long seed() {
        return seed;
    }

    /** The generator of the masks (how many have been drawn). */
    public DropoutGenerator masks() {
        return masks;
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Value forward(Value input, boolean training) {
        if (!training || rate == 0) {
            return input;
        }
        return LayerOps.dropout(input, rate, masks);
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }

    /** Saves how many masks have been drawn, so that a resumed run draws the masks an unbroken one would. */
    @Override
    public void saveState(Map<String, String> values, Map<String, Tensor> tensors) {
        values.put("masks_drawn", Long.toString(masks.masksDrawn()));
    }

    @Override
    public void restoreState(Map<String, String> values, Map<String, Tensor> tensors) {
        String drawn = values.get("masks_drawn");
        try {
            masks.setMasksDrawn(Long.parseLong(drawn));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the saved state of " + this + " has masks_drawn = '" + drawn
                    + "', not a count", e);
        }
    }
}
