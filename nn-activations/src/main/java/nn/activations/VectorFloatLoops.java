package nn.activations;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatLoops} on the Vector API: {@link FloatMath#exp(float)}, {@link FloatMath#sigmoid(float)}
 * and relu's forward and bit-mask backward ({@link Masks}) lane by lane, the same operations in
 * the same order, so the same bits; the elements past the last whole vector take the scalar form
 * (sigmoid's, when x and y are different arrays, are computed again as the last whole vector).
 * The integer lanes are the float lanes' bits reinterpreted (one vector shape throughout: a
 * second shape in the JVM makes C2 give up the Vector API's intrinsics, see nn-core's kernels).
 *
 * <p>This file is compiled on its own with {@code --add-modules jdk.incubator.vector} (see the
 * pom) and is loaded by {@link FloatLoops} only when that module is present.
 */
final class VectorFloatLoops extends FloatLoops {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(S, -FloatMath.LN2_HI);
    private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(S, -FloatMath.LN2_LO);
    private static final FloatVector P5 = FloatVector.broadcast(S, FloatMath.P5);
    private static final FloatVector P4 = FloatVector.broadcast(S, FloatMath.P4);
    private static final FloatVector P3 = FloatVector.broadcast(S, FloatMath.P3);
    private static final FloatVector P2 = FloatVector.broadcast(S, FloatMath.P2);
    private static final FloatVector P1 = FloatVector.broadcast(S, FloatMath.P1);
    private static final FloatVector P0 = FloatVector.broadcast(S, FloatMath.P0);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    @Override
    boolean vectorized() {
        return true;
    }

    /** {@link FloatMath#exp(float)} on each lane. */
    private static FloatVector exp(FloatVector x) {
        FloatVector t = x.max(FloatMath.EXP_MIN).min(FloatMath.EXP_MAX);
        FloatVector shifted = t.mul(FloatMath.LOG2E).add(FloatMath.ROUNDER);
        FloatVector n = shifted.sub(FloatMath.ROUNDER);
        IntVector ni = ((IntVector) shifted.reinterpretAsInts()).sub(FloatMath.ROUNDER_BITS);
        FloatVector r = n.fma(NEG_LN2_HI, t);
        r = n.fma(NEG_LN2_LO, r);
        FloatVector p = P5.fma(r, P4);
        p = p.fma(r, P3);
        p = p.fma(r, P2);
        p = p.fma(r, P1);
        p = p.fma(r, P0);
        FloatVector e = p.fma(r.mul(r), r).add(1f);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = (FloatVector) n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = (FloatVector) n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return e.mul(s1).mul(s2);
    }

    @Override
    void sigmoid(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            sigmoid(x, y, i);
        }
        if (i < to && to - from >= S.length() && x != y) {
            // the last elements as the last whole vector, some computed again from the same x: the
            // same bits, one vector's time (about 26 ns) for the 12 scalars (about 240) a row of
            // 30 leaves
            sigmoid(x, y, to - S.length());
            return;
        }
        for (; i < to; i++) {
            y[i] = FloatMath.sigmoid(x[i]);
        }
    }

    /** {@link FloatMath#sigmoid(float)} on the vector of x at {@code i}, into y at {@code i}. */
    private static void sigmoid(float[] x, float[] y, int i) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        FloatVector e = exp(v.abs().neg().max(FloatMath.SIGMOID_ZERO_BELOW));
        FloatVector s = ONE.div(e.add(ONE));
        VectorMask<Float> nonNegative = v.compare(VectorOperators.GE, 0f);
        VectorMask<Float> zero = v.compare(VectorOperators.LT, FloatMath.SIGMOID_ZERO_BELOW);
        e.mul(s).blend(s, nonNegative).blend(0f, zero).intoArray(y, i);
    }

    @Override
    void relu(float[] x, float[] y, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    void reluBackward(float[] x, float[] gradY, float[] gradX, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            // Masks.positive and Masks.select on the lanes' bits
            IntVector bits = (IntVector) FloatVector.fromArray(S, x, i).reinterpretAsInts();
            IntVector mask = bits.neg().and(bits.not()).lanewise(VectorOperators.ASHR, 31);
            IntVector g = (IntVector) FloatVector.fromArray(S, gradY, i).reinterpretAsInts();
            FloatVector selected = (FloatVector) g.and(mask).reinterpretAsFloats();
            FloatVector.fromArray(S, gradX, i).add(selected).intoArray(gradX, i);
        }
        for (; i < to; i++) {
            gradX[i] += Masks.select(Masks.positive(x[i]), gradY[i]);
        }
    }
}
