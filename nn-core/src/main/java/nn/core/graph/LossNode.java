package nn.core.graph;

import nn.api.Loss;
import nn.api.Reduction;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * A {@link Loss} of a prediction {@code [rows, cols]} against a target
 * {@code [rows, loss.targetWidth(cols)]}, reduced to {@code [1, 1]}. Backward adds
 * {@code g * dLoss/dPrediction} into the prediction's gradient; the target gets none.
 */
final class LossNode extends Node {

    private final Loss loss;
    private final Reduction reduction;

    LossNode(Node prediction, Loss loss, Node target, Reduction reduction) {
        super(Tensor.zeros(1, 1), prediction);
        this.loss = loss;
        this.reduction = reduction;
        check(loss.name(), prediction, target, loss.targetWidth(prediction.value.cols()));
        this.target = target;
        forward();
    }

    private final Node target;

    @Override
    void forward() {
        Tensor prediction = operand(0).value;
        value.data()[0] = (float) loss.value(prediction.data(), target.value.data(),
                prediction.rows(), prediction.cols(), reduction);
    }

    static void check(String name, Node prediction, Node target, int targetWidth) {
        int[] p = prediction.shape();
        int[] t = target.shape();
        if (p.length != 2) {
            throw new IllegalArgumentException(name + ": the prediction must be a matrix [rows, cols], got shape "
                    + Shapes.toString(p));
        }
        if (t.length != 2 || t[0] != p[0] || t[1] != targetWidth) {
            throw new IllegalArgumentException(name + ": a prediction of shape " + Shapes.toString(p)
                    + " needs a target of shape " + Shapes.toString(p[0], targetWidth) + ", got "
                    + Shapes.toString(t));
        }
    }

    @Override
    String op() {
        return loss.name();
    }

    @Override
    void propagate() {
        Node prediction = inputs[0];
        loss.gradient(prediction.value.data(), target.value.data(), prediction.gradBuffer().data(),
                prediction.value.rows(), prediction.value.cols(), reduction, grad.data()[0]);
    }
}
