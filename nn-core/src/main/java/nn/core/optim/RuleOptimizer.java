package nn.core.optim;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nn.api.UpdateRule;
import nn.core.graph.Parameter;
import nn.core.kernels.OptimizerKernels;
import nn.core.plugins.Plugins;

/**
 * The optimizer engine: moves parameters by an {@link UpdateRule} (SGD, Adam, ... found by name
 * with {@link Plugins#updateRule}) and does everything around the rule's arithmetic.
 *
 * <p>Order of use in each {@link #step}:
 * <ol>
 *   <li>Parameters that are not trainable (buffers) or have no gradient are skipped.</li>
 *   <li>Clipping by value ({@link Builder#clipValue}): each gradient element is clamped to
 *       {@code [-c, c]}.</li>
 *   <li>Clipping by norm ({@link Builder#clipNorm}): if the global L2 norm of all gradients
 *       (after value clipping) exceeds {@code maxNorm}, every gradient is multiplied by
 *       {@code maxNorm / (norm + 1e-6)}, as PyTorch's {@code clip_grad_norm_}. The norm is summed
 *       in double on the calling thread, parameter by parameter, element by element.</li>
 *   <li>Regularization ({@link Builder#l2}, {@link Builder#l1}): {@code g += l2 * w} and
 *       {@code g += l1 * sign(w)}, the gradients of {@code l2/2 * sum w^2} and
 *       {@code l1 * sum |w|}, added after clipping, as a rule's own {@code weight_decay} is.
 *       Added to the gradient, they pass through the rule: with Adam they are divided by
 *       {@code sqrt(v^)} like the rest of the gradient (the "L2 regularization" Loshchilov and
 *       Hutter contrast with weight decay). For decay that bypasses the adaptive scaling, use the
 *       {@code adamw} rule, whose decoupled decay shrinks the weights directly.</li>
 *   <li>The rule's update, with the learning rate in force ({@link #setLearningRate}; schedules
 *       change it) and the parameter's step count from 1.</li>
 * </ol>
 * Clipping and regularization change the gradient arrays in place, as PyTorch's utilities do.
 *
 * <p>Each parameter is split into ranges of elements run on {@link nn.core.kernels.Parallel}'s
 * threads; every step above is element-wise, so 1 and many threads give the same bits. State
 * arrays are made when a parameter is first updated; after that a step allocates nothing.
 *
 * <p>{@link #snapshot()} and {@link #restore} save and load the state a checkpoint needs.
 * Not thread-safe.
 */
public final class RuleOptimizer implements Optimizer {

    private final UpdateRule rule;
    private final int stateArrays;
    private final float clipValue;
    private final double clipNorm;
    private final float l2;
    private final float l1;
    private double learningRate;
    private final Map<Parameter, Slot> slots = new IdentityHashMap<>();
    /** Restored states of parameters not met since, by name. */
    private final Map<String, OptimizerState.ParameterState> pending = new HashMap<>();
    private final Body body = new Body();

    /** The state of one parameter. */
    private static final class Slot {
        final Parameter parameter;
        final float[][] state;
        long steps;

        Slot(Parameter parameter, float[][] state, long steps) {
            this.parameter = parameter;
            this.state = state;
            this.steps = steps;
        }
    }

    /** The work on one range of the current parameter; reused, so a step allocates nothing. */
    private final class Body implements OptimizerKernels.RangeBody {
        float[] w;
        float[] g;
        float[][] state;
        long step;
        float scale;

        @Override
        public void run(int from, int to) {
            if (clipValue > 0) {
                OptimizerKernels.clipRange(g, clipValue, from, to);
            }
            if (scale != 1f) {
                OptimizerKernels.scaleRange(g, scale, from, to);
            }
            if (l2 != 0f) {
                OptimizerKernels.addL2Range(g, w, l2, from, to);
            }
            if (l1 != 0f) {
                OptimizerKernels.addL1Range(g, w, l1, from, to);
            }
            rule.update(w, g, state, from, to, learningRate, step);
        }
    }

