package nn.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.UpdateRule;
import nn.core.kernels.OptimizerKernels;

/**
 * {@code adagrad}: Adagrad (Duchi, Hazan and Singer, 2011) as {@code torch.optim.Adagrad}
 * documents it. At step {@code t}, with learning rate {@code lr}, learning-rate decay
 * {@code eta}, weight decay {@code lambda}, initial accumulator {@code s0}:
 * <pre>
 * clr = lr / (1 + (t - 1) * eta)
 * g   = g + lambda * w                       if lambda != 0
 * s   = s + g^2                              (s starts at s0)
 * w   = w - clr * g / (sqrt(s) + eps)
 * </pre>
 *
 * <p>Hyperparameters: {@code lr} (0.01), {@code lr_decay} (0), {@code weight_decay} (0),
 * {@code initial_accumulator_value} (0), {@code eps} (1e-10), all non-negative. State: one
 * array, the sum of squares {@code s}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AdagradRule extends AbstractUpdateRule {

    private static final Map<String, Double> DEFAULTS = defaults();

    private final double lrDecay;
    private final float weightDecay;
    private final float initialAccumulator;
    private final float eps;

    /** PyTorch's defaults. */
    public AdagradRule() {
        this(Map.of());
    }

    private AdagradRule(Map<String, Double> given) {
        super("adagrad", DEFAULTS, given);
        requireNonNegative("lr");
        this.lrDecay = requireNonNegative("lr_decay");
        this.weightDecay = (float) requireNonNegative("weight_decay");
        this.initialAccumulator = (float) requireNonNegative("initial_accumulator_value");
        this.eps = (float) requireNonNegative("eps");
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 0.01);
        d.put("lr_decay", 0.0);
        d.put("weight_decay", 0.0);
        d.put("initial_accumulator_value", 0.0);
        d.put("eps", 1e-10);
        return d;
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new AdagradRule(hyperparameters);
    }

    @Override
    public int stateArrays() {
        return 1;
    }

    @Override
    public void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate,
                       long step) {
        float clr = (float) (learningRate / (1 + (step - 1) * lrDecay));
        OptimizerKernels.adagradRange(param, grad, state[0], clr, eps, weightDecay, initialAccumulator, step == 1,
                from, to);
    }
}
