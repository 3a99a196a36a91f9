package com.example.mish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Hyperparameters;
import nn.api.Loss;

/**
 * The pinball (quantile) loss, {@code pinball}: trains a network to predict the {@code tau}
 * quantile of its target rather than its mean, as in quantile regression (Koenker and Bassett,
 * 1978). With {@code u_i = t_i - p_i}, the error of each of the {@code n} numbers of a sample:
 *
 * <pre>
 *   rho(u)      = tau u          if u &gt;= 0   (the target is above the prediction)
 *               = (tau - 1) u    if u &lt; 0
 *   loss(p, t)  = (1/n) sum_i rho(u_i)
 *   dloss/dp_i  = -tau / n       if u_i &gt; 0
 *               = (1 - tau) / n  otherwise     (at u = 0, a subgradient)
 * </pre>
 *
 * <p>Hyperparameter {@code tau}, strictly between 0 and 1, default 0.5 (half the mean absolute
 * error: the median). A network trained with {@code pinball(tau=0.9)} predicts values that about
 * 90% of the targets fall below. Ask for it by name, {@code Plugins.loss("pinball(tau=0.9)")};
 * the target has the prediction's width. Only the scalar methods are written here: the bulk
 * {@code float} methods keep their defaults, which call them sample by sample. Stateless and
 * thread-safe.
 */
public final class PinballLoss implements Loss {

    /** The name a program or a model's metadata uses: {@code "pinball"}. */
    public static final String NAME = "pinball";

    /** The default quantile, 0.5: the median. */
    public static final double DEFAULT_TAU = 0.5;

    private final double tau;

    /** For {@link java.util.ServiceLoader}: the median, {@code tau = 0.5}. */
    public PinballLoss() {
        this(DEFAULT_TAU);
    }

    /**
     * The loss for the {@code tau} quantile.
     *
     * @throws IllegalArgumentException unless {@code 0 < tau < 1}
     */
    public PinballLoss(double tau) {
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException(NAME + ": tau (the quantile) must be strictly between 0 and 1"
                    + " (0 < tau < 1), got " + tau);
        }
        this.tau = tau;
    }

    /** The quantile this loss trains for. */
    public double tau() {
        return tau;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code {tau=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("tau", tau);
        return values;
    }

    /**
     * The loss with the quantile given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code tau}, or a tau outside (0, 1)
     */
    @Override
    public PinballLoss with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(NAME, hyperparameters, Set.of("tau"));
        return new PinballLoss(hyperparameters.getOrDefault("tau", tau));
    }

    @Override
    public double value(double[] prediction, double[] target) {
        check(prediction, target, prediction.length);
        double sum = 0;
        for (int i = 0; i < prediction.length; i++) {
            double u = target[i] - prediction[i];
            sum += u >= 0 ? tau * u : (tau - 1) * u;
        }
        return sum / prediction.length;
    }

    @Override
    public void gradient(double[] prediction, double[] target, double[] grad) {
        check(prediction, target, grad.length);
        double n = prediction.length;
        for (int i = 0; i < prediction.length; i++) {
            grad[i] = (target[i] - prediction[i] > 0 ? -tau : 1 - tau) / n;
        }
    }

    private static void check(double[] prediction, double[] target, int gradLength) {
        if (target.length != prediction.length || gradLength != prediction.length || prediction.length == 0) {
            throw new IllegalArgumentException(NAME + ": expects a prediction, a target and a gradient of one"
                    + " non-zero width, got " + prediction.length + ", " + target.length + " and " + gradLength);
        }
    }

    /** The spec, such as {@code pinball(tau=0.9)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
