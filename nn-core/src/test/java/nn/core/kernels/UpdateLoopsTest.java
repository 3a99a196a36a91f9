package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimizer loops that run every step ({@code UpdateLoops}, on the Vector API when present)
 * against scalar loops written here from the formulas: bitwise equal on ranges that start and end
 * anywhere, with tiny state among the values; and decaying state never stored subnormal.
 */
class UpdateLoopsTest {

    private static final int[][] RANGES = {{0, 0}, {0, 1}, {3, 18}, {0, 16}, {5, 37}, {0, 1000}, {7, 4099}};

    @Test
    void sgdMomentumMatchesTheFormulaInEveryVariant() {
        Random random = new Random(11);
        for (int[] r : RANGES) {
            for (int variant = 0; variant < 16; variant++) {
                float weightDecay = (variant & 1) != 0 ? 1e-3f : 0f;
                float oneMinusDampening = (variant & 2) != 0 ? 0.75f : 1f;
                boolean nesterov = (variant & 4) != 0;
                boolean first = (variant & 8) != 0;
                int n = r[1] + 3;
                float[] w = values(random, n);
                float[] g = values(random, n);
                float[] v = values(random, n);
                float[] w2 = w.clone();
                float[] v2 = v.clone();
                for (int i = r[0]; i < r[1]; i++) {
                    float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * w2[i];
                    float vi = first ? d : 0.9f * v2[i] + oneMinusDampening * d;
                    vi = Math.abs(vi) < 0x1p-100f ? 0f : vi;
                    v2[i] = vi;
                    w2[i] = w2[i] + -0.05f * (nesterov ? d + 0.9f * vi : vi);
                }
                OptimizerKernels.sgdMomentumRange(w, g, v, 0.05f, 0.9f, oneMinusDampening, weightDecay, nesterov,
                        first, r[0], r[1]);
                String what = "range [" + r[0] + ", " + r[1] + ") variant " + variant;
                assertArrayEquals(v2, v, "momentum, " + what);
                assertArrayEquals(w2, w, "weights, " + what);
            }
        }
    }

    @Test
    void adamMatchesTheFormulaWithAndWithoutDecay() {
        Random random = new Random(12);
        for (int[] r : RANGES) {
            for (int variant = 0; variant < 3; variant++) {
                float coupled = variant == 1 ? 1e-2f : 0f;
                float decoupled = variant == 2 ? 0.999f : 1f;
                int n = r[1] + 3;
                float[] w = values(random, n);
                float[] g = values(random, n);
                float[] m = values(random, n);
                float[] v = values(random, n);
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] * v[i];
                }
                float[] w2 = w.clone();
                float[] m2 = m.clone();
                float[] v2 = v.clone();
                for (int i = r[0]; i < r[1]; i++) {
                    float wi = decoupled == 1f ? w2[i] : w2[i] * decoupled;
                    float d = coupled == 0f ? g[i] : g[i] + coupled * wi;
                    float mi = 0.9f * m2[i] + 0.1f * d;
                    float vi = 0.999f * v2[i] + 0.001f * d * d;
                    mi = Math.abs(mi) < 0x1p-100f ? 0f : mi;
                    vi = Math.abs(vi) < 0x1p-100f ? 0f : vi;
                    m2[i] = mi;
                    v2[i] = vi;
                    w2[i] = wi - 0.01f * mi / ((float) Math.sqrt(vi) / 0.3f + 1e-8f);
                }
                OptimizerKernels.adamRange(w, g, m, v, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.01f, 0.3f, coupled,
                        decoupled, r[0], r[1]);
                String what = "range [" + r[0] + ", " + r[1] + ") variant " + variant;
                assertArrayEquals(m2, m, "first moment, " + what);
                assertArrayEquals(v2, v, "second moment, " + what);
                assertArrayEquals(w2, w, "weights, " + what);
            }
        }
    }

    @Test
    void momentumThatDecaysNeverTurnsSubnormalAndEndsAtZero() {
        int n = 100;
        float[] w = new float[n];
        float[] g = new float[n];
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        int subnormal = 0;
        for (int step = 0; step < 2000; step++) {
            OptimizerKernels.sgdMomentumRange(w, g, v, 0.05f, 0.9f, 1f, 0f, false, false, 0, n);
            for (float x : v) {
                if (x != 0f && Math.abs(x) < Float.MIN_NORMAL) {
                    subnormal++;
                }
            }
        }
        assertEquals(0, subnormal, "subnormal momentum values seen over 2000 steps");
        for (float x : v) {
            assertEquals(0f, x, "momentum after 2000 steps of zero gradient");
        }
        // the flush does not touch ordinary values: 0.9^600 is about 3e-28, still kept
        java.util.Arrays.fill(v, 1f);
        for (int step = 0; step < 600; step++) {
            OptimizerKernels.sgdMomentumRange(w, g, v, 0.05f, 0.9f, 1f, 0f, false, false, 0, n);
        }
        assertTrue(v[0] > 1e-28f && v[n - 1] == v[0], "momentum after 600 steps: " + v[0]);
    }

    /** Gaussian values, one in five of them tiny (around the flush threshold) or zero. */
    private static float[] values(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            double scale = kind == 0 ? 0x1p-100 : kind == 1 ? 0x1p-99 : 1;
            x[i] = kind == 2 ? 0f : (float) (random.nextGaussian() * scale);
        }
        return x;
    }
}
