package nn.core.kernels;

/**
 * The element loops of the optimizers that run every step (SGD with momentum, Adam), in plain
 * Java; {@code VectorUpdateLoops} does the same on the Vector API. Both compute every element with
 * the same float operations in the same order (no fused multiply-add), so they agree to the bit.
 *
 * <p>State that decays (momentum, Adam's moments) is flushed to zero once its magnitude falls
 * below {@link OptimizerKernels#TINY}: see there why.
 */
class UpdateLoops {

    /** See {@link OptimizerKernels#sgdMomentumRange}. */
    void sgdMomentum(float[] w, float[] g, float[] v, float lr, float momentum, float oneMinusDampening,
                     float weightDecay, boolean nesterov, boolean first, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * w[i];
            float vi = OptimizerKernels.flush(first ? d : momentum * v[i] + oneMinusDampening * d);
            v[i] = vi;
            float step = nesterov ? d + momentum * vi : vi;
            w[i] += -lr * step;
        }
    }

    /** See {@link OptimizerKernels#adamRange}. */
    void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float oneMinusBeta1, float beta2,
              float oneMinusBeta2, float eps, float stepSize, float sqrtCorrection2, float coupledDecay,
              float decoupledFactor, int from, int to) {
        for (int i = from; i < to; i++) {
            float wi = decoupledFactor == 1f ? w[i] : w[i] * decoupledFactor;
            float d = coupledDecay == 0f ? g[i] : g[i] + coupledDecay * wi;
            float mi = OptimizerKernels.flush(beta1 * m[i] + oneMinusBeta1 * d);
            float vi = OptimizerKernels.flush(beta2 * v[i] + oneMinusBeta2 * d * d);
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / sqrtCorrection2 + eps;
            w[i] = wi - stepSize * mi / denominator;
        }
    }
}
