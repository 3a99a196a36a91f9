package nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import nn.api.Loss;
import nn.api.PluginSpec;
import nn.api.Reduction;
import org.junit.jupiter.api.Test;

/**
 * The hyperparameters of the built-in losses: huber's delta, the hinge losses' margin; the bulk
 * float methods use the configured values; messages name the key or the value and the range.
 */
class HyperparametersTest {

    private static final double EPS = 1e-12;

    @Test
    void everyValueIsListedDefaultsIncluded() {
        assertEquals(Map.of("delta", 1.0), new HuberLoss().hyperparameters());
        assertEquals(Map.of("margin", 1.0), new HingeLoss().hyperparameters());
        assertEquals(Map.of("margin", 1.0), new SquaredHingeLoss().hyperparameters());
        assertEquals("huber(delta=0.5)", new HuberLoss().with(Map.of("delta", 0.5)).spec().toString());
        assertEquals(Map.of("label_smoothing", 0.0), new BinaryCrossEntropy().hyperparameters());
        assertEquals(Map.of("label_smoothing", 0.0), new CategoricalCrossEntropy().hyperparameters());
        for (Loss loss : List.of(new L2Loss(), new MeanSquaredError(), new SparseCategoricalCrossEntropy())) {
            assertEquals(Map.of(), loss.hyperparameters(), loss.name());
            assertSame(loss, loss.with(Map.of()), loss.name());
        }
        for (Loss loss : List.of(new HuberLoss(0.3), new HingeLoss(2), new SquaredHingeLoss(0.5),
                new BinaryCrossEntropy(0.1), new CategoricalCrossEntropy(0.2))) {
            assertEquals(loss.spec(), loss.with(loss.hyperparameters()).spec());
            assertEquals(loss.spec(), PluginSpec.parse(loss.toString()));
        }
    }

    @Test
    void configuredValuesReachTheFormulaAndTheBulkMethods() {
        // huber(delta=0.5) at errors 0.25 (quadratic) and -2 (linear): by the published formula
        double delta = 0.5;
        double h1 = 0.5 * 0.25 * 0.25;
        double h2 = delta * (2 - delta / 2);
        assertValueAndGradient(new HuberLoss().with(Map.of("delta", delta)), new float[] {0.25f, -2f},
                new float[] {0, 0}, (h1 + h2) / 2, new double[] {0.25 / 2, -delta / 2});
        // hinge(margin=2) with t = 1: p = 1.5 costs 0.5, p = 3 costs nothing
        assertValueAndGradient(new HingeLoss().with(Map.of("margin", 2.0)), new float[] {1.5f, 3f},
                new float[] {1, 1}, 0.5 / 2, new double[] {-1.0 / 2, 0});
        // squared_hinge(margin=0.5) with t = -1: p = 0.25 gives m = 0.75, p = -1 gives 0
        assertValueAndGradient(new SquaredHingeLoss().with(Map.of("margin", 0.5)), new float[] {0.25f, -1f},
                new float[] {-1, -1}, 0.75 * 0.75 / 2, new double[] {2 * 0.75 / 2, 0});
    }

