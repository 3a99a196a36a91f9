package nn.activations;

/**
 * Stand-ins for {@link Math} functions on the bulk {@code float} paths.
 *
 * <p>{@link #tanh} and {@link #expm1} replace {@link Math#tanh} and {@link Math#expm1}, which are
 * computed in software (StrictMath) and cost two to three times as much as the {@link Math#exp}
 * they are built on here; they keep a relative error below 1e-10, far inside float rounding
 * (6e-8), though not the last bit of a double; the double-precision forms ({@code apply},
 * {@code derivative}) keep using {@code Math}.
 *
 * <p>{@link #exp(float)} and {@link #sigmoid(float)} are computed in {@code float} from
 * operations that a vector unit has lane by lane (fused multiply-adds, a division, integer
 * shifts on the bits), so that {@link FloatLoops}' Vector API form computes the very same bits,
 * sixteen lanes at a time.
 */
final class FloatMath {

    /** Below it exp rounds to 0 in float; clamping there keeps the exponent arithmetic in range. */
    static final float EXP_MIN = -104f;
    /** Above it exp overflows to infinity in float (exp(88.73) is already above Float.MAX_VALUE). */
    static final float EXP_MAX = 89f;
    static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln 2 in two parts: the first has 12 significant bits, so n * LN2_HI is exact for |n| <= 2^12. */
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860682e-6f;
    // exp(r) = 1 + r + r^2 (P0 + P1 r + ... + P5 r^5) on |r| <= ln(2)/2 (Cephes' expf)
    static final float P5 = 1.9875691500e-4f;
    static final float P4 = 1.3981999507e-3f;
    static final float P3 = 8.3334519073e-3f;
    static final float P2 = 4.1665795894e-2f;
    static final float P1 = 1.6666665459e-1f;
    static final float P0 = 5.0000001201e-1f;

    private FloatMath() {
    }

    /**
     * tanh(x) as 1 - 2 / (exp(2|x|) + 1), signed. That has an absolute error of a few 1e-16,
     * so below |x| = 1e-4, where it would exceed 1e-12 relative, the series x (1 - x^2/3) is used
     * (next term 2x^5/15, relative 2x^4/15 &lt; 2e-17). Overflow of exp gives 1; NaN gives NaN.
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 1e-4) {
            return x * (1.0 - x * x / 3.0);
        }
        return Math.copySign(1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0), x);
    }

    /**
     * exp(x) - 1. The subtraction has an absolute error of about 1e-16, so below |x| = 1e-5,
     * where that would exceed 2e-11 relative, the series x + x^2/2 + x^3/6 is used (next term
     * x^4/24, relative below 5e-17). NaN gives NaN.
     */
    static double expm1(double x) {
        if (Math.abs(x) < 1e-5) {
            return x * (1.0 + x * (0.5 + x / 6.0));
        }
        return Math.exp(x) - 1.0;
    }

    /**
     * e^x in float, within 2 units in the last place of the correctly rounded result wherever
     * that is a normal float (tested over a sweep of the whole range): x = n ln 2 + r with n an
     * integer and |r| &lt;= ln(2)/2, e^r by a polynomial, then 2^n applied in two halves (so that
     * results down to the subnormals and up to overflow come out of one formula). Overflows to
     * infinity above about 88.72, rounds to 0 below about -103.97; NaN gives NaN.
     */
    static float exp(float x) {
        float t = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float shifted = t * LOG2E + ROUNDER;
        float n = shifted - ROUNDER;
        int ni = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        float r = Math.fma(n, -LN2_HI, t);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P5, r, P4);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P1);
        p = Math.fma(p, r, P0);
        float e = Math.fma(p, r * r, r) + 1f;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        return e * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /**
     * Below this the logistic function is no longer a normal float: e^-87 = 1.6e-38, the smallest
     * normal float is 1.2e-38.
     */
    static final float SIGMOID_ZERO_BELOW = -87f;

    /**
     * The logistic function in float, without overflow: with e = exp(-|x|), 1 / (1 + e) for
     * x &gt;= 0 and e / (1 + e) below (as {@link Sigmoid#logistic} in double); 0 below
     * {@link #SIGMOID_ZERO_BELOW}, where it would be a subnormal float. The exponent is clamped
     * there too, so no step computes a subnormal: on x86 each such operation takes a microcode
     * assist a hundred times slower (a saturated layer of the tutorial's network ran its sigmoid
     * at a fifth of its speed), and the graph flushes outputs below 2^-100 to zero anyway.
     */
    static float sigmoid(float x) {
        if (x < SIGMOID_ZERO_BELOW) {
            return 0f;
        }
        float e = exp(Math.max(-Math.abs(x), SIGMOID_ZERO_BELOW));
        float s = 1f / (1f + e);
        return x >= 0f ? s : e * s;
    }
}