    private RuleOptimizer(Builder b) {
        this.rule = b.rule;
        this.stateArrays = rule.stateArrays();
        if (stateArrays < 0) {
            throw new IllegalArgumentException(rule.name() + " says it keeps " + stateArrays + " state arrays");
        }
        this.clipValue = (float) b.clipValue;
        this.clipNorm = b.clipNorm;
        this.l2 = (float) b.l2;
        this.l1 = (float) b.l1;
        this.learningRate = rule.learningRate();
        checkRate(learningRate);
    }

    /** An optimizer of {@code rule}, without clipping or regularization. */
    public static RuleOptimizer of(UpdateRule rule) {
        return builder(rule).build();
    }

    /**
     * An optimizer of the rule a spec names, such as {@code "adam(lr=0.001)"}.
     *
     * @throws IllegalArgumentException listing the rules that exist, or naming a bad hyperparameter
     */
    public static RuleOptimizer of(String spec) {
        return of(Plugins.updateRule(spec));
    }

    /** A builder for an optimizer of {@code rule}, to add clipping or regularization. */
    public static Builder builder(UpdateRule rule) {
        return new Builder(rule);
    }

    /** A builder for an optimizer of the rule a spec names. */
    public static Builder builder(String spec) {
        return new Builder(Plugins.updateRule(spec));
    }

    /** Configures a {@link RuleOptimizer}; every option is off by default. */
    public static final class Builder {
        private final UpdateRule rule;
        private double clipValue;
        private double clipNorm;
        private double l2;
        private double l1;

        private Builder(UpdateRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
        }

        /**
         * Clamps every gradient element to {@code [-limit, limit]} before the update.
         *
         * @throws IllegalArgumentException if {@code limit} is not positive and finite
         */
        public Builder clipValue(double limit) {
            requirePositive("clip value", limit);
            this.clipValue = limit;
            return this;
        }

        /**
         * Rescales the gradients when their global L2 norm exceeds {@code maxNorm}.
         *
         * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
         */
        public Builder clipNorm(double maxNorm) {
            requirePositive("clip norm", maxNorm);
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Adds {@code coefficient * w} to each gradient: L2 regularization (the loss gains
         * {@code coefficient / 2 * sum w^2}). 0 turns it off.
         *
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder l2(double coefficient) {
            requireNonNegative("l2", coefficient);
            this.l2 = coefficient;
            return this;
        }

        /**
         * Adds {@code coefficient * sign(w)} to each gradient: L1 regularization (the loss gains
         * {@code coefficient * sum |w|}). 0 turns it off.
         *
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder l1(double coefficient) {
            requireNonNegative("l1", coefficient);
            this.l1 = coefficient;
            return this;
        }

        /** The optimizer. */
        public RuleOptimizer build() {
            return new RuleOptimizer(this);
        }

        private static void requirePositive(String what, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
            }
        }

