package nn.activations;

import java.util.Optional;

/**
 * Bulk float loops that run on the Vector API when the JVM has the module
 * {@code jdk.incubator.vector} (started with {@code --add-modules jdk.incubator.vector}), and as
 * these plain loops otherwise. Both compute the same bits: each lane takes the operations of
 * {@link FloatMath}'s scalar form in the same order, so results do not depend on the flag. The
 * system property {@code nn.kernels=java} forces the plain loops, as it does for nn-core's
 * kernels.
 *
 * <p>Plain Java cannot vectorize these: the JIT compiles {@link Math#exp} one element at a time
 * and does not vectorize the bit manipulations of {@link FloatMath#exp(float)}.
 *
 * <p>Stateless and thread-safe; the choice is made once, when the class loads.
 */
class FloatLoops {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The loops in use. */
    static final FloatLoops INSTANCE = pick();

    private static FloatLoops pick() {
        if ("java".equalsIgnoreCase(System.getProperty("nn.kernels", "").trim())) {
            return new FloatLoops();
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return new FloatLoops();
        }
        try {
            // on the module path, nn.activations must read the module it did not declare
            FloatLoops.class.getModule().addReads(vector.get());
            return (FloatLoops) Class.forName("nn.activations.VectorFloatLoops").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new FloatLoops();
        }
    }

    /** Whether these are the Vector API loops. */
    boolean vectorized() {
        return false;
    }

    /** {@code y[i] = sigmoid(x[i])} for i in {@code [from, to)}; may run in place. */
    void sigmoid(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = FloatMath.sigmoid(x[i]);
        }
    }

    /** {@code y[i] = max(x[i], 0)} for i in {@code [from, to)} ({@link Relu}); may run in place. */
    void relu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    /** {@code gradX[i] += x[i] > 0 ? gradY[i] : +0} for i in {@code [from, to)}, as {@link Masks} selects. */
    void reluBackward(float[] x, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            gradX[i] += Masks.select(Masks.positive(x[i]), gradY[i]);
        }
    }
}
