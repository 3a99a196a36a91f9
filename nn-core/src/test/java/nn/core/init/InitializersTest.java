package nn.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import nn.api.Initializer;
import nn.api.PluginSpec;
import nn.core.plugins.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in initializers: found by name, the documented distributions, seeded. */
class InitializersTest {

    private static final List<String> NAMES = List.of("normal", "uniform", "glorot_uniform", "glorot_normal",
            "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "zeros", "constant");

    @Test
    void everyBuiltInIsFoundByServiceLoaderAndItsSpecReadsBack() {
        assertTrue(Plugins.initializers().names().containsAll(NAMES), () -> "found " + Plugins.initializers().names());
        for (String name : NAMES) {
            Initializer init = Plugins.initializer(name);
            assertEquals(name, init.name());
            assertEquals(init, Plugins.initializers().get(PluginSpec.parse(init.spec().toString())), name);
        }
    }

    /** Spec, shape, expected mean, expected variance (from the documented formula). */
    static Stream<Arguments> distributions() {
        int in = 300;
        int out = 200;
        return Stream.of(
                Arguments.of("normal", in, out, 0.0, 1.0),
                Arguments.of("normal(mean=2, std=0.5)", in, out, 2.0, 0.25),
                Arguments.of("uniform", in, out, 0.0, 0.1 * 0.1 / 12),
                Arguments.of("uniform(low=1, high=3)", in, out, 2.0, 4.0 / 12),
                Arguments.of("glorot_uniform", in, out, 0.0, 2.0 / (in + out)),
                Arguments.of("glorot_normal", in, out, 0.0, 2.0 / (in + out)),
                Arguments.of("he_uniform", in, out, 0.0, 2.0 / in),
                Arguments.of("he_normal", in, out, 0.0, 2.0 / in),
                Arguments.of("he_normal(scale=1)", in, out, 0.0, 1.0 / in),
                Arguments.of("lecun_uniform", in, out, 0.0, 1.0 / in),
                Arguments.of("lecun_normal", in, out, 0.0, 1.0 / in));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void sampleMeanAndVarianceMatchTheFormula(String spec, int in, int out, double mean, double variance) {
        int n = in * out;
        float[] values = new float[n];
        Plugins.initializer(spec).initialize(values, new int[] {in, out}, new Random(11));
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double m = sum / n;
        double ss = 0;
        for (float v : values) {
            ss += (v - m) * (v - m);
        }
        double var = ss / (n - 1);
        // standard error of the mean sqrt(var / n); of the variance about var * sqrt(2 / n) (normal)
        // or less (uniform): bounds of 5 standard errors
        assertEquals(mean, m, 5 * Math.sqrt(variance / n), spec + " mean");
        assertEquals(variance, var, 5 * variance * Math.sqrt(2.0 / n), spec + " variance");
    }

    @Test
    void uniformsStayWithinTheirLimits() {
        float[] v = new float[10_000];
        Plugins.initializer("he_uniform").initialize(v, new int[] {50, 200}, new Random(1));
        double limit = Math.sqrt(6.0 / 50);
        for (float x : v) {
            assertTrue(Math.abs(x) <= limit, "he_uniform value " + x + " beyond " + limit);
        }
    }

    @Test
    void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
        for (String name : NAMES) {
            float[] a = new float[64];
            float[] b = new float[64];
            float[] c = new float[64];
            Initializer init = Plugins.initializer(name);
            init.initialize(a, new int[] {8, 8}, new Random(5));
            init.initialize(b, new int[] {8, 8}, new Random(5));
            init.initialize(c, new int[] {8, 8}, new Random(6));
            assertArrayEquals(a, b, 0f, name);
            if (!name.equals("zeros") && !name.equals("constant")) {
                assertNotEquals(a[0], c[0], name);
            }
        }
    }

    @Test
    void theFactoriesGiveTheValuesTheyGaveBefore() {
        // the original formulas, written again: He N(0, 2 / in), Glorot U(+-sqrt(6 / (in + out))), N(0, std)
        int[] shape = {30, 20};
        float[] expected = new float[600];
        Random r = new Random(9);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (r.nextGaussian() * Math.sqrt(2.0 / 30));
        }
        assertArrayEquals(expected, fill(Initializers.heNormal(), shape, 9), 0f, "he normal");
        r = new Random(9);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) ((2 * r.nextDouble() - 1) * Math.sqrt(6.0 / (30 + 20)));
        }
        assertArrayEquals(expected, fill(Initializers.glorotUniform(), shape, 9), 0f, "glorot uniform");
        r = new Random(9);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (r.nextGaussian() * 0.3);
        }
        assertArrayEquals(expected, fill(Initializers.normal(0.3), shape, 9), 0f, "normal");
        assertEquals("he_normal", Initializers.heNormal().name());
        assertEquals("constant(value=0.5)", Initializers.constant(0.5).spec().toString());
        float[] c = fill(Initializers.constant(0.5), new int[] {3}, 1);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, c);
    }

    private static float[] fill(Initializer init, int[] shape, long seed) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        init.initialize(v, shape, new Random(seed));
        return v;
    }

    @Test
    void fansFollowTheDocumentedRules() {
        assertEquals(1, Fans.fanIn(new int[] {}));
        assertEquals(1, Fans.fanIn(new int[] {7}));
        assertEquals(7, Fans.fanOut(new int[] {7}));
        assertEquals(784, Fans.fanIn(new int[] {784, 256}));
        assertEquals(256, Fans.fanOut(new int[] {784, 256}));
        // PyTorch's conv layout [out, in, kh, kw] with the receptive field 3 * 3
        assertEquals(16 * 9, Fans.fanIn(new int[] {32, 16, 3, 3}));
        assertEquals(32 * 9, Fans.fanOut(new int[] {32, 16, 3, 3}));
        double std = ((VarianceScaling) Initializers.heNormal()).standardDeviation(new int[] {32, 16, 3, 3});
        assertEquals(Math.sqrt(2.0 / 144), std, 1e-15);
    }

    @Test
    void badHyperparametersAreRefusedWithClearMessages() {
        assertMessage("normal(std=-1)", "normal: std must be at least 0, got -1.0");
        assertMessage("he_normal(scale=0)", "he_normal: scale must be positive, got 0.0");
        assertMessage("uniform(low=1, high=0)", "uniform: low (1.0) must not exceed high (0.0)");
        assertMessage("glorot_uniform(gain=2)", "glorot_uniform has no hyperparameter 'gain'; it takes scale");
        assertMessage("zeros(value=1)", "zeros has no hyperparameter 'value'; it takes none");
        assertMessage("xavier", "initializer 'xavier' not found; available: constant, glorot_normal");
        assertSame(Plugins.initializer("he_normal"), Plugins.initializer("he_normal").with(java.util.Map.of()));
    }

    private static void assertMessage(String spec, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.initializer(spec));
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
    }
}
