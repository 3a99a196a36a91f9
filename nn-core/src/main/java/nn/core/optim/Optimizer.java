package nn.core.optim;

import java.util.List;
import nn.core.graph.Parameter;

/**
 * Updates parameters in place from their gradients.
 *
 * <p>Implementations need not be thread-safe (the built-in ones are not): an optimizer belongs to
 * one trainer, which calls it from one thread.
 */
public interface Optimizer {

    /**
     * One update of every parameter that has a gradient. Parameters without one (no backward
     * pass reached them) are left as they are.
     */
    void step(List<Parameter> parameters);
}
