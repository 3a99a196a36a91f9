package nn.core.testplugin;

import java.util.Map;
import nn.api.UpdateRule;
import nn.core.optim.AbstractUpdateRule;

/**
 * {@code sign_sgd(lr=0.01)}: signSGD (Bernstein et al., 2018), {@code w -= lr * sign(g)}. An
 * update rule defined only in the test sources and registered in their
 * {@code META-INF/services/nn.api.UpdateRule}, as a third party's would be.
 */
public final class SignSgd extends AbstractUpdateRule {

    /** {@code sign_sgd(lr=0.01)}. */
    public SignSgd() {
        this(Map.of());
    }

    private SignSgd(Map<String, Double> given) {
        super("sign_sgd", Map.of("lr", 0.01), given);
        requireNonNegative("lr");
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new SignSgd(hyperparameters);
    }

    @Override
    public int stateArrays() {
        return 0;
    }

    @Override
    public void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate,
                       long step) {
        float lr = (float) learningRate;
        for (int i = from; i < to; i++) {
            param[i] -= lr * Math.signum(grad[i]);
        }
    }
}
