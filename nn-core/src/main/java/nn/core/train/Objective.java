package nn.core.train;

import java.util.Objects;
import nn.api.Loss;
import nn.api.Reduction;
import nn.core.graph.Node;

/**
 * What training minimises: a scalar node from a batch's prediction and target.
 *
 * <p>Implementations should be stateless and thread-safe; those of {@link #of} and {@link
 * #softmaxCrossEntropy} are.
 */
@FunctionalInterface
public interface Objective {

    /** The scalar loss of {@code prediction} against {@code target}. */
    Node apply(Node prediction, Node target);

    /**
     * How the objective combines the rows of a batch, so that a large data set can be evaluated
     * in chunks: {@code null}, the default, when unknown (it is then evaluated in one piece).
     */
    default Reduction reduction() {
        return null;
    }

    /** A {@link Loss} plugin reduced over the batch. */
    static Objective of(Loss loss, Reduction reduction) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        return new Objective() {
            @Override
            public Node apply(Node prediction, Node target) {
                return prediction.loss(loss, target, reduction);
            }

            @Override
            public Reduction reduction() {
                return reduction;
            }
        };
    }

    /**
     * Softmax and cross-entropy fused over logits (the network's last layer has no
     * activation), against one-hot rows or class indices {@code [rows, 1]}.
     */
    static Objective softmaxCrossEntropy(Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction");
        return new Objective() {
            @Override
            public Node apply(Node prediction, Node target) {
                return prediction.softmaxCrossEntropy(target, reduction);
            }

            @Override
            public Reduction reduction() {
                return reduction;
            }
        };
    }
}
