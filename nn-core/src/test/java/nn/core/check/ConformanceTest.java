package nn.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nn.api.Activation;
import nn.api.Loss;
import nn.core.plugins.Plugins;
import nn.core.testplugin.Cube;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit on every plugin ServiceLoader finds (all must pass), and on deliberately
 * wrong plugins (each must fail with a report naming the input and the size of the error).
 */
class ConformanceTest {

    static Stream<Activation> activations() {
        return Plugins.activations().all().stream();
    }

    static Stream<Loss> losses() {
        return Plugins.losses().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void everyActivationConforms(Activation activation) {
        ConformanceReport report = Conformance.activation(activation, activation.name(),
                ConformanceTest.class.getClassLoader()).assertPassed();
        assertTrue(report.checks().stream().anyMatch(c -> c.startsWith("ServiceLoader")), report.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyLossConforms(Loss loss) {
        Conformance.loss(loss, loss.name(), ConformanceTest.class.getClassLoader()).assertPassed();
    }

    @Test
    void theKitSeesEveryBuiltInPlugin() {
        assertTrue(Plugins.activations().names().size() >= 16, Plugins.activations().toString());
        assertTrue(Plugins.losses().names().size() >= 12, Plugins.losses().toString());
    }

    // ---- deliberately wrong plugins ----------------------------------------------------------

    /** tanh whose derivative is 1% too large for x > 1. */
    public static final class WrongDerivative implements Activation {
        @Override
        public String name() {
            return "wrong_derivative";
        }

        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return (1 - t * t) * (x > 1 ? 1.01 : 1) + (x > 1 && x < 5 ? 0.01 : 0);
        }
    }

    /** x^2 / 2 whose derivative is NaN at 0. */
    public static final class NanDerivative implements Activation {
        @Override
        public String name() {
            return "nan_derivative";
        }

        @Override
        public double apply(double x) {
            return x * x / 2;
        }

        @Override
        public double derivative(double x) {
            return x == 0 ? Double.NaN : x;
        }
    }

    /** tanh whose float backward writes gradX instead of adding into it. */
    public static final class OverwritingBackward implements Activation {
        @Override
        public String name() {
            return "overwriting_backward";
        }

        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1 - t * t;
        }

        @Override
        public void backward(float[] x, float[] y, float[] gradY, float[] gradX, int offset, int length,
                             int rowLength) {
            for (int i = offset; i < offset + length; i++) {
                gradX[i] = gradY[i] * (1 - y[i] * y[i]);
            }
        }
    }

    /** A correct function with an upper-case name. */
    public static final class UpperCaseName implements Activation {
        @Override
        public String name() {
            return "Mish";
        }

        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double derivative(double x) {
            return 1;
        }
    }

    /** A correct function whose name changes on every call. */
    public static final class ChangingName implements Activation {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "changing_" + calls.incrementAndGet();
        }

        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double derivative(double x) {
            return 1;
        }
    }

    /** l2 (sum of squares / 2) whose gradient forgets a factor: 2 (p - y) instead of (p - y). */
    public static final class WrongGradientLoss implements Loss {
        @Override
        public String name() {
            return "wrong_gradient";
        }

        @Override
        public double value(double[] prediction, double[] target) {
            double s = 0;
            for (int i = 0; i < prediction.length; i++) {
                double d = prediction[i] - target[i];
                s += d * d / 2;
            }
            return s;
        }

        @Override
        public void gradient(double[] prediction, double[] target, double[] grad) {
            for (int i = 0; i < prediction.length; i++) {
                grad[i] = 2 * (prediction[i] - target[i]);
            }
        }
    }

