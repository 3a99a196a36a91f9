package nn.activations;

/**
 * The error function and its complement in double precision, for {@link Gelu}.
 *
 * <pre>{@code
 * erf(x)  = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt
 * erfc(x) = 1 - erf(x)
 * }</pre>
 *
 * <p>W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
 * error function", Math. Comp. 23 (1969), 631-637), with the coefficients of his SPECFUN routine
 * CALERF, over three ranges of {@code |x|}: up to 0.46875, up to 4, and beyond. The relative
 * error is below about 1e-15 for {@code erf} everywhere and for {@code erfc} until it underflows
 * near {@code x = 26.5}. {@code erfc} is computed directly, not as {@code 1 - erf}, so that its
 * small values in the tail keep their relative accuracy. NaN gives NaN.
 */
final class Erf {

    /** Below this |x|, erf is a rational function of x^2; above, erfc is computed first. */
    private static final double THRESHOLD = 0.46875;
    /** Below this |x|, x^2 is negligible next to the constant terms. */
    private static final double X_SMALL = 1.11e-16;
    /** Above this x, erfc(x) underflows to 0 in double precision. */
    private static final double X_BIG = 26.543;
    /** 1 / sqrt(pi). */
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

    private static final double[] A = {
        3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {
        2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
        2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
        3.43936767414372164e03, 1.23033935480374942e03};
    private static final double[] P = {
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {
        2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private Erf() {
    }

    /** The error function at {@code x}. */
    static double erf(double x) {
        double y = Math.abs(x);
        if (y <= THRESHOLD) {
            return erfNearZero(x);
        }
        double result = (0.5 - erfcAboveThreshold(y)) + 0.5;
        return x < 0 ? -result : result;
    }

    /** The complementary error function {@code 1 - erf(x)} at {@code x}. */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= THRESHOLD) {
            return 1.0 - erfNearZero(x);
        }
        double result = erfcAboveThreshold(y);
        return x < 0 ? 2.0 - result : result;
    }

    /** erf(x) for |x| <= 0.46875: x times a rational function of x^2. */
    private static double erfNearZero(double x) {
        double y = Math.abs(x);
        double ysq = y > X_SMALL ? y * y : 0.0;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y > 0.46875 (or NaN): exp(-y^2) times a rational function. */
    private static double erfcAboveThreshold(double y) {
        double r;
        if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else if (y >= X_BIG) {
            return 0.0;
        } else {
            double z = 1.0 / (y * y);
            double num = P[5] * z;
            double den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            r = z * (num + P[4]) / (den + Q[4]);
            r = (ONE_OVER_SQRT_PI - r) / y;
        }
        // exp(-y^2) as exp(-a^2) exp(-(y - a)(y + a)) with a = y rounded down to 1/16, so that
        // the rounding error of y^2 is not magnified by the exponential.
        double a = Math.floor(y * 16.0) / 16.0;
        double delta = (y - a) * (y + a);
        return Math.exp(-a * a) * Math.exp(-delta) * r;
    }
}
