/**
 * The hot loops of nn, and nothing else: matrix multiply ({@link nn.core.kernels.Gemm}),
 * element-wise arithmetic with row broadcasting ({@link nn.core.kernels.Elementwise}), reductions
 * and transposes ({@link nn.core.kernels.Reductions}), softmax cross-entropy
 * ({@link nn.core.kernels.Softmax}), batch and layer normalization and dropout
 * ({@link nn.core.kernels.Normalization}), optimizer updates
 * ({@link nn.core.kernels.OptimizerKernels}). Every method works on flat row-major {@code float[]} arrays,
 * writes or accumulates into an array it is given, and allocates nothing once warm.
 *
 * <p>Speed: with {@code --add-modules jdk.incubator.vector} the products, row kernels and the
 * optimizers' update loops run on the Vector API ({@code VectorGemm}, {@code VectorRowKernels},
 * {@code VectorUpdateLoops}: compiled by a second compiler
 * execution, see nn-core's pom, and loaded by {@link nn.core.kernels.Kernels} only when the
 * module is present); without it, on plain Java written for C2's auto-vectorizer, with the same
 * results within float rounding (bitwise the same, except for matrix products, which use fused
 * multiply-adds on the Vector API). Large calls run on {@link nn.core.kernels.Parallel}'s threads.
 *
 * <p>Determinism: work is split over outputs (rows, columns, tiles), and inside a sum only by a
 * matrix product ({@link nn.core.kernels.Gemm}), which cuts its sum into blocks fixed by its
 * length alone and adds them into the output in block order, as one thread would. Every output
 * is computed by the same operations in the same order whatever thread computes it, so 1 and 2
 * threads give the same bits.
 *
 * <p>The rest of nn calls these kernels and never repeats a loop of its own; making nn faster
 * means making this package faster.
 */
package nn.core.kernels;
