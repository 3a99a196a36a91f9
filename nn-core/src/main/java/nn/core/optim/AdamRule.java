package nn.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.UpdateRule;
import nn.core.kernels.OptimizerKernels;

/**
 * {@code adam}: Adam (Kingma and Ba, 2015) as {@code torch.optim.Adam} documents it (without
 * amsgrad), with learning rate {@code lr}, betas {@code beta1, beta2}, weight decay
 * {@code lambda} added to the gradient (coupled, L2 style), at step {@code t}:
 * <pre>
 * g  = g + lambda * w                        if lambda != 0
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g^2
 * m^ = m / (1 - beta1^t)
 * v^ = v / (1 - beta2^t)
 * w  = w - lr * m^ / (sqrt(v^) + eps)
 * </pre>
 * computed as PyTorch does: {@code w -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}.
 *
 * <p>Hyperparameters: {@code lr} (0.001), {@code beta1} (0.9) and {@code beta2} (0.999), both in
 * {@code [0, 1)}, {@code eps} (1e-8), {@code weight_decay} (0). State: {@code m} and {@code v}.
 * For weight decay that does not pass through the adaptive scaling use {@link AdamWRule}.
 *
 * <p>Immutable and thread-safe.
 */
public class AdamRule extends AbstractUpdateRule {

    private static final Map<String, Double> DEFAULTS = defaults(0.0);

    private final double beta1;
    private final double beta2;
    private final float eps;
    private final double weightDecay;
    private final boolean decoupled;

    /** PyTorch's defaults. */
    public AdamRule() {
        this("adam", DEFAULTS, Map.of(), false);
    }

    AdamRule(String name, Map<String, Double> defaults, Map<String, Double> given, boolean decoupled) {
        super(name, defaults, given);
        requireNonNegative("lr");
        this.beta1 = requireRange("beta1", 0, true, 1, false);
        this.beta2 = requireRange("beta2", 0, true, 1, false);
        this.eps = (float) requireNonNegative("eps");
        this.weightDecay = requireNonNegative("weight_decay");
        this.decoupled = decoupled;
    }

    static Map<String, Double> defaults(double weightDecay) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 0.001);
        d.put("beta1", 0.9);
        d.put("beta2", 0.999);
        d.put("eps", 1e-8);
        d.put("weight_decay", weightDecay);
        return d;
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new AdamRule("adam", DEFAULTS, hyperparameters, false);
    }

    @Override
    public final int stateArrays() {
        return 2;
    }

    @Override
    public final void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate,
                             long step) {
        double correction1 = 1 - Math.pow(beta1, step);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (learningRate / correction1);
        float coupled = decoupled ? 0f : (float) weightDecay;
        float factor = decoupled ? (float) (1 - learningRate * weightDecay) : 1f;
        OptimizerKernels.adamRange(param, grad, state[0], state[1], (float) beta1, (float) (1 - beta1),
                (float) beta2, (float) (1 - beta2), eps, stepSize, (float) sqrtCorrection2, coupled, factor, from, to);
    }
}
