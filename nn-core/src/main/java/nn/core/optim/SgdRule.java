package nn.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.UpdateRule;
import nn.core.kernels.OptimizerKernels;

/**
 * {@code sgd}: stochastic gradient descent with optional momentum, dampening, Nesterov momentum
 * and (coupled) weight decay, exactly as {@code torch.optim.SGD} documents it. At step {@code t},
 * with learning rate {@code lr}, momentum {@code mu}, dampening {@code tau}, weight decay
 * {@code lambda}:
 * <pre>
 * g = g + lambda * w                         if lambda != 0
 * b = g                                      if t == 1
 * b = mu * b + (1 - tau) * g                 if t > 1          (when mu != 0)
 * g = g + mu * b   if nesterov, else  g = b                    (when mu != 0)
 * w = w - lr * g
 * </pre>
 *
 * <p>Hyperparameters: {@code lr} (0.001, PyTorch's default), {@code momentum} (0, in
 * {@code [0, 1)}), {@code dampening} (0, in {@code [0, 1]}), {@code weight_decay} (0),
 * {@code nesterov} (0 or 1; needs a positive momentum and no dampening). State: one array, the
 * momentum buffer {@code b}, when the momentum is not 0; none otherwise. Example:
 * {@code sgd(lr=0.02, momentum=0.9)}.
 *
 * <p>Arithmetic in float; {@code sgd(lr=r, momentum=m)} gives the same bits as nn's original
 * {@code Sgd(r, m)}: {@code v = m * v + g; w += -r * v}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SgdRule extends AbstractUpdateRule {

    private static final Map<String, Double> DEFAULTS = defaults();

    private final float momentum;
    private final float oneMinusDampening;
    private final float weightDecay;
    private final boolean nesterov;

    /** PyTorch's defaults: {@code sgd(lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=0)}. */
    public SgdRule() {
        this(Map.of());
    }

    private SgdRule(Map<String, Double> given) {
        super("sgd", DEFAULTS, given);
        requireNonNegative("lr");
        this.momentum = (float) requireRange("momentum", 0, true, 1, false);
        this.oneMinusDampening = (float) (1 - requireRange("dampening", 0, true, 1, true));
        this.weightDecay = (float) requireNonNegative("weight_decay");
        this.nesterov = requireFlag("nesterov");
        if (nesterov && (momentum == 0 || oneMinusDampening != 1f)) {
            throw new IllegalArgumentException("sgd: nesterov=1 needs a positive momentum and dampening=0, got momentum="
                    + value("momentum") + " and dampening=" + value("dampening"));
        }
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 0.001);
        d.put("momentum", 0.0);
        d.put("dampening", 0.0);
        d.put("weight_decay", 0.0);
        d.put("nesterov", 0.0);
        return d;
    }

    /** {@code sgd} with this learning rate and momentum, the others at their defaults. */
    public static SgdRule of(double learningRate, double momentum) {
        return new SgdRule(Map.of("lr", learningRate, "momentum", momentum));
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new SgdRule(hyperparameters);
    }

    @Override
    public int stateArrays() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    public void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate,
                       long step) {
        float lr = (float) learningRate;
        if (momentum == 0f) {
            OptimizerKernels.sgdRange(param, grad, lr, weightDecay, from, to);
        } else {
            OptimizerKernels.sgdMomentumRange(param, grad, state[0], lr, momentum, oneMinusDampening, weightDecay,
                    nesterov, step == 1, from, to);
        }
    }
}
