package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatMath#exp(float)} and {@link FloatMath#sigmoid(float)} against {@link Math} over
 * their whole range, and {@link FloatLoops} (the Vector API loops in one surefire run, the plain
 * ones in the other) against the scalar form, bit for bit (any NaN counting as any other).
 */
class FloatLoopsTest {

    /** The distance from {@code actual} to {@code exact} in units of the float grid around exact. */
    private static double ulps(float actual, double exact) {
        float rounded = (float) exact;
        double ulp = Math.ulp(rounded == 0f ? Float.MIN_VALUE : rounded);
        return Math.abs(actual - exact) / ulp;
    }

    @Test
    void theLoopsAreTheVectorOnesExactlyWhenTheModuleIsThere() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        // surefire sets nn.test.vector in both of its runs, so a silent fallback fails here
        boolean expected = Boolean.parseBoolean(System.getProperty("nn.test.vector", String.valueOf(present)));
        assertEquals(expected, FloatLoops.INSTANCE.vectorized(), "jdk.incubator.vector present: " + present);
    }

    @Test
    void expIsWithinTwoUnitsInTheLastPlaceOverItsWholeRange() {
        double worst = 0;
        float worstAt = 0;
        int compared = 0;
        // every 4099th float from 0 to beyond overflow, both signs: about 560,000 points
        for (int bits = 0; bits <= Float.floatToRawIntBits(89f); bits += 4099) {
            for (float x : new float[] {Float.intBitsToFloat(bits), -Float.intBitsToFloat(bits)}) {
                double exact = Math.exp(x);
                float got = FloatMath.exp(x);
                if (exact > Float.MAX_VALUE) {
                    assertEquals(Float.POSITIVE_INFINITY, got, "exp(" + x + ")");
                    continue;
                }
                double error = ulps(got, exact);
                compared++;
                if (error > worst) {
                    worst = error;
                    worstAt = x;
                }
            }
        }
        assertTrue(compared > 500_000, "compared " + compared);
        assertTrue(worst <= 2.0, "worst error " + worst + " units in the last place, at x = " + worstAt);
    }

    @Test
    void expAtItsEdges() {
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals(1f, FloatMath.exp(-0f));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(88.73f));
        assertEquals((float) Math.exp(88.72f), FloatMath.exp(88.72f), Math.ulp((float) Math.exp(88.72f)) * 2);
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, FloatMath.exp(-104f));
        assertEquals(0f, FloatMath.exp(-1e30f));
        assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.28f), "the smallest subnormal, exp(-103.28) = 1.6e-45");
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
    }

    @Test
    void sigmoidIsWithinFourUnitsInTheLastPlaceOfTheDoubleForm() {
        double worst = 0;
        float worstAt = 0;
        for (int bits = 0; bits <= Float.floatToRawIntBits(120f); bits += 4099) {
            for (float x : new float[] {Float.intBitsToFloat(bits), -Float.intBitsToFloat(bits)}) {
                double exact = Sigmoid.logistic(x);
                if (x < FloatMath.SIGMOID_ZERO_BELOW) {
                    continue; // flushed to zero: the next test
                }
                double error = ulps(FloatMath.sigmoid(x), exact);
                if (error > worst) {
                    worst = error;
                    worstAt = x;
                }
            }
        }
        assertTrue(worst <= 4.0, "worst error " + worst + " units in the last place, at x = " + worstAt);
        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertEquals(0.5f, FloatMath.sigmoid(-0f));
        assertEquals(1f, FloatMath.sigmoid(1000f));
        assertEquals(1f, FloatMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatMath.sigmoid(-1000f));
        assertEquals(0f, FloatMath.sigmoid(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)));
    }

    @Test
    void sigmoidIsZeroBelowMinus87WhereTheLogisticNearsTheSubnormalsAndNeverSubnormal() {
        int flushed = 0;
        for (int bits = 0; bits <= Float.floatToRawIntBits(120f); bits += 4099) {
            for (float x : new float[] {Float.intBitsToFloat(bits), -Float.intBitsToFloat(bits)}) {
                float got = FloatMath.sigmoid(x);
                assertTrue(got == 0f || got >= Float.MIN_NORMAL, "sigmoid(" + x + ") = " + got + " is subnormal");
                if (x < FloatMath.SIGMOID_ZERO_BELOW) {
                    assertEquals(0f, got, "sigmoid(" + x + ")");
                    flushed++;
                }
            }
        }
        assertTrue(flushed > 1000, "flushed " + flushed);
        assertEquals(0f, FloatMath.sigmoid(-87.01f));
        assertEquals(0f, FloatMath.sigmoid(-100f), "the logistic is 3.7e-44 here, a subnormal");
        assertTrue(FloatMath.sigmoid(-87f) >= Float.MIN_NORMAL, "sigmoid(-87) = " + FloatMath.sigmoid(-87f));
        assertEquals((float) Sigmoid.logistic(-86.5f), FloatMath.sigmoid(-86.5f),
                4 * Math.ulp((float) Sigmoid.logistic(-86.5f)));
    }

    /** A bulk loop over {@code [from, to)} of inputs {@code x} into {@code out}. */
    private interface Loop {
        void run(float[] x, float[] out, int from, int to);
    }

    /** What the loop must leave in {@code out[i]} for an element inside its range. */
    private interface Scalar {
        float at(float[] x, float[] outBefore, int i);
    }

    /**
     * Runs {@code loop} on random inputs with special values mixed in, for every start 0-19 and
     * length 0-69 (whole vectors and tails), and compares every element bit for bit with the
     * scalar form inside the range and with the untouched value outside it.
     */
    private static void assertMatchesScalar(String name, Loop loop, Scalar scalar) {
        Random random = new Random(17);
        float[] special = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00000), Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 88.7f, 89.5f, -103.9f, -104.5f, -87f, -87.01f, 87f, 1e-30f, -1e-30f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0.34657359f, -0.34657359f,
            16.635532f, -16.635532f};
        for (int from = 0; from < 20; from++) {
            for (int length = 0; length < 70; length++) {
                float[] x = new float[from + length + 5];
                float[] out = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                            : (float) (12 * random.nextGaussian());
                    out[i] = random.nextInt(8) == 0 ? -0f : (float) random.nextGaussian();
                }
                float[] before = out.clone();
                loop.run(x, out, from, from + length);
                for (int i = 0; i < x.length; i++) {
                    boolean inside = i >= from && i < from + length;
                    float expected = inside ? scalar.at(x, before, i) : before[i];
                    // bit for bit, signed zeros included; a NaN's sign and payload are not promised
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]),
                            name + ": from " + from + ", length " + length + ", index " + i + ", x = " + x[i]);
                }
            }
        }
    }

    @Test
    void sigmoidLoopComputesTheScalarBitsOnEveryElementOfItsRangeAndNothingElse() {
        assertMatchesScalar("sigmoid", FloatLoops.INSTANCE::sigmoid, (x, out, i) -> FloatMath.sigmoid(x[i]));
        assertMatchesScalar("sigmoid in place", (x, out, from, to) -> {
            System.arraycopy(x, from, out, from, to - from);
            FloatLoops.INSTANCE.sigmoid(out, out, from, to);
        }, (x, out, i) -> FloatMath.sigmoid(x[i]));
    }

    @Test
    void reluLoopsComputeTheScalarBitsOnEveryElementOfTheirRangeAndNothingElse() {
        assertMatchesScalar("relu", FloatLoops.INSTANCE::relu, (x, out, i) -> Math.max(x[i], 0f));
        // gradY is x shifted by one, so that NaN and signed zeros meet every kind of x
        assertMatchesScalar("relu backward", (x, gradX, from, to) -> {
            float[] gradY = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                gradY[i] = x[(i + 1) % x.length];
            }
            FloatLoops.INSTANCE.reluBackward(x, gradY, gradX, from, to);
        }, (x, gradX, i) -> gradX[i] + (x[i] > 0f || Float.floatToRawIntBits(x[i]) == 0x7fc00000
                ? x[(i + 1) % x.length] : 0f));
    }
}
