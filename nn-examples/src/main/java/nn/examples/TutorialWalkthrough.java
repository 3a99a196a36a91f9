package nn.examples;

import java.io.PrintStream;
import java.util.Locale;
import nn.core.check.GradientCheck;
import nn.core.check.GradientChecker;
import nn.core.graph.Node;
import nn.core.network.Gradients;
import nn.core.network.NeuralNetwork;
import nn.core.tensor.Tensor;

/**
 * The tutorial, step by step: a {@code [20, 50, 10]} network with a sigmoid activation and the
 * L2 loss; a forward pass on one vector and on a batch; the loss; backprop's weight and bias
 * gradients; and their agreement with finite differences.
 */
public final class TutorialWalkthrough {

    private TutorialWalkthrough() {
    }

    public static void main(String[] args) {
        boolean ok = run(System.out);
        if (!ok) {
            System.exit(1);
        }
    }

    /** Runs the walkthrough, printing to {@code out}; returns whether the gradients agreed. */
    public static boolean run(PrintStream out) {
        int[] sizes = {20, 50, 10};
        NeuralNetwork net = new NeuralNetwork(sizes, "sigmoid", "l2", 2019);
        out.println("1. NN(sizes=[20, 50, 10], activation=sigmoid, loss=l2)");
        for (int i = 0; i < net.weights().size(); i++) {
            out.printf(Locale.ROOT, "   layer %d: w %s, b %s%n", i + 1,
                    shape(net.weights().get(i)), shape(net.biases().get(i)));
        }

        java.util.Random random = new java.util.Random(1);
        Tensor x = Tensor.zeros(20);
        for (int i = 0; i < 20; i++) {
            x.data()[i] = (float) random.nextGaussian();
        }
        Tensor yhat = net.forwardPass(x);
        out.println("2. forward_pass of one vector of 20: output " + shape(yhat) + " (it became one row)");
        out.printf(Locale.ROOT, "   first outputs: %.4f %.4f %.4f ...%n", yhat.data()[0], yhat.data()[1], yhat.data()[2]);

        int batch = 8;
        Tensor xs = Tensor.zeros(batch, 20);
        Tensor ys = Tensor.zeros(batch, 10);
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < 20; c++) {
                xs.set(r, c, (float) random.nextGaussian());
            }
            ys.set(r, random.nextInt(10), 1f);
        }
        out.println("   forward_pass of a batch " + shape(xs) + ": output " + shape(net.forwardPass(xs)));

        double loss = net.evalLoss(xs, ys);
        out.printf(Locale.ROOT, "3. eval_loss: sum over the batch of ||yhat - y||^2 = %.4f%n", loss);

        Gradients g = net.backprop(xs, ys);
        out.println("4. backprop: gradients summed over the batch, first layer first");
        for (int i = 0; i < g.weights().size(); i++) {
            out.printf(Locale.ROOT, "   layer %d: dL/dW %s (|max| %.4f), dL/db %s (|max| %.4f)%n", i + 1,
                    shape(g.weights().get(i)), maxAbs(g.weights().get(i)), shape(g.biases().get(i)),
                    maxAbs(g.biases().get(i)));
        }

        out.println("5. finite differences on every weight and bias");
        GradientCheck check = GradientChecker.nodes("the tutorial's network",
                () -> net.network().forward(Node.constant(xs), true)
                        .loss(net.loss(), Node.constant(ys), nn.api.Reduction.SUM),
                net.network().parameters());
        out.printf(Locale.ROOT, "   %d derivatives compared, worst error %.3f of the tolerance%n",
                check.checked(), check.maxError());
        out.println("RESULT: backprop " + (check.passed() ? "agrees" : "DISAGREES")
                + " with finite differences on all " + check.checked() + " parameters");
        return check.passed();
    }

    private static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
