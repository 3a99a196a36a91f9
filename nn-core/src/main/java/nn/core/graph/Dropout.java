package nn.core.graph;

import nn.core.kernels.Normalization;
import nn.core.tensor.Tensor;

/**
 * Inverted dropout at rate {@code p}: {@code y = x m} with {@code m = 0} (probability {@code p})
 * or {@code 1 / (1 - p)}, a fresh mask from the {@link DropoutGenerator} on every forward
 * computation; backward {@code dx += g m}, with the mask of the last forward. The mask is the
 * node's own scratch tensor, so a replay allocates nothing.
 */
final class Dropout extends Node {

    private final float rate;
    private final DropoutGenerator masks;
    private final float[] mask;
    /** The number of the mask the recording forward drew. */
    private final long recorded;

    Dropout(Node x, float rate, DropoutGenerator masks) {
        super(Tensor.zeros(x.value.shape()), x);
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1) (the fraction of values set to"
                    + " zero), got " + rate);
        }
        this.rate = rate;
        this.masks = java.util.Objects.requireNonNull(masks, "masks");
        this.mask = new float[x.value.size()];
        this.recorded = masks.masksDrawn();
        forward();
    }

    /**
     * Gives back the mask the recording drew, when no other mask was drawn since: the replays,
     * not the recording, are the steps, so a run resumed from a checkpoint (which records its
     * graph again) draws the same masks as one that never stopped.
     */
    @Override
    void compiled() {
        if (masks.masksDrawn() == recorded + 1) {
            masks.setMasksDrawn(recorded);
        }
    }

    @Override
    void forward() {
        Normalization.dropout(operand(0).value.data(), mask, value.data(), mask.length, rate, masks.seed(),
                masks.next());
    }

    @Override
    void propagate() {
        Normalization.dropoutBackward(grad.data(), mask, inputs[0].gradBuffer().data(), mask.length);
    }

    @Override
    String op() {
        return "dropout(" + rate + ")";
    }
}
