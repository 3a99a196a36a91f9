package nn.activations;

import java.util.List;
import java.util.stream.Stream;
import nn.api.Activation;

/** The activations under test, built directly, and the kinks of the piecewise ones. */
final class Fixtures {

    /** The names this module must register, no more and no fewer. */
    static final List<String> NAMES = List.of(
            "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "silu",
            "softplus", "softsign", "hard_sigmoid", "hard_tanh", "softmax", "log_softmax");

    private Fixtures() {
    }

    /** One default instance of each of the 15 activations. */
    static List<Activation> defaults() {
        return List.of(new Identity(), new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(),
                new Elu(), new Selu(), new Gelu(), new Silu(), new Softplus(), new Softsign(),
                new HardSigmoid(), new HardTanh(), new Softmax(), new LogSoftmax());
    }

    /** The defaults plus the activations with hyperparameters at non-default values. */
    static Stream<Activation> all() {
        return Stream.concat(defaults().stream(),
                Stream.of(new LeakyRelu(0.2), new LeakyRelu(-0.5), new Elu(0.5), new Elu(2.0), new Softplus(0.5),
                        new Softplus(3), new HardTanh(-2, 0.5), new HardTanh(0, 6)));
    }

    static Stream<Activation> elementwise() {
        return all().filter(Activation::isElementwise);
    }

    static Stream<Activation> rowwise() {
        return all().filter(a -> !a.isElementwise());
    }

    /** The points where the function or its derivative is not differentiable. */
    static double[] kinks(Activation activation) {
        switch (activation.name()) {
            case "relu":
            case "leaky_relu":
            case "elu":
            case "selu":
                return new double[] {0.0};
            case "hard_sigmoid":
                return new double[] {-3.0, 3.0};
            case "hard_tanh":
                HardTanh clip = (HardTanh) activation;
                return new double[] {clip.minVal(), clip.maxVal()};
            default:
                return new double[0];
        }
    }

    /** Whether {@code x} is within {@code distance} of a kink of {@code activation}. */
    static boolean nearKink(Activation activation, double x, double distance) {
        for (double kink : kinks(activation)) {
            if (Math.abs(x - kink) < distance) {
                return true;
            }
        }
        return false;
    }
}
