package nn.examples.app;

import nn.api.Loss;
import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;

/** The loss named on the command line: a plugin, or the engine's fused softmax cross-entropy. */
final class Losses {

    /** The name of the fused softmax cross-entropy, which is not a plugin but an op of the engine. */
    static final String FUSED = "softmax_cross_entropy";

    private Losses() {
    }

    /** The objective for a loss name. */
    static Objective objective(String name, Reduction reduction) {
        if (name.equals(FUSED)) {
            return Objective.softmaxCrossEntropy(reduction);
        }
        return Objective.of(plugin(name), reduction);
    }

    private static Loss plugin(String name) {
        try {
            return Plugins.loss(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", " + FUSED + " (fused, on logits)", e);
        }
    }

    /** The targets a loss wants: class indices {@code [n, 1]} or one-hot rows {@code [n, classes]}. */
    static Tensor targets(String name, Dataset data, int classes) {
        if (name.equals(FUSED) || plugin(name).targetWidth(classes) == 1) {
            return data.labelIndices();
        }
        return data.oneHot(classes);
    }
}
