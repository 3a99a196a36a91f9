package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The error function against reference values and an independent series. */
class ErfTest {

    /** Relative accuracy promised to Gelu; Cody's approximation reaches about 1e-15. */
    private static final double RELATIVE = 1e-14;

    private static void assertRelativelyClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    /**
     * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n x (2x^2)^n / (1 3 5 ... (2n+1)): every term is
     * positive, so there is no cancellation; checked against 50-digit values to be within
     * about 1.2e-15 relative for |x| <= 6.
     */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    @Test
    void erfMatchesKnownValues() {
        // The values of the brief, then 50-digit values (mpmath) rounded to double.
        assertRelativelyClose(0.5204998778130465, Erf.erf(0.5), "erf(0.5)");
        assertRelativelyClose(0.8427007929497149, Erf.erf(1.0), "erf(1)");
        assertRelativelyClose(0.9953222650189527, Erf.erf(2.0), "erf(2)");
        assertRelativelyClose(-0.9661051464753108, Erf.erf(-1.5), "erf(-1.5)");
        assertRelativelyClose(1.1283791670955126e-10, Erf.erf(1e-10), "erf(1e-10)");
        assertRelativelyClose(0.1124629160182849, Erf.erf(0.1), "erf(0.1)");
        assertRelativelyClose(0.49261347321793797, Erf.erf(0.46875), "erf(0.46875)");
        assertRelativelyClose(0.9999779095030014, Erf.erf(3.0), "erf(3)");
        assertRelativelyClose(0.9999999832607886, Erf.erf(3.99), "erf(3.99)");
        assertRelativelyClose(0.9999999998033839, Erf.erf(4.5), "erf(4.5)");
        assertEquals(1.0, Erf.erf(6.0));
    }

    @Test
    void erfcKeepsRelativeAccuracyInTheTail() {
        // 50-digit values (mpmath) rounded to double; 1 - erf would have lost them all.
        assertRelativelyClose(1.9999779095030015, Erf.erfc(-3.0), "erfc(-3)");
        assertRelativelyClose(1.8427007929497148, Erf.erfc(-1.0), "erfc(-1)");
        assertRelativelyClose(0.6713732405408726, Erf.erfc(0.3), "erfc(0.3)");
        assertRelativelyClose(0.507386526782062, Erf.erfc(0.46875), "erfc(0.46875)");
        assertRelativelyClose(0.4795001221869535, Erf.erfc(0.5), "erfc(0.5)");
        assertRelativelyClose(0.004677734981047266, Erf.erfc(2.0), "erfc(2)");
        assertRelativelyClose(1.541725790028002e-08, Erf.erfc(4.0), "erfc(4)");
        assertRelativelyClose(1.4196939421371027e-08, Erf.erfc(4.01), "erfc(4.01)");
        assertRelativelyClose(1.537459794428035e-12, Erf.erfc(5.0), "erfc(5)");
        assertRelativelyClose(2.088487583762545e-45, Erf.erfc(10.0), "erfc(10)");
        assertRelativelyClose(7.212994172451207e-100, Erf.erfc(15.0), "erfc(15)");
        assertRelativelyClose(5.395865611607901e-176, Erf.erfc(20.0), "erfc(20)");
        assertRelativelyClose(5.663192408856143e-296, Erf.erfc(26.0), "erfc(26)");
    }

    @Test
    void erfMatchesAnIndependentSeriesAcrossItsRanges() {
        Random random = new Random(7);
        for (int i = -600; i <= 600; i++) {
            double x = i / 100.0;
            assertRelativelyClose(erfSeries(x), Erf.erf(x), "erf(" + x + ")");
        }
        for (int i = 0; i < 2000; i++) {
            double x = (random.nextDouble() * 2 - 1) * 6;
            assertRelativelyClose(erfSeries(x), Erf.erf(x), "erf(" + x + ")");
        }
    }

    @Test
    void symmetriesAndLimits() {
        for (double x = -8; x <= 8; x += 0.37) {
            assertEquals(-Erf.erf(x), Erf.erf(-x), "erf is odd at " + x);
            assertEquals(2.0, Erf.erfc(x) + Erf.erfc(-x), 1e-15, "erfc(x) + erfc(-x) at " + x);
            assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 1e-15, "erf + erfc at " + x);
        }
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(30.0));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
    }
}