    @Test
    void aWrongDerivativeIsReportedWithItsInputAndError() {
        ConformanceReport report = Conformance.activation(new WrongDerivative());
        assertFalse(report.passed());
        // every failing point, not just the first: from x = 1.2123 to 4.8123
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("x = 1.5123: ") && f.contains("error")),
                report.toString());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("x = 4.5123: ") && f.contains("error")),
                report.toString());
        assertTrue(report.failures().size() > 10, report.toString());
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("x = 2.1123: analytic"), e.getMessage());
        assertTrue(e.getMessage().contains("> tolerance"), e.getMessage());
    }

    @Test
    void aNanDerivativeIsReported() {
        ConformanceReport report = Conformance.activation(new NanDerivative());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("derivative: x = 0.0: analytic NaN")),
                report.toString());
        assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("finite values: at x = 0.0")),
                report.toString());
    }

    @Test
    void aBackwardThatOverwritesInsteadOfAddingIsReported() {
        ConformanceReport report = Conformance.activation(new OverwritingBackward());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().allMatch(f -> f.contains("backward")), report.toString());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("backward added into gradX")), report.toString());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("at x = ") && f.contains("error")),
                report.toString());
    }

    @Test
    void anUpperCaseNameIsReported() {
        ConformanceReport report = Conformance.activation(new UpperCaseName());
        assertEquals(1, report.failures().size(), report.toString());
        assertTrue(report.failures().get(0).contains("'Mish' is not lower-case"), report.toString());
        assertTrue(report.failures().get(0).contains("did you mean 'mish'?"), report.toString());
    }

    @Test
    void aNameThatChangesIsReported() {
        ConformanceReport report = Conformance.activation(new ChangingName());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("name: not stable")), report.toString());
    }

    @Test
    void aWrongLossGradientIsReportedWithItsInputAndError() {
        ConformanceReport report = Conformance.loss(new WrongGradientLoss());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("prediction element 0 = ") && f.contains("error")),
                report.toString());
    }

    @Test
    void aPluginThatServiceLoaderDoesNotFindIsReported() {
        ConformanceReport report = Conformance.activation(new Cube(), "cube", ClassLoader.getPlatformClassLoader());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("activation 'cube' not found; available:")),
                report.toString());
        ConformanceReport wrongName = Conformance.activation(new Cube(), "cubic", ConformanceTest.class.getClassLoader());
        assertTrue(wrongName.failures().stream().anyMatch(f -> f.contains("expected the name 'cubic'")),
                wrongName.toString());
    }

    @Test
    void aThirdPartyPluginOnTheClassPathConforms() {
        Conformance.activation(new Cube(), "cube", ConformanceTest.class.getClassLoader()).assertPassed();
    }

    // ---- hyperparameters ------------------------------------------------------------------------

    /** Built-in plugins asked for by name with values other than their defaults. */
    static Stream<String> configuredActivations() {
        return Stream.of("leaky_relu(alpha=0.2)", "leaky_relu(alpha=-0.5)", "elu(alpha=0.5)", "elu(alpha=2.5)",
                "softplus(beta=0.5)", "softplus(beta=3)", "hard_tanh(min_val=0,max_val=6)",
                "hard_tanh(min_val=-2.5,max_val=0.25)");
    }

    static Stream<String> configuredLosses() {
        return Stream.of("huber(delta=0.3)", "huber(delta=2.5)", "hinge(margin=0.5)", "hinge(margin=2)",
                "squared_hinge(margin=0.25)", "squared_hinge(margin=3)",
                "binary_cross_entropy(label_smoothing=0.1)", "categorical_cross_entropy(label_smoothing=0.2)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configuredActivations")
    void configuredActivationsConformAtNonDefaultValues(String spec) {
        Activation activation = Plugins.activation(spec);
        assertEquals(spec, activation.spec().toString());
        ConformanceReport report = Conformance.activation(activation, activation.name(),
                ConformanceTest.class.getClassLoader()).assertPassed();
        assertTrue(report.checks().stream().anyMatch(c -> c.contains("'" + spec + "' looked up in the registry")),
                report.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configuredLosses")
    void configuredLossesConformAtNonDefaultValues(String spec) {
        Loss loss = Plugins.loss(spec);
        assertEquals(spec, loss.spec().toString());
        Conformance.loss(loss, loss.name(), ConformanceTest.class.getClassLoader()).assertPassed();
    }

    @Test
    void leakyReluByNameHasTheSlopeAskedFor() {
        Activation a = Plugins.activation("leaky_relu(alpha=0.2)");
        assertEquals(-0.4, a.apply(-2), 1e-15);
        assertEquals(0.2, a.derivative(-2));
        float[] x = {-2f, 3f};
        float[] y = new float[2];
        float[] g = new float[2];
        a.forward(x, y, 0, 2, 1);
        a.backward(x, y, new float[] {1f, 1f}, g, 0, 2, 1);
        assertEquals(-0.4f, y[0], 1e-7);
        assertEquals(3f, y[1]);
        assertEquals(0.2f, g[0], 1e-7);
        assertEquals(1f, g[1]);
        assertEquals(java.util.Map.of("alpha", 0.2), a.hyperparameters());
    }

    @Test
    void anUnknownKeyOrAValueOutOfRangeByNameIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.activation("leaky_relu(slope=0.2)"));
        assertEquals("cannot make the activation leaky_relu(slope=0.2): leaky_relu has no hyperparameter 'slope';"
                + " it takes alpha", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plugins.loss("huber(delta=0)"));
        assertEquals("cannot make the loss huber(delta=0): huber: delta must be positive and finite"
                + " (0 < delta < infinity), got 0.0", e.getMessage());
    }

    /** Lists a hyperparameter but {@code with} ignores it: a model file would lose the value. */
    public static final class ForgetfulScale implements Activation {
        private final double factor;

        public ForgetfulScale() {
            this(1);
        }

        ForgetfulScale(double factor) {
            this.factor = factor;
        }

        @Override
        public String name() {
            return "forgetful_scale";
        }

        @Override
        public java.util.Map<String, Double> hyperparameters() {
            return java.util.Map.of("factor", factor);
        }

        @Override
        public Activation with(java.util.Map<String, Double> hyperparameters) {
            return new ForgetfulScale(); // the bug: the value asked for is dropped
        }

        @Override
        public double apply(double x) {
            return factor * x;
        }

        @Override
        public double derivative(double x) {
            return factor;
        }
    }

    /** Has a value that {@code spec()} leaves out. */
    public static final class HiddenValue implements Activation {
        @Override
        public String name() {
            return "hidden_value";
        }

        @Override
        public java.util.Map<String, Double> hyperparameters() {
            return java.util.Map.of("gain", 2.0);
        }

        @Override
        public nn.api.PluginSpec spec() {
            return nn.api.PluginSpec.of(name());
        }

        @Override
        public Activation with(java.util.Map<String, Double> hyperparameters) {
            return this;
        }

        @Override
        public double apply(double x) {
            return 2 * x;
        }

        @Override
        public double derivative(double x) {
            return 2;
        }
    }

    @Test
    void aWithThatDoesNotReproduceThePluginIsReported() {
        ConformanceReport report = Conformance.activation(new ForgetfulScale(3));
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("hyperparameters: with(hyperparameters())")
                && f.contains("(derivative 1.0) instead of 0.0 (derivative 3.0)")), report.toString());
    }

    @Test
    void aSpecThatDoesNotShowTheHyperparametersIsReported() {
        ConformanceReport report = Conformance.activation(new HiddenValue());
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("spec() is hidden_value, but the name with"
                + " hyperparameters() is hidden_value(gain=2)")), report.toString());
    }
}
