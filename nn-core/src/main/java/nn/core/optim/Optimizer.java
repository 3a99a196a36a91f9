package nn.core.optim;

import java.util.List;
import nn.core.graph.Parameter;

/** Updates parameters in place from their gradients. */
public interface Optimizer {

    /**
     * One update of every parameter that has a gradient. Parameters without one (no backward
     * pass reached them) are left as they are.
     */
    void step(List<Parameter> parameters);

    /** The learning rate in force, for reports; {@code NaN} if the optimizer has none to tell. */
    default double learningRate() {
        return Double.NaN;
    }
}
