package nn.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.api.Activation;
import nn.api.Hyperparameters;

/**
 * Softplus, a smooth relu that is positive everywhere; {@code beta} sharpens the bend.
 *
 * <pre>{@code
 * softplus(x)  = log(1 + exp(beta x)) / beta = (max(beta x, 0) + log(1 + exp(-|beta x|))) / beta
 * softplus'(x) = sigmoid(beta x)
 * }</pre>
 *
 * <p>Element-wise. Hyperparameters: {@code beta > 0}, finite, default 1, as in
 * {@code torch.nn.Softplus(beta=1)}; ask for another by name,
 * {@code Plugins.activation("softplus(beta=2)")}, or build it directly, {@code new Softplus(2)}.
 * The second form above is what is computed, with {@link Math#log1p}: it never overflows
 * ({@code softplus(1000) = 1000}) and keeps full relative accuracy for very negative {@code x}
 * ({@code softplus(-50) = exp(-50)}). PyTorch instead switches to the identity above its
 * {@code threshold = 20} (of {@code beta x}); the exact value differs from that by less than
 * {@code exp(-20) / beta}, and there is no {@code threshold} hyperparameter here. With
 * {@code beta = 1} the multiplications and division by beta are exact, so the default computes
 * bit for bit the plain {@code log(1 + exp(x))}. The bulk backward computes
 * {@code sigmoid(beta x)} from the input.
 */
public final class Softplus implements Activation {

    /** The default beta, 1, as in PyTorch. */
    public static final double DEFAULT_BETA = 1.0;

    private final double beta;

    /** Creates the softplus activation with {@code beta = }{@value #DEFAULT_BETA}. */
    public Softplus() {
        this(DEFAULT_BETA);
    }

    /**
     * Creates softplus with the given beta.
     *
     * @throws IllegalArgumentException if {@code beta} is not positive and finite
     */
    public Softplus(double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("softplus: beta must be positive and finite (0 < beta < infinity),"
                    + " got " + beta);
        }
        this.beta = beta;
    }

    /** The sharpness: softplus tends to relu as beta grows. */
    public double beta() {
        return beta;
    }

    private double softplus(double x) {
        double z = beta * x;
        return (Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)))) / beta;
    }

    @Override
    public String name() {
        return "softplus";
    }

    /** {@code {beta=...}}. */
    @Override
    public Map<String, Double> hyperparameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("beta", beta);
        return values;
    }

    /**
     * softplus with the beta given, or this one's.
     *
     * @throws IllegalArgumentException for a key other than {@code beta}, or a beta that is not
     *                                  positive and finite
     */
    @Override
    public Softplus with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireKnown(name(), hyperparameters, Set.of("beta"));
        return new Softplus(hyperparameters.getOrDefault("beta", beta));
    }

    @Override
    public double apply(double x) {
        return softplus(x);
    }

    @Override
    public double derivative(double x) {
        return Sigmoid.logistic(beta * x);
    }

    @Override
    public void forward(float[] x, float[] y, int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = (float) softplus(x[i]);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] gradY, float[] gradX,
                         int offset, int length, int rowLength) {
        for (int i = offset, end = offset + length; i < end; i++) {
            gradX[i] += (float) (gradY[i] * Sigmoid.logistic(beta * x[i]));
        }
    }

    /** The spec, such as {@code softplus(beta=1)}. */
    @Override
    public String toString() {
        return spec().toString();
    }
}