    @Test
    void labelSmoothingMovesTheTargetsTowardsUniformAsInKeras() {
        // categorical, k = 4 classes, ls = 0.2: the one-hot target (0, 1, 0, 0) becomes
        // (0.05, 0.85, 0.05, 0.05); by the formula -sum t log p and its gradient -t / p
        float[] p = {0.1f, 0.6f, 0.2f, 0.1f};
        double[] t = {0.05, 0.85, 0.05, 0.05};
        double value = 0;
        double[] gradient = new double[4];
        for (int i = 0; i < 4; i++) {
            double pi = p[i];
            value -= t[i] * Math.log(pi);
            gradient[i] = -t[i] / pi;
        }
        assertClose(categorical(0.2), p, new float[] {0, 1, 0, 0}, value, gradient);
        // binary, ls = 0.1: targets 1 and 0 become 0.95 and 0.05; the mean of the two cross-entropies
        float[] q = {0.7f, 0.4f};
        double[] s = {0.95, 0.05};
        double v = 0;
        double[] g = new double[2];
        for (int i = 0; i < 2; i++) {
            double qi = q[i]; // in double from here on
            v -= (s[i] * Math.log(qi) + (1 - s[i]) * Math.log(1 - qi)) / 2;
            g[i] = (qi - s[i]) / (qi * (1 - qi)) / 2;
        }
        assertClose(new BinaryCrossEntropy().with(Map.of("label_smoothing", 0.1)), q, new float[] {1, 0}, v, g);
        // and none is exactly the loss as it was
        Loss plain = new CategoricalCrossEntropy(0);
        assertEquals(-Math.log(0.6f), plain.value(new double[] {0.1f, 0.6f, 0.2f, 0.1f}, new double[] {0, 1, 0, 0}));
    }

    /** categorical_cross_entropy with the label smoothing given, through with(). */
    private static Loss categorical(double ls) {
        return new CategoricalCrossEntropy().with(Map.of("label_smoothing", ls));
    }

    private static void assertClose(Loss loss, float[] p, float[] t, double value, double[] gradient) {
        double[] pd = new double[p.length];
        double[] td = new double[t.length];
        for (int i = 0; i < p.length; i++) {
            pd[i] = p[i];
            td[i] = t[i];
        }
        assertEquals(value, loss.value(pd, td), 1e-12, loss.toString());
        assertEquals(value, loss.value(p, t, 1, p.length, Reduction.SUM), 1e-6, loss + " bulk");
        double[] g = new double[p.length];
        loss.gradient(pd, td, g);
        float[] gf = new float[p.length];
        loss.gradient(p, t, gf, 1, p.length, Reduction.SUM, 1.0);
        for (int i = 0; i < p.length; i++) {
            assertEquals(gradient[i], g[i], 1e-12, loss + " gradient " + i);
            assertEquals(gradient[i], gf[i], 1e-5, loss + " bulk gradient " + i);
        }
    }

    private static void assertValueAndGradient(Loss loss, float[] p, float[] t, double value, double[] gradient) {
        double[] pd = {p[0], p[1]};
        double[] td = {t[0], t[1]};
        assertEquals(value, loss.value(pd, td), EPS, loss.toString());
        assertEquals(value, loss.value(p, t, 1, 2, Reduction.SUM), 1e-7, loss + " bulk");
        double[] g = new double[2];
        loss.gradient(pd, td, g);
        float[] gf = new float[2];
        loss.gradient(p, t, gf, 1, 2, Reduction.SUM, 1.0);
        for (int i = 0; i < 2; i++) {
            assertEquals(gradient[i], g[i], EPS, loss + " gradient " + i);
            assertEquals(gradient[i], gf[i], 1e-7, loss + " bulk gradient " + i);
        }
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HuberLoss().with(Map.of("alpha", 0.2)));
        assertEquals("huber has no hyperparameter 'alpha'; it takes delta", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new L2Loss().with(Map.of("delta", 1.0)));
        assertEquals("l2 has no hyperparameter 'delta'; it takes none", e.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheValueAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HuberLoss().with(Map.of("delta", -0.5)));
        assertEquals("huber: delta must be positive and finite (0 < delta < infinity), got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HingeLoss().with(Map.of("margin", -1.0)));
        assertEquals("hinge: margin must be finite and >= 0 (0 <= margin < infinity), got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SquaredHingeLoss().with(Map.of("margin", -1.0)));
        assertEquals("squared_hinge: margin must be finite and >= 0 (0 <= margin < infinity), got -1.0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossEntropy().with(Map.of("label_smoothing", 1.5)));
        assertEquals("categorical_cross_entropy: label_smoothing must be between 0 and 1 (0 <= label_smoothing <= 1),"
                + " got 1.5", e.getMessage());
    }
}
