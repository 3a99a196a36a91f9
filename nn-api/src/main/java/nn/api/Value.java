package nn.api;

/**
 * A tensor in a computation that the engine can differentiate: what a {@link Layer} receives and
 * composes. Every method returns a new value and records how it was made, so the engine can run
 * the chain rule backwards through it; a layer written with these methods gets its gradients for
 * free.
 *
 * <p>Shapes follow the tutorial: a batch is a matrix of shape {@code [rows, cols]}, one row per
 * sample; a bias is {@code [1, cols]}. Binary operations take an operand of the same shape, or
 * of shape {@code [1, cols]}, which is added to (subtracted from, ...) every row.
 * A mismatch throws {@link IllegalArgumentException} naming both shapes.
 *
 * <p>The engine in nn-core implements this interface; values from different engines do not mix.
 *
 * <p>Implementations are not thread-safe: a value and the graph it belongs to are built and used
 * by one thread.
 */
public interface Value {

    /** The shape, outermost dimension first. The array is a copy. */
    int[] shape();

    /** The number of elements. */
    int size();

    /** The elements in row-major order, as a copy. */
    float[] toArray();

    /** The single element of a value of size 1. */
    float item();

    /** Matrix product {@code this . other} of {@code [n, k]} and {@code [k, m]}. */
    Value matmul(Value other);

    /** Element-wise sum, with {@code other} broadcast over rows if its shape is {@code [1, cols]}. */
    Value add(Value other);

    /** Element-wise difference, broadcast as in {@link #add(Value)}. */
    Value subtract(Value other);

    /** Element-wise product, broadcast as in {@link #add(Value)}. */
    Value multiply(Value other);

    /** Element-wise quotient, broadcast as in {@link #add(Value)}. */
    Value divide(Value other);

    /** Adds a constant to every element. */
    Value add(double constant);

    /** Multiplies every element by a constant. */
    Value multiply(double constant);

    /** The element-wise negation. */
    Value negate();

    /** The element-wise natural exponential. */
    Value exp();

    /** The element-wise natural logarithm. */
    Value log();

    /** The sum of all elements, of shape {@code [1, 1]}. */
    Value sum();

    /** The sum along an axis of a matrix, which becomes 1 wide: {@code [rows, cols]} to {@code [1, cols]} for axis 0. */
    Value sum(int axis);

    /** The mean of all elements, of shape {@code [1, 1]}. */
    Value mean();

    /** The mean along an axis of a matrix, as in {@link #sum(int)}. */
    Value mean(int axis);

    /** The transpose of a matrix. */
    Value transpose();

    /** The same elements in another shape of the same size. */
    Value reshape(int... shape);

    /** An activation applied to every element, or to every row of a matrix if it is not element-wise. */
    Value apply(Activation activation);

    /** The loss of this prediction against {@code target}, reduced over the rows: shape {@code [1, 1]}. */
    Value loss(Loss loss, Value target, Reduction reduction);
}
