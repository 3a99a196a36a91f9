package nn.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import nn.api.PluginSpec;
import nn.api.UpdateRule;
import nn.core.graph.Parameter;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built-in rule's first steps equal its published update rule computed in double
 * ({@link Reference}) and, for the first step, numbers worked out by hand.
 */
class UpdateRuleTest {

    private static final double[] W0 = {0.5, -1.5, 2.0, 0.25};
    private static final double[] A = {1, 3, 0.5, 8};

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("sgd(lr=0.1)", Reference.sgd(0.1, 0, 0, 0, false)),
                Arguments.of("sgd(lr=0.1, momentum=0.9)", Reference.sgd(0.1, 0.9, 0, 0, false)),
                Arguments.of("sgd(lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.01)",
                        Reference.sgd(0.1, 0.9, 0.3, 0.01, false)),
                Arguments.of("sgd(lr=0.05, momentum=0.8, nesterov=1, weight_decay=0.1)",
                        Reference.sgd(0.05, 0.8, 0, 0.1, true)),
                Arguments.of("adagrad(lr=0.1)", Reference.adagrad(0.1, 0, 0, 0, 1e-10)),
                Arguments.of("adagrad(lr=0.1, lr_decay=0.5, weight_decay=0.2, initial_accumulator_value=0.1)",
                        Reference.adagrad(0.1, 0.5, 0.2, 0.1, 1e-10)),
                Arguments.of("rmsprop(lr=0.01)", Reference.rmsprop(0.01, 0.99, 1e-8, 0, 0, false)),
                Arguments.of("rmsprop(lr=0.01, alpha=0.9, momentum=0.5, centered=1, weight_decay=0.1)",
                        Reference.rmsprop(0.01, 0.9, 1e-8, 0.1, 0.5, true)),
                Arguments.of("rmsprop(lr=0.01, momentum=0.9)", Reference.rmsprop(0.01, 0.99, 1e-8, 0, 0.9, false)),
                Arguments.of("adam(lr=0.1)", Reference.adam(0.1, 0.9, 0.999, 1e-8, 0, false)),
                Arguments.of("adam(lr=0.1, beta1=0.8, beta2=0.99, eps=0.001, weight_decay=0.1)",
                        Reference.adam(0.1, 0.8, 0.99, 1e-3, 0.1, false)),
                Arguments.of("adamw(lr=0.1)", Reference.adam(0.1, 0.9, 0.999, 1e-8, 0.01, true)),
                Arguments.of("adamw(lr=0.1, weight_decay=0.5, beta2=0.9)", Reference.adam(0.1, 0.9, 0.9, 1e-8, 0.5, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void firstStepsEqualThePublishedRuleInDouble(String spec, Reference.Rule reference) {
        Parameter p = new Parameter("w", Tensor.vector(floats(W0)));
        RuleOptimizer optimizer = RuleOptimizer.of(spec);
        double[] w = W0.clone();
        for (long t = 1; t <= 3; t++) {
            // gradient of 0.5 sum a w^2 at the current weights, the same floats for both
            float[] g = new float[w.length];
            float[] current = p.value().data();
            double[] gd = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = (float) (A[i] * current[i]);
                gd[i] = g[i];
            }
            Reference.setGrad(p, g);
            optimizer.step(List.of(p));
            reference.step(w, gd, t);
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], p.value().data()[i], 2e-6 * Math.max(1, Math.abs(w[i])),
                        spec + ": element " + i + " after step " + t);
            }
            // continue the reference from the float weights, so float rounding does not accumulate
            for (int i = 0; i < w.length; i++) {
                w[i] = p.value().data()[i];
            }
        }
    }

    @Test
    void firstStepsByHand() {
        // plain SGD: w - lr g with g = a w: 0.5 - 0.1 * 0.5 = 0.45; -1.5 - 0.1 * (-4.5) = -1.05
        assertStep("sgd(lr=0.1)", new double[] {0.45, -1.05, 1.9, 0.05});
        // Adam step 1: m^ = g, v^ = g^2, so w - lr * g / (|g| + eps) = w - lr * sign(g)
        assertStep("adam(lr=0.1)", new double[] {0.4, -1.4, 1.9, 0.15});
        // Adagrad step 1: s = g^2, so w - lr * sign(g)
        assertStep("adagrad(lr=0.1)", new double[] {0.4, -1.4, 1.9, 0.15});
        // RMSProp step 1: v = 0.01 g^2, so w - lr * g / (0.1 |g|) = w - 10 lr sign(g)
        assertStep("rmsprop(lr=0.01)", new double[] {0.4, -1.4, 1.9, 0.15});
        // AdamW step 1: w (1 - lr * wd) - lr * sign(g), with lr 0.1 and wd 0.5: 0.5 * 0.95 - 0.1 = 0.375
        assertStep("adamw(lr=0.1, weight_decay=0.5)", new double[] {0.375, -1.325, 1.8, 0.1375});
        // Nesterov step 1: b = g, w - lr (g + mu g) = w - 0.1 * 1.5 * g: 0.5 - 0.075 = 0.425
        assertStep("sgd(lr=0.1, momentum=0.5, nesterov=1)", new double[] {0.425, -0.825, 1.85, -0.05});
    }

    private static void assertStep(String spec, double[] expected) {
        Parameter p = new Parameter("w", Tensor.vector(floats(W0)));
        float[] g = new float[W0.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (A[i] * W0[i]);
        }
        Reference.setGrad(p, g);
        RuleOptimizer.of(spec).step(List.of(p));
        assertArrayEquals(floats(expected), p.value().data(), 1e-6f, spec);
    }

    @Test
    void sgdWithMomentumGivesTheSameBitsAsTheOriginalSgd() {
        // the original Sgd: v = m v + g; w += -lr v, in float, written here again
        float lr = 0.02f;
        float m = 0.9f;
        float[] w = floats(W0);
        float[] v = new float[w.length];
        Parameter p = new Parameter("w", Tensor.vector(floats(W0)));
        Sgd sgd = new Sgd(0.02, 0.9);
        for (int t = 0; t < 5; t++) {
            float[] g = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = (float) (A[i] * w[i]) + 0.1f * t;
            }
            for (int i = 0; i < w.length; i++) {
                v[i] = m * v[i] + g[i];
                w[i] += -lr * v[i];
            }
            Reference.setGrad(p, g);
            sgd.step(List.of(p));
            assertArrayEquals(w, p.value().data(), 0f, "step " + t);
        }
    }

    @Test
    void adamwDecaysWeightsWithoutGradientWhileAdamsCoupledDecayIsNormalized() {
        Parameter pw = new Parameter("w", Tensor.vector(2f, -4f));
        Parameter pa = new Parameter("w", Tensor.vector(2f, -4f));
        RuleOptimizer adamw = RuleOptimizer.of("adamw(lr=0.1, weight_decay=0.5)");
        RuleOptimizer adam = RuleOptimizer.of("adam(lr=0.1, weight_decay=0.5)");
        for (int t = 0; t < 3; t++) {
            Reference.setGrad(pw, new float[2]);
            Reference.setGrad(pa, new float[2]);
            adamw.step(List.of(pw));
            adam.step(List.of(pa));
        }
        // decoupled: w (1 - 0.05)^3, whatever the size of w
        assertEquals(2 * Math.pow(0.95, 3), pw.value().data()[0], 1e-6);
        assertEquals(-4 * Math.pow(0.95, 3), pw.value().data()[1], 1e-6);
        // coupled: the gradient is 0.5 w, normalized by Adam: each step moves about lr (0.1), whatever
        // the size of w, where decoupled decay moves the larger weight twice as far (0.57 against 0.285)
        assertEquals(2 - 0.3, pa.value().data()[0], 5e-3);
        assertEquals(-4 + 0.3, pa.value().data()[1], 5e-3);
    }

    @Test
    void parametersWithoutGradientOrNotTrainableAreLeftAlone() {
        Parameter noGrad = new Parameter("a", Tensor.vector(1f, 2f));
        Parameter buffer = new Parameter("b", Tensor.vector(3f, 4f), false);
        Parameter trained = new Parameter("c", Tensor.vector(5f));
        Reference.setGrad(trained, new float[] {1f});
        RuleOptimizer.of("adam(lr=0.1)").step(List.of(noGrad, buffer, trained));
        assertArrayEquals(new float[] {1f, 2f}, noGrad.value().data());
        assertArrayEquals(new float[] {3f, 4f}, buffer.value().data());
        assertEquals(4.9f, trained.value().data()[0], 1e-6f);
    }

    @Test
    void everyBuiltInRuleIsFoundByNameAndItsSpecReadsBack() {
        assertTrue(Plugins.updateRules().names().containsAll(List.of("sgd", "adagrad", "rmsprop", "adam", "adamw")),
                () -> "found " + Plugins.updateRules().names());
        for (String name : List.of("sgd", "adagrad", "rmsprop", "adam", "adamw")) {
            UpdateRule rule = Plugins.updateRule(name);
            assertEquals(name, rule.name());
            UpdateRule again = Plugins.updateRules().get(PluginSpec.parse(rule.spec().toString()));
            assertEquals(rule, again, name);
            assertTrue(rule.learningRate() > 0, name);
        }
        UpdateRule adam = Plugins.updateRule("adam(lr=0.01, beta2=0.99)");
        assertEquals(0.01, adam.hyperparameters().get("lr"));
        assertEquals(0.99, adam.hyperparameters().get("beta2"));
        assertEquals(0.9, adam.hyperparameters().get("beta1"));
        assertEquals(0.01, Plugins.updateRule("adamw").hyperparameters().get("weight_decay"));
        assertEquals(0.0, Plugins.updateRule("adam").hyperparameters().get("weight_decay"));
    }

    @Test
    void badHyperparametersAreRefusedWithClearMessages() {
        assertMessage("adam(lr=0.01, gamma=3)", "adam has no hyperparameter 'gamma'", "beta1, beta2, eps, lr, weight_decay");
        assertMessage("sgd(lr=-0.1)", "sgd: lr must not be negative, got -0.1");
        assertMessage("adam(beta1=1)", "adam: beta1 must be in [0, 1), got 1.0");
        assertMessage("adamw(beta2=-0.5)", "adamw: beta2 must be in [0, 1), got -0.5");
        assertMessage("sgd(momentum=0.9, nesterov=2)", "sgd: nesterov is a switch and must be 0 or 1, got 2.0");
        assertMessage("sgd(nesterov=1)", "nesterov=1 needs a positive momentum and dampening=0");
        assertMessage("rmsprop(alpha=1.5)", "rmsprop: alpha must be in [0, 1], got 1.5");
        assertMessage("adagrad(eps=-1)", "adagrad: eps must not be negative");
        assertMessage("adamm(lr=0.1)", "update rule 'adamm' not found; available: adagrad, adam, adamw, rmsprop, sgd");
    }

    private static void assertMessage(String spec, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.updateRule(spec));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void stateArraysFollowTheConfiguration() {
        assertEquals(0, Plugins.updateRule("sgd").stateArrays());
        assertEquals(1, Plugins.updateRule("sgd(momentum=0.9)").stateArrays());
        assertEquals(1, Plugins.updateRule("adagrad").stateArrays());
        assertEquals(1, Plugins.updateRule("rmsprop").stateArrays());
        assertEquals(3, Plugins.updateRule("rmsprop(centered=1, momentum=0.5)").stateArrays());
        assertEquals(2, Plugins.updateRule("adam").stateArrays());
        assertEquals(2, Plugins.updateRule("adamw").stateArrays());
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
