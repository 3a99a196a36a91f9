package nn.core.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Loss;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.init.Initializers;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.layers.ActivationLayer;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation and loss that {@link java.util.ServiceLoader} finds (the built-in ones and
 * the test's own third-party one), checked on its own and inside graphs.
 */
class PluginGradientTest {

    static Stream<Activation> activations() {
        return Plugins.activations().all().stream();
    }

    static Stream<Loss> losses() {
        return Plugins.losses().all().stream();
    }

    @Test
    void theServiceLoaderFoundEveryPlugin() {
        // 15 built-in activations and the test's "cube"; 12 built-in losses.
        assertTrue(Plugins.activations().names().size() >= 16, Plugins.activations().toString());
        assertTrue(Plugins.losses().names().size() >= 12, Plugins.losses().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationDerivativeMatchesCentralDifferences(Activation activation) {
        GradientCheck check = GradientChecker.activation(activation).assertPassed();
        assertTrue(check.checked() > check.skipped(), check.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationInsideAGraphThatReusesItsInput(Activation activation) {
        Tensor x = TestData.uniform(11, -2.5, 2.5, 4, 5);
        GradientChecker.graph("x * " + activation.name() + "(x)",
                v -> v.get(0).multiply(v.get(0).apply(activation)), x).assertPassed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossGradientMatchesCentralDifferences(Loss loss) {
        GradientChecker.loss(loss).assertPassed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossOnTopOfADeepStack(Loss loss) {
        // 8 dense + sigmoid layers keep predictions in (0, 1), a domain every loss accepts.
        int width = 4;
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            layers.add(new Dense(width, width, Initializers.normal(0.8), Initializers.normal(0.3)));
            layers.add(new ActivationLayer(Plugins.activation("sigmoid")));
        }
        Sequential net = new Sequential(width, layers, 5);
        int tw = loss.targetWidth(width);
        Tensor target = tw == 1 ? Tensor.of(new float[] {0, 3, 1, 2, 2}, 5, 1) : TestData.distributions(12, 5, width);
        Node input = Node.constant(TestData.normal(13, 5, width));
        List<Parameter> wrt = List.of(net.parameters().get(0), net.parameters().get(1),
                net.parameters().get(net.parameters().size() - 2));
        for (Reduction reduction : Reduction.values()) {
            GradientChecker.nodes(loss.name() + " over 8 layers, " + reduction,
                    () -> net.forward(input, true).loss(loss, Node.constant(target), reduction), wrt).assertPassed();
        }
    }

    @Test
    void aWrongDerivativeFailsTheCheckAndNamesTheInput() {
        Activation wrong = new Activation() {
            @Override
            public String name() {
                return "wrong_tanh";
            }

            @Override
            public double apply(double x) {
                return Math.tanh(x);
            }

            @Override
            public double derivative(double x) {
                double t = Math.tanh(x);
                return 1 - t * t + (x > 1 ? 0.01 : 0);
            }
        };
        GradientCheck check = GradientChecker.activation(wrong);
        assertTrue(!check.passed(), check.toString());
        assertTrue(check.failures().get(0).contains("x = "), check.failures().get(0));
        assertTrue(check.failures().get(0).contains("error"), check.failures().get(0));
    }

    @Test
    void aMissingTermInAGraphFailsTheCheck() {
        // A layer whose forward uses the bias but whose graph we break by detaching it:
        // the bias gradient stays zero, which the checker must notice.
        Tensor x = TestData.normal(14, 3, 4);
        Tensor b = TestData.normal(15, 1, 4);
        Node bias = Node.variable(b);
        Node detachedCopy = Node.constant(b);
        GradientCheck check = GradientChecker.nodes("x + b with b detached",
                () -> Node.constant(x).add(detachedCopy).add(bias.multiply(0)), List.of(bias));
        // b's copy moves with b (same tensor), but no gradient flows to the variable.
        assertTrue(!check.passed(), check.toString());
    }
}
