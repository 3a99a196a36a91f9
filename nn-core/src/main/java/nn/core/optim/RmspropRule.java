package nn.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.UpdateRule;
import nn.core.kernels.OptimizerKernels;

/**
 * {@code rmsprop}: RMSProp (Hinton's lecture 6e) as {@code torch.optim.RMSprop} documents it,
 * with learning rate {@code lr}, smoothing constant {@code alpha}, weight decay {@code lambda},
 * momentum {@code mu}:
 * <pre>
 * g  = g + lambda * w                        if lambda != 0
 * v  = alpha * v + (1 - alpha) * g^2
 * v~ = v
 * a  = alpha * a + (1 - alpha) * g;  v~ = v - a^2           if centered
 * b  = mu * b + g / (sqrt(v~) + eps);  w = w - lr * b       if mu > 0
 * w  = w - lr * g / (sqrt(v~) + eps)                        otherwise
 * </pre>
 *
 * <p>Hyperparameters: {@code lr} (0.01), {@code alpha} (0.99, in {@code [0, 1]}), {@code eps}
 * (1e-8), {@code weight_decay} (0), {@code momentum} (0), {@code centered} (0 or 1). State: the
 * square average {@code v}, then the average {@code a} if centered, then the momentum buffer
 * {@code b} if {@code mu > 0}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RmspropRule extends AbstractUpdateRule {

    private static final Map<String, Double> DEFAULTS = defaults();

    private final float alpha;
    private final float oneMinusAlpha;
    private final float eps;
    private final float weightDecay;
    private final float momentum;
    private final boolean centered;

    /** PyTorch's defaults. */
    public RmspropRule() {
        this(Map.of());
    }

    private RmspropRule(Map<String, Double> given) {
        super("rmsprop", DEFAULTS, given);
        requireNonNegative("lr");
        double a = requireRange("alpha", 0, true, 1, true);
        this.alpha = (float) a;
        this.oneMinusAlpha = (float) (1 - a);
        this.eps = (float) requireNonNegative("eps");
        this.weightDecay = (float) requireNonNegative("weight_decay");
        this.momentum = (float) requireNonNegative("momentum");
        this.centered = requireFlag("centered");
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 0.01);
        d.put("alpha", 0.99);
        d.put("eps", 1e-8);
        d.put("weight_decay", 0.0);
        d.put("momentum", 0.0);
        d.put("centered", 0.0);
        return d;
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new RmspropRule(hyperparameters);
    }

    @Override
    public int stateArrays() {
        return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
    }

    @Override
    public void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate,
                       long step) {
        float[] average = centered ? state[1] : null;
        float[] buffer = momentum > 0 ? state[centered ? 2 : 1] : null;
        OptimizerKernels.rmspropRange(param, grad, state[0], average, buffer, (float) learningRate, alpha,
                oneMinusAlpha, eps, weightDecay, momentum, from, to);
    }
}
