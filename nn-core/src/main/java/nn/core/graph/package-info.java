/**
 * The computational graph and reverse-mode automatic differentiation.
 *
 * <p>A {@link nn.core.graph.Node} is a tensor that remembers the operation that made it. Each
 * operation is one small class: its forward computes the output tensor, its {@code backward}
 * adds the vector-Jacobian product into its inputs' gradients. {@link nn.core.graph.Node#backward()}
 * walks the graph in reverse topological order, iteratively, so a node used twice gets both
 * contributions and deep graphs cannot overflow the stack. {@link nn.core.graph.NoGrad} turns
 * recording off for inference.
 *
 * <p>The graph is built by running (define-by-run, as in PyTorch and micrograd): every call on a
 * node computes its result at once and records how. {@link nn.core.graph.CompiledGraph} replays
 * a recorded graph over the same tensors; its input is often a
 * {@link nn.core.graph.RowSelection}, a batch's rows that matrix products read where they lie.
 */
package nn.core.graph;
