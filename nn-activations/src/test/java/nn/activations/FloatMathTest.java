package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float-path stand-ins against {@link Math}, across magnitudes from 1e-300 to overflow. */
class FloatMathTest {

    /** Promised in FloatMath: relative error below 1e-10, far inside float rounding (6e-8). */
    private static final double RELATIVE = 1e-10;

    private static void assertRelativelyClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void tanhMatchesMathTanhOnBothSidesOfItsSeriesCutoff() {
        for (int exponent = -300; exponent <= 3; exponent++) {
            for (double mantissa : new double[] {1.0, 1.7, 2.9, 5.3, 9.99}) {
                double x = mantissa * Math.pow(10, exponent);
                assertRelativelyClose(Math.tanh(x), FloatMath.tanh(x), "tanh(" + x + ")");
                assertRelativelyClose(Math.tanh(-x), FloatMath.tanh(-x), "tanh(" + -x + ")");
            }
        }
        for (double x : new double[] {Math.nextDown(1e-4), 1e-4, Math.nextUp(1e-4), 20, 400, 1e300}) {
            assertRelativelyClose(Math.tanh(x), FloatMath.tanh(x), "tanh(" + x + ")");
        }
        assertEquals(1.0, FloatMath.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FloatMath.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FloatMath.tanh(-0.0)));
        assertTrue(Double.isNaN(FloatMath.tanh(Double.NaN)));
    }

    @Test
    void expm1MatchesMathExpm1OnBothSidesOfItsSeriesCutoff() {
        for (int exponent = -300; exponent <= 2; exponent++) {
            for (double mantissa : new double[] {1.0, 1.7, 2.9, 5.3, 9.99}) {
                double x = mantissa * Math.pow(10, exponent);
                assertRelativelyClose(Math.expm1(-x), FloatMath.expm1(-x), "expm1(" + -x + ")");
                if (x < 700) {
                    assertRelativelyClose(Math.expm1(x), FloatMath.expm1(x), "expm1(" + x + ")");
                }
            }
        }
        for (double x : new double[] {Math.nextDown(-1e-5), -1e-5, Math.nextUp(-1e-5), -800, -1e300}) {
            assertRelativelyClose(Math.expm1(x), FloatMath.expm1(x), "expm1(" + x + ")");
        }
        assertEquals(-1.0, FloatMath.expm1(Double.NEGATIVE_INFINITY));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FloatMath.expm1(-0.0)));
        assertTrue(Double.isNaN(FloatMath.expm1(Double.NaN)));
    }
}
