package nn.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nn.api.Activation;
import nn.api.Loss;
import nn.core.TestData;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's gradients of the tutorial's network equal the tutorial's closed-form deltas
 * recursion, written here again, independently, in double precision over plain arrays:
 * <pre>
 *   delta_last = L'(a_last, y) * a'(z_last)
 *   delta_c    = (delta_{c+1} . W_{c+1}^T) * a'(z_c)
 *   dL/db_c    = sum over rows of delta_c,   dL/dW_c = a_{c-1}^T . delta_c
 * </pre>
 */
class TutorialBackpropTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = {{3, 4, 2}, {20, 50, 10}, {5, 7, 6, 3}, {1, 1}};
        String[] activations = {"sigmoid", "tanh", "softplus", "relu"};
        int[] batches = {1, 4, 17};
        int seed = 0;
        for (int[] s : sizes) {
            for (String a : activations) {
                for (int batch : batches) {
                    cases.add(Arguments.of(s, a, a.equals("tanh") ? "mse" : "l2", batch, seed++));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "sizes {0}, {1}, {2}, batch {3}")
    @MethodSource("cases")
    void engineGradientsEqualTheClosedFormRecursion(int[] sizes, String activation, String loss, int batch, int seed) {
        NeuralNetwork net = new NeuralNetwork(sizes, activation, loss, seed);
        Tensor x = TestData.normal(100 + seed, batch, sizes[0]);
        Tensor y = TestData.uniform(200 + seed, 0, 1, batch, sizes[sizes.length - 1]);
        Gradients engine = net.backprop(x, y);
        double[][][][] closedForm = closedForm(net, x.toDoubleRows(), y.toDoubleRows());
        assertClose(closedForm[0], engine.weights(), "weights");
        assertClose(closedForm[1], engine.biases(), "biases");
    }

    @Test
    void oneDimensionalInputIsOneRow() {
        NeuralNetwork net = new NeuralNetwork(new int[] {6, 5, 3}, "sigmoid", "l2", 3);
        Tensor vector = TestData.normal(4, 6);
        Tensor target = TestData.uniform(5, 0, 1, 3);
        Tensor row = vector.reshape(1, 6);
        assertArrayEquals(new int[] {1, 3}, net.forwardPass(vector).shape());
        assertEquals(net.forwardPass(row), net.forwardPass(vector));
        Gradients engine = net.backprop(vector, target);
        double[][][][] closedForm = closedForm(net, row.toDoubleRows(), target.reshape(1, 3).toDoubleRows());
        assertClose(closedForm[0], engine.weights(), "weights");
        assertClose(closedForm[1], engine.biases(), "biases");
    }

    @Test
    void forwardPassAndLossAreTheTutorialFormulas() {
        NeuralNetwork net = new NeuralNetwork(new int[] {4, 3, 2}, "tanh", "l2", 9);
        Tensor x = TestData.normal(1, 5, 4);
        Tensor y = TestData.uniform(2, -1, 1, 5, 2);
        double[][] a = x.toDoubleRows();
        for (int layer = 0; layer < 2; layer++) {
            a = apply(net.activation(), affine(a, net.weights().get(layer).toDoubleRows(),
                    net.biases().get(layer).toDoubleRows()[0]));
        }
        double loss = 0;
        double[][] out = net.forwardPass(x).toDoubleRows();
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                assertEquals(a[r][c], out[r][c], 1e-5);
                loss += Math.pow(a[r][c] - y.get(r, c), 2);
            }
        }
        assertEquals(loss, net.evalLoss(x, y), 1e-4 * Math.max(1, loss));
    }

    /** {w_grad, b_grad}, first layer first, by the deltas recursion. */
    static double[][][][] closedForm(NeuralNetwork net, double[][] x, double[][] y) {
        Activation act = net.activation();
        Loss loss = net.loss();
        int layers = net.weights().size();
        List<double[][]> zs = new ArrayList<>();
        List<double[][]> activations = new ArrayList<>();
        activations.add(x);
        double[][] a = x;
        for (int i = 0; i < layers; i++) {
            double[][] z = affine(a, net.weights().get(i).toDoubleRows(), net.biases().get(i).toDoubleRows()[0]);
            zs.add(z);
            a = apply(act, z);
            activations.add(a);
        }
        double[][][] wGrad = new double[layers][][];
        double[][][] bGrad = new double[layers][][];
        double[][] delta = null;
        for (int i = layers - 1; i >= 0; i--) {
            double[][] z = zs.get(i);
            double[][] d = new double[z.length][z[0].length];
            for (int r = 0; r < z.length; r++) {
                double[] back;
                if (i == layers - 1) {
                    back = new double[z[0].length];
                    loss.gradient(activations.get(layers)[r], y[r], back);
                } else {
                    back = rowTimesTranspose(delta[r], net.weights().get(i + 1).toDoubleRows());
                }
                for (int c = 0; c < z[0].length; c++) {
                    d[r][c] = back[c] * act.derivative(z[r][c]);
                }
            }
            delta = d;
            double[][] prev = activations.get(i);
            double[][] w = new double[prev[0].length][d[0].length];
            double[][] b = new double[1][d[0].length];
            for (int r = 0; r < d.length; r++) {
                for (int c = 0; c < d[0].length; c++) {
                    b[0][c] += d[r][c];
                    for (int k = 0; k < prev[0].length; k++) {
                        w[k][c] += prev[r][k] * d[r][c];
                    }
                }
            }
            wGrad[i] = w;
            bGrad[i] = b;
        }
        return new double[][][][] {wGrad, bGrad};
    }

    private static double[][] affine(double[][] a, double[][] w, double[] b) {
        double[][] z = new double[a.length][b.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b.length; c++) {
                double s = b[c];
                for (int k = 0; k < w.length; k++) {
                    s += a[r][k] * w[k][c];
                }
                z[r][c] = s;
            }
        }
        return z;
    }

    private static double[][] apply(Activation act, double[][] z) {
        double[][] a = new double[z.length][z[0].length];
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[0].length; c++) {
                a[r][c] = act.apply(z[r][c]);
            }
        }
        return a;
    }

    private static double[] rowTimesTranspose(double[] delta, double[][] w) {
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double s = 0;
            for (int c = 0; c < delta.length; c++) {
                s += delta[c] * w[k][c];
            }
            out[k] = s;
        }
        return out;
    }

    private static void assertClose(double[][][] expected, List<Tensor> actual, String what) {
        assertEquals(expected.length, actual.size());
        for (int layer = 0; layer < expected.length; layer++) {
            double[][] a = actual.get(layer).toDoubleRows();
            double scale = 0;
            for (double[] row : expected[layer]) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            // float32 forward and backward against a double recursion: relative to the largest gradient
            double tol = 1e-4 * Math.max(1, scale);
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < a[r].length; c++) {
                    assertEquals(expected[layer][r][c], a[r][c], tol,
                            what + " of layer " + layer + " at (" + r + ", " + c + ")");
                }
            }
        }
    }
}
