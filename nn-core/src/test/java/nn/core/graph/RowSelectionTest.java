package nn.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.TestData;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RowSelectionTest {

    private static final int[] ORDER = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};

    /** Rows {@code order[from..from + rows)} of {@code source}, copied. */
    private static Tensor gathered(Tensor source, int[] order, int from, int rows) {
        Tensor t = Tensor.zeros(rows, source.cols());
        for (int r = 0; r < rows; r++) {
            System.arraycopy(source.data(), order[from + r] * source.cols(), t.data(), r * source.cols(),
                    source.cols());
        }
        return t;
    }

    /** {@code sum(sigmoid(x . W + b)^2)}: the loss of a dense layer's output. */
    private static Node loss(Node x, Node w, Node b) {
        return x.matmul(w).addThenApply(b, Plugins.activation("sigmoid")).multiply(x.matmul(w)).sum();
    }

    @Test
    void aReplayedGraphReadsEachSelectionAsItsRowsCopied() {
        Tensor source = TestData.normal(1, 10, 6);
        Node w = Node.variable(TestData.normal(2, 6, 4));
        Node b = Node.variable(TestData.normal(3, 1, 4));
        RowSelection x = RowSelection.of(3, 6);
        CompiledGraph graph = CompiledGraph.of(loss(x, w, b));
        for (int from = 0; from + 3 <= ORDER.length; from += 3) {
            x.select(source, ORDER, from);
            w.zeroGrad();
            b.zeroGrad();
            float replayed = graph.forward();
            graph.backward();
            float[] dw = w.grad().data().clone();
            float[] db = b.grad().data().clone();
            w.zeroGrad();
            b.zeroGrad();
            Node fresh = loss(Node.constant(gathered(source, ORDER, from, 3)), w, b);
            fresh.backward();
            assertEquals(fresh.item(), replayed, "loss of rows from " + from);
            assertArrayEquals(w.grad().data(), dw, "dW of rows from " + from);
            assertArrayEquals(b.grad().data(), db, "db of rows from " + from);
        }
    }

    @Test
    void theProductReadsTheSourceInPlaceAndValueCopiesOnDemand() {
        Tensor source = TestData.normal(4, 10, 5);
        RowSelection x = RowSelection.of(2, 5);
        Node w = Node.variable(TestData.normal(5, 5, 3));
        Node product = x.matmul(w);
        CompiledGraph graph = CompiledGraph.forwardOnly(product);
        x.select(source, ORDER, 4);
        assertArrayEquals(new float[10], x.value.data(), "a product alone leaves the copy undone");
        graph.forward();
        Node fresh = Node.constant(gathered(source, ORDER, 4, 2)).matmul(w);
        assertArrayEquals(fresh.value().data(), product.value().data());
        assertArrayEquals(gathered(source, ORDER, 4, 2).data(), x.value().data(), "value() copies the rows");
        assertArrayEquals(gathered(source, ORDER, 4, 2).data(), x.toArray());
    }

    @Test
    void anotherOperationOnTheSelectionMakesEverySelectionACopy() {
        Tensor source = TestData.normal(6, 10, 4);
        RowSelection x = RowSelection.of(2, 4);
        Node w = Node.variable(TestData.normal(7, 2, 3));
        // the selection on the right of a product, and scaled: both read its tensor
        Node right = w.transpose().matmul(x);
        Node scaled = x.multiply(2.0);
        CompiledGraph graph = CompiledGraph.forwardOnly(right.sum().add(scaled.sum()));
        x.select(source, ORDER, 1);
        assertArrayEquals(gathered(source, ORDER, 1, 2).data(), x.value.data(), "copied at once");
        graph.forward();
        Node freshRight = w.transpose().matmul(Node.constant(gathered(source, ORDER, 1, 2)));
        assertArrayEquals(freshRight.value().data(), right.value().data());
        x.selectRange(source, 8);
        assertArrayEquals(source.sliceRows(8, 10).data(), x.value.data(), "a range, copied at once");
    }

    @Test
    void releaseKeepsTheRowsAndLetsGoOfTheSource() {
        Tensor source = TestData.normal(10, 10, 4);
        RowSelection x = RowSelection.of(3, 4);
        Node w = Node.variable(TestData.normal(11, 4, 2));
        Node product = x.matmul(w);
        CompiledGraph graph = CompiledGraph.forwardOnly(product);
        x.select(source, ORDER, 5);
        graph.forward();
        float[] before = product.value().data().clone();
        x.release();
        java.util.Arrays.fill(source.data(), Float.NaN);
        graph.forward();
        assertArrayEquals(before, product.value().data(), "the product reads the released copy");
        assertArrayEquals(gathered(TestData.normal(10, 10, 4), ORDER, 5, 3).data(), x.value().data());
    }

    @Test
    void badSelectionsNameWhatIsWrong() {
        RowSelection x = RowSelection.of(3, 4);
        Tensor source = Tensor.zeros(5, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.select(Tensor.zeros(5, 3), ORDER, 0));
        assertTrue(e.getMessage().contains("of 4 columns cannot come from a source of shape [5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.select(source, ORDER, 8));
        assertTrue(e.getMessage().contains("selecting 3 rows from position 8 of an index of 10 entries"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.select(source, ORDER, 0));
        assertTrue(e.getMessage().contains("index[0] = 7 is not a row of the source, which has 5 rows"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.selectRange(source, 3));
        assertTrue(e.getMessage().contains("selecting rows 3 to 5 of a source of 5 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RowSelection.of(0, 4));
        assertTrue(e.getMessage().contains("0 x 4"), e.getMessage());
        assertEquals("rows[3, 4]", x.toString());
    }

    @Test
    void noGradientFlowsIntoTheSelection() {
        RowSelection x = RowSelection.of(2, 3);
        x.selectRange(TestData.normal(8, 4, 3), 1);
        Node w = Node.variable(TestData.normal(9, 3, 2));
        x.matmul(w).sum().backward();
        assertEquals(null, x.grad());
        assertTrue(!x.requiresGrad());
        assertTrue(w.grad() != null);
    }
}
