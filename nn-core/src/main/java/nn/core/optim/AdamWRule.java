package nn.core.optim;

import java.util.Map;
import nn.api.UpdateRule;

/**
 * {@code adamw}: Adam with decoupled weight decay (Loshchilov and Hutter, 2019) as
 * {@code torch.optim.AdamW} documents it: each step first shrinks the weights,
 * {@code w = w - lr * lambda * w}, then takes the Adam step of {@link AdamRule} on the plain
 * gradient. Unlike Adam's {@code weight_decay}, or the L2 regularization of
 * {@link RuleOptimizer.Builder#l2}, the decay does not pass through the division by
 * {@code sqrt(v^)}, so every weight decays at the same relative rate whatever its gradient history.
 *
 * <p>Hyperparameters as {@link AdamRule}, with {@code weight_decay} 0.01 by default (PyTorch's).
 *
 * <p>Immutable and thread-safe.
 */
public final class AdamWRule extends AdamRule {

    private static final Map<String, Double> DEFAULTS = defaults(0.01);

    /** PyTorch's defaults: {@code adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01)}. */
    public AdamWRule() {
        this(Map.of());
    }

    private AdamWRule(Map<String, Double> given) {
        super("adamw", DEFAULTS, given, true);
    }

    @Override
    protected UpdateRule configured(Map<String, Double> hyperparameters) {
        return new AdamWRule(hyperparameters);
    }
}
