package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The branch-free masks against the comparisons they replace, at every awkward float. */
class MasksTest {

    private static final float[] AWKWARD = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        1e-30f, -1e-30f, 0.5f, -0.5f, Math.nextDown(1f), 1f, Math.nextUp(1f), -Math.nextDown(1f),
        -1f, -Math.nextUp(1f), Math.nextDown(3f), 3f, Math.nextUp(3f), -Math.nextDown(3f), -3f,
        -Math.nextUp(3f), 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
    };

    @Test
    void positiveIsAllOnesExactlyWhereXIsAboveZero() {
        for (float x : AWKWARD) {
            assertEquals(x > 0f ? -1 : 0, Masks.positive(x), "positive(" + x + ")");
        }
    }

    @Test
    void insideIsAllOnesExactlyStrictlyBetweenTheLimits() {
        for (float limit : new float[] {1f, 3f}) {
            for (float x : AWKWARD) {
                assertEquals(x > -limit && x < limit ? -1 : 0, Masks.inside(x, limit),
                        "inside(" + x + ", " + limit + ")");
            }
            assertEquals(0, Masks.inside(Float.NaN, limit), "NaN is not inside");
        }
    }

    @Test
    void selectKeepsOrZeroes() {
        for (float value : AWKWARD) {
            assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(Masks.select(-1, value)));
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Masks.select(0, value)));
        }
    }
}
