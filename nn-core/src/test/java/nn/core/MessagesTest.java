package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nn.api.Reduction;
import nn.core.graph.Node;
import nn.core.layers.Dense;
import nn.core.network.NeuralNetwork;
import nn.core.network.Sequential;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad input gets a message that names what was wrong and what was expected. */
class MessagesTest {

    private static Node matrix(int rows, int cols) {
        return Node.variable(Tensor.zeros(rows, cols));
    }

    @Test
    void matmulShapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix(2, 3).matmul(matrix(4, 5)));
        assertEquals("matmul: cannot multiply [2, 3] by [4, 5]: inner dimensions 3 and 4 differ", e.getMessage());
    }

    @Test
    void addShapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix(2, 3).add(matrix(2, 4)));
        assertEquals("add: shapes [2, 3] and [2, 4] do not match; the second operand must have the same shape"
                + " or be one row [1, 3] to broadcast over the rows", e.getMessage());
    }

    @Test
    void lossShapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix(32, 10).loss(Plugins.loss("mse"), matrix(32, 9), Reduction.SUM));
        assertEquals("mse: a prediction of shape [32, 10] needs a target of shape [32, 10], got [32, 9]",
                e.getMessage());
        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> matrix(4, 10).loss(Plugins.loss("sparse_categorical_cross_entropy"), matrix(4, 10), Reduction.SUM));
        assertEquals("sparse_categorical_cross_entropy: a prediction of shape [4, 10] needs a target of shape"
                + " [4, 1], got [4, 10]", sparse.getMessage());
    }

    @Test
    void forwardPassShapeMismatchNamesBothShapes() {
        NeuralNetwork net = new NeuralNetwork(new int[] {784, 30, 10}, "sigmoid", "l2", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forwardPass(Tensor.zeros(32, 700)));
        assertEquals("the network expects input of shape [rows, 784] (layer 0 is Dense(784 -> 30)), got [32, 700]",
                e.getMessage());
        Dense dense = new Dense(784, 256);
        new Sequential(784, List.of(dense), 1);
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(matrix(32, 700), true));
        assertEquals("Dense(784 -> 256) expects input with 784 columns, got [32, 700]", layer.getMessage());
    }

    @Test
    void layersThatDoNotFitEachOtherAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(10, List.of(new Dense(10, 5), new Dense(6, 2)), 1));
        assertEquals("layer 1 (Dense(6 -> 2)) does not fit the output of the layer before it, of shape [5]:"
                + " Dense(6 -> 2) expects samples of shape [6], got [5]", e.getMessage());
    }

    @Test
    void backwardFromANonScalarSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> matrix(32, 10).exp().backward());
        assertEquals("call backward() on a scalar; got shape [32, 10] (reduce it first, e.g. with sum() or mean())",
                e.getMessage());
    }

    @Test
    void classIndexOutOfRangeNamesTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix(2, 3).softmaxCrossEntropy(Node.constant(Tensor.of(new float[] {1, 3}, 2, 1)), Reduction.SUM));
        assertEquals("class index 3.0 of row 1 is not an integer in [0, 3)", e.getMessage());
    }
}
