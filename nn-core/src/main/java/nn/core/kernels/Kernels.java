package nn.core.kernels;

import java.util.Optional;

/**
 * Which implementation the kernels run on. With the module {@code jdk.incubator.vector} in the
 * JVM (start it with {@code --add-modules jdk.incubator.vector}), matrix multiply, the row
 * kernels and the optimizer loops use the Vector API; without it they run in plain Java, with the
 * same results within float rounding. No flag is ever needed for correctness, only for speed.
 *
 * <p>The system property {@code nn.kernels=java} forces plain Java even when the module is there.
 *
 * <p>Immutable and thread-safe: the choice is made once, when the class loads.
 */
public final class Kernels {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    static final GemmEngine GEMM;
    static final RowKernels ROWS;
    static final UpdateLoops UPDATES;
    private static final String NOTE;

    static {
        GemmEngine gemm = new JavaGemm();
        RowKernels rows = new RowKernels();
        UpdateLoops updates = new UpdateLoops();
        String note;
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if ("java".equalsIgnoreCase(System.getProperty("nn.kernels", "").trim())) {
            note = "-Dnn.kernels=java";
        } else if (vector.isEmpty()) {
            note = VECTOR_MODULE + " absent; run with --add-modules " + VECTOR_MODULE + " for speed";
        } else {
            try {
                // on the module path, nn.core must read the module it did not declare
                Kernels.class.getModule().addReads(vector.get());
                gemm = (GemmEngine) instantiate("nn.core.kernels.VectorGemm");
                rows = (RowKernels) instantiate("nn.core.kernels.VectorRowKernels");
                updates = (UpdateLoops) instantiate("nn.core.kernels.VectorUpdateLoops");
                note = VECTOR_MODULE;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                gemm = new JavaGemm();
                rows = new RowKernels();
                updates = new UpdateLoops();
                note = "the Vector API kernels failed to load (" + e + ")";
            }
        }
        GEMM = gemm;
        ROWS = rows;
        UPDATES = updates;
        NOTE = note;
    }

    private Kernels() {
    }

    private static Object instantiate(String className) throws ReflectiveOperationException {
        return Class.forName(className).getDeclaredConstructor().newInstance();
    }

    /** Whether the kernels run on the Vector API. */
    public static boolean vectorized() {
        return !(GEMM instanceof JavaGemm);
    }

    /** One line saying what the kernels run on and why, for logs and benchmark reports. */
    public static String describe() {
        return "nn kernels: " + GEMM.describe() + " (" + NOTE + "), " + Parallel.threads() + " threads";
    }
}