        private static void requireNonNegative(String what, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite and not negative, got " + v);
            }
        }
    }

    /** The rule. */
    public UpdateRule rule() {
        return rule;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the next steps; the state arrays stay.
     *
     * @throws IllegalArgumentException if it is negative or not finite
     */
    @Override
    public void setLearningRate(double learningRate) {
        checkRate(learningRate);
        this.learningRate = learningRate;
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and not negative, got " + rate);
        }
    }

    @Override
    public void step(List<Parameter> parameters) {
        float scale = 1f;
        if (clipNorm > 0) {
            double sum = 0;
            for (int i = 0, n = parameters.size(); i < n; i++) {
                Parameter p = parameters.get(i);
                if (p.trainable() && p.grad() != null) {
                    float[] g = p.grad().data();
                    sum += clipValue > 0 ? OptimizerKernels.sumOfSquaresClipped(g, g.length, clipValue)
                            : OptimizerKernels.sumOfSquares(g, g.length);
                }
            }
            double norm = Math.sqrt(sum);
            if (norm > clipNorm) {
                scale = (float) (clipNorm / (norm + 1e-6));
            }
        }
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            if (!p.trainable() || p.grad() == null) {
                continue;
            }
            Slot slot = slotFor(p);
            slot.steps++;
            Body b = body;
            b.w = p.value().data();
            b.g = p.grad().data();
            b.state = slot.state;
            b.step = slot.steps;
            b.scale = scale;
            try {
                OptimizerKernels.forRanges(b.w.length, b);
            } finally {
                b.w = null;
                b.g = null;
                b.state = null;
            }
        }
    }

    private Slot slotFor(Parameter p) {
        Slot slot = slots.get(p);
        if (slot != null) {
            return slot;
        }
        int size = p.value().size();
        OptimizerState.ParameterState restored = pending.remove(p.name());
        float[][] state;
        long steps = 0;
        if (restored != null) {
            state = restored.arrays();
            if (state.length != stateArrays) {
                throw new IllegalStateException("the saved optimizer state of parameter '" + p.name() + "' has "
                        + state.length + " arrays, but " + rule.name() + " keeps " + stateArrays);
            }
            for (float[] a : state) {
                if (a.length != size) {
                    throw new IllegalStateException("the saved optimizer state of parameter '" + p.name()
                            + "' has arrays of " + a.length + " elements, but the parameter has " + size);
                }
            }
            steps = restored.steps();
        } else {
            state = new float[stateArrays][size];
        }
        slot = new Slot(p, state, steps);
        slots.put(p, slot);
        return slot;
    }

    /**
     * The state a checkpoint saves: the rule's spec, the learning rate, and per parameter met so
     * far (or restored and not met since) its step count and a copy of its state arrays.
     *
     * @throws IllegalStateException if two parameters met share a name
     */
    public OptimizerState snapshot() {
        Map<String, OptimizerState.ParameterState> states = new LinkedHashMap<>();
        for (Slot slot : slots.values()) {
            String name = slot.parameter.name();
            if (states.put(name, new OptimizerState.ParameterState(slot.steps, slot.state)) != null) {
                throw new IllegalStateException("two parameters are named '" + name
                        + "', so the optimizer state cannot be saved by name; give parameters unique names");
            }
        }
        for (Map.Entry<String, OptimizerState.ParameterState> e : pending.entrySet()) {
            states.putIfAbsent(e.getKey(), e.getValue());
        }
        return new OptimizerState(rule.spec(), learningRate, states);
    }

    /**
     * Replaces this optimizer's state with a snapshot: the learning rate at once, and each
     * parameter's step count and state arrays when the parameter of that name is next updated.
     * Clipping and regularization are not part of the state; build the optimizer with the same
     * options.
     *
     * @throws IllegalStateException if the snapshot was taken with another rule or other
     *                               hyperparameters (both named)
     */
    public void restore(OptimizerState state) {
        Objects.requireNonNull(state, "state");
        if (!state.rule().equals(rule.spec())) {
            throw new IllegalStateException("the saved optimizer state is of " + state.rule() + ", but this optimizer is "
                    + rule.spec() + "; make the optimizer from the saved spec (RuleOptimizer.of(state.rule()"
                    + ".toString())) or restore a matching state");
        }
        setLearningRate(state.learningRate());
        slots.clear();
        pending.clear();
        pending.putAll(state.parameters());
    }

    /**
     * A fresh optimizer of the rule a snapshot names (found through {@link Plugins}), with its
     * state restored, without clipping or regularization (they are not saved; for them, build
     * one with {@link #builder(String)} and call {@link #restore}).
     */
    public static RuleOptimizer restored(OptimizerState state) {
        RuleOptimizer optimizer = of(Plugins.updateRules().get(state.rule()));
        optimizer.restore(state);
        return optimizer;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RuleOptimizer(").append(rule.spec());
        if (learningRate != rule.learningRate()) {
            sb.append(", lr in force=").append(learningRate);
        }
        if (clipValue > 0) {
            sb.append(", clipValue=").append(clipValue);
        }
        if (clipNorm > 0) {
            sb.append(", clipNorm=").append(clipNorm);
        }
        if (l2 != 0f) {
            sb.append(", l2=").append(l2);
        }
        if (l1 != 0f) {
            sb.append(", l1=").append(l1);
        }
        return sb.append(')').toString();
    }
}
