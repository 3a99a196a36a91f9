package nn.activations;

/**
 * Stand-ins for {@link Math#tanh} and {@link Math#expm1} on the bulk {@code float} paths.
 *
 * <p>Those two are computed in software (StrictMath) and cost two to three times as much as the
 * {@link Math#exp} they can be built on. The versions here keep a relative error below 1e-10,
 * far inside float rounding (6e-8), though not the last bit of a double; the double-precision
 * forms ({@code apply}, {@code derivative}) keep using {@code Math}.
 */
final class FloatMath {

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
}
