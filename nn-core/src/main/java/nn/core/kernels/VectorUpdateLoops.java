package nn.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link UpdateLoops} on the Vector API: the plain loops do not vectorize once they flush tiny
 * state to zero (C2 of JDK 17 keeps a conditional scalar). Each lane does what the scalar loop
 * does for its element, so the results are bitwise the same. Compiled with {@code VectorGemm},
 * loaded only when the module is present.
 */
final class VectorUpdateLoops extends UpdateLoops {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static FloatVector flush(FloatVector x) {
        return x.blend(0f, x.abs().lt(OptimizerKernels.TINY));
    }

    @Override
    void sgdMomentum(float[] w, float[] g, float[] v, float lr, float momentum, float oneMinusDampening,
                     float weightDecay, boolean nesterov, boolean first, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector d = FloatVector.fromArray(S, g, i);
            if (weightDecay != 0f) {
                d = d.add(wv.mul(weightDecay));
            }
            FloatVector vi = first ? d : FloatVector.fromArray(S, v, i).mul(momentum).add(d.mul(oneMinusDampening));
            vi = flush(vi);
            vi.intoArray(v, i);
            FloatVector step = nesterov ? d.add(vi.mul(momentum)) : vi;
            wv.add(step.mul(-lr)).intoArray(w, i);
        }
        if (i < to) {
            super.sgdMomentum(w, g, v, lr, momentum, oneMinusDampening, weightDecay, nesterov, first, i, to);
        }
    }

    @Override
    void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float oneMinusBeta1, float beta2,
              float oneMinusBeta2, float eps, float stepSize, float sqrtCorrection2, float coupledDecay,
              float decoupledFactor, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wi = FloatVector.fromArray(S, w, i);
            if (decoupledFactor != 1f) {
                wi = wi.mul(decoupledFactor);
            }
            FloatVector d = FloatVector.fromArray(S, g, i);
            if (coupledDecay != 0f) {
                d = d.add(wi.mul(coupledDecay));
            }
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).mul(beta1).add(d.mul(oneMinusBeta1)));
            FloatVector vi = flush(FloatVector.fromArray(S, v, i).mul(beta2).add(d.mul(oneMinusBeta2).mul(d)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denominator = vi.sqrt().div(sqrtCorrection2).add(eps);
            wi.sub(mi.mul(stepSize).div(denominator)).intoArray(w, i);
        }
        if (i < to) {
            super.adam(w, g, m, v, beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, stepSize, sqrtCorrection2,
                    coupledDecay, decoupledFactor, i, to);
        }
    }
}
