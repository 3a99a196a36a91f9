package nn.core.check;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import nn.api.Activation;
import nn.api.Layer;
import nn.api.Loss;
import nn.api.Reduction;
import nn.core.graph.NoGrad;
import nn.core.graph.Node;
import nn.core.graph.Parameter;
import nn.core.tensor.Tensor;

/**
 * Compares analytic derivatives with central differences.
 *
 * <p><b>Plugins in double precision.</b> An activation's {@code derivative} and row
 * vector-Jacobian product, and a loss's {@code gradient}, are checked in double with PyTorch's
 * gradcheck settings: step {@value #EPS}, and agreement within
 * {@code atol + rtol * |numerical|} with atol {@value #ATOL} and rtol {@value #RTOL}. Their float
 * bulk methods, which the engine calls, are then checked against the double forms within float
 * rounding (relative {@value #FLOAT_RTOL}).
 *
 * <p><b>Graphs in float.</b> The engine computes in float32, so a graph is checked on the scalar
 * {@code J = sum(w * output)} for fixed random weights {@code w}, summed in double, against
 * central differences with a step {@code h} of {@value #GRAPH_STEP} times {@code max(1, |x|)}.
 * The truncation error is {@code O(h^2)}; the rounding error of {@code J} is at most a few units
 * of float rounding ({@code u = 6e-8}) per operation times {@code A = sum |w * output|}, which
 * the difference divides by {@code 2h}. The tolerance is therefore
 * {@code rtol * |numerical| + atol} with rtol {@value #GRAPH_RTOL} and
 * {@code atol = 1e-4 + 64 u A / h}: loose enough for float32, tight enough that a missing term,
 * a wrong sign or a wrong factor fails.
 *
 * <p>Points where the left and right differences disagree (a kink, such as relu at 0) are
 * skipped and counted, not compared.
 *
 * <p>Stateless and thread-safe for checks of different graphs; a check perturbs the values of the
 * variables of the graph it checks, so that graph must not be used meanwhile.
 */
public final class GradientChecker {

    /** Central-difference step of the double-precision checks. */
    public static final double EPS = 1e-6;
    /** Absolute tolerance of the double-precision checks. */
    public static final double ATOL = 1e-5;
    /** Relative tolerance of the double-precision checks. */
    public static final double RTOL = 1e-3;
    /** Relative tolerance of float bulk methods against their double forms. */
    public static final double FLOAT_RTOL = 1e-4;
    /** Relative step of the float graph checks. */
    public static final double GRAPH_STEP = 1e-2;
    /** Relative tolerance of the float graph checks. */
    public static final double GRAPH_RTOL = 5e-3;

    private static final double FLOAT_U = 6e-8;

    private GradientChecker() {
    }

    // ---- activations -----------------------------------------------------------------------

    /** Checks an activation at a spread of points in {@code [-8, 8]} (and rows of 5 for row activations). */
    public static GradientCheck activation(Activation activation) {
        double[] points = new double[81];
        for (int i = 0; i < points.length; i++) {
            points[i] = -8 + 0.2 * i + 0.0123; // off the usual kinks at integers
        }
        return activation(activation, points, 5, 42);
    }

    /**
     * Checks an activation: an element-wise one at each of {@code points}; a row one on rows of
     * {@code rowLength} values drawn from {@code points}. Then its float bulk methods.
     */
    public static GradientCheck activation(Activation activation, double[] points, int rowLength, long seed) {
        Objects.requireNonNull(activation, "activation");
        checkArgument(points.length > 0 && rowLength > 0, "need points and a positive row length");
        Tally t = new Tally();
        Random random = new Random(seed);
        if (activation.isElementwise()) {
            for (double x : points) {
                double analytic = activation.derivative(x);
                double fm = activation.apply(x - EPS);
                double f0 = activation.apply(x);
                double fp = activation.apply(x + EPS);
                t.compare("x = " + x, analytic, (f0 - fm) / EPS, (fp - f0) / EPS, (fp - fm) / (2 * EPS), ATOL);
            }
        } else {
            int rows = Math.max(1, points.length / rowLength);
            for (int r = 0; r < rows; r++) {
                double[] x = new double[rowLength];
                double[] gy = new double[rowLength];
                for (int j = 0; j < rowLength; j++) {
                    x[j] = points[random.nextInt(points.length)];
                    gy[j] = random.nextGaussian();
                }
                double[] y = new double[rowLength];
                double[] gx = new double[rowLength];
                activation.applyRow(x, y);
                activation.backwardRow(x, y, gy, gx);
                for (int j = 0; j < rowLength; j++) {
                    double xj = x[j];
                    x[j] = xj - EPS;
                    double fm = dot(gy, applied(activation, x));
                    x[j] = xj + EPS;
                    double fp = dot(gy, applied(activation, x));
                    x[j] = xj;
                    double f0 = dot(gy, y);
                    t.compare("row " + java.util.Arrays.toString(x) + ", element " + j + ", gradY "
                                    + java.util.Arrays.toString(gy), gx[j], (f0 - fm) / EPS, (fp - f0) / EPS,
                            (fp - fm) / (2 * EPS), ATOL);
                }
            }
        }
        checkActivationBulk(activation, points, rowLength, random, t);
        return t.result("activation '" + activation.name() + "'");
    }

    private static double[] applied(Activation a, double[] x) {
        double[] y = new double[x.length];
        a.applyRow(x, y);
        return y;
    }

    /** The float forward/backward over two rows at an offset, against the double row forms. */
    private static void checkActivationBulk(Activation a, double[] points, int rowLength, Random random, Tally t) {
        int rows = 3;
        int offset = rowLength;
        int n = rows * rowLength;
        float[] x = new float[offset + n];
        float[] y = new float[offset + n];
        float[] gy = new float[offset + n];
        float[] gx = new float[offset + n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) points[random.nextInt(points.length)];
            gy[i] = (float) random.nextGaussian();
            gx[i] = 0.5f; // backward must add into this
        }
        a.forward(x, y, offset, n, rowLength);
        a.backward(x, y, gy, gx, offset, n, rowLength);
        for (int r = 0; r < rows; r++) {
            double[] xr = new double[rowLength];
            double[] yr = new double[rowLength];
            double[] gyr = new double[rowLength];
            double[] gxr = new double[rowLength];
            int base = offset + r * rowLength;
            for (int j = 0; j < rowLength; j++) {
                xr[j] = x[base + j];
                gyr[j] = gy[base + j];
            }
            a.applyRow(xr, yr);
            a.backwardRow(xr, yr, gyr, gxr);
            for (int j = 0; j < rowLength; j++) {
                String where = "float bulk at x = " + x[base + j];
                t.compareFloat(where + " (forward)", y[base + j], yr[j]);
                t.compareFloat(where + " (backward, added to 0.5)", gx[base + j] - 0.5, gxr[j]);
            }
        }
        for (int i = 0; i < offset; i++) {
            if (gx[i] != 0.5f || y[i] != 0f) {
                t.fail("float bulk methods wrote outside [offset, offset + length) at index " + i);
                break;
            }
        }
    }

    // ---- losses ------------------------------------------------------------------------------

    /**
     * Checks a loss on seeded random samples of width 4: predictions in {@code [0.05, 0.95]},
     * targets positive rows summing to 1 (or class indices, if the loss takes one number per
     * sample), a domain every built-in loss accepts.
     */
    public static GradientCheck loss(Loss loss) {
        Random random = new Random(7);
        int samples = 12;
        int width = 4;
        int tw = loss.targetWidth(width);
        double[][] p = new double[samples][width];
        double[][] y = new double[samples][tw];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                p[s][j] = 0.05 + 0.9 * random.nextDouble();
            }
            for (int j = 0; j < tw; j++) {
                y[s][j] = tw == 1 && width > 1 ? random.nextInt(width) : 0.05 + random.nextDouble();
                sum += y[s][j];
            }
            if (!(tw == 1 && width > 1)) {
                for (int j = 0; j < tw; j++) {
                    y[s][j] /= sum;
                }
            }
        }
        return loss(loss, p, y);
    }

    /** Checks a loss's per-sample gradient at the given samples, then its float bulk methods on them as one batch. */
    public static GradientCheck loss(Loss loss, double[][] predictions, double[][] targets) {
        Objects.requireNonNull(loss, "loss");
        checkArgument(predictions.length == targets.length && predictions.length > 0,
                "need as many targets as predictions, and at least one");
        Tally t = new Tally();
        int cols = predictions[0].length;
        for (int s = 0; s < predictions.length; s++) {
            double[] p = predictions[s].clone();
            double[] y = targets[s];
            double[] g = new double[cols];
            loss.gradient(p, y, g);
            double f0 = loss.value(p, y);
            for (int j = 0; j < cols; j++) {
                double pj = p[j];
                p[j] = pj - EPS;
                double fm = loss.value(p, y);
                p[j] = pj + EPS;
                double fp = loss.value(p, y);
                p[j] = pj;
                t.compare("sample " + s + ", prediction element " + j + " = " + pj, g[j],
                        (f0 - fm) / EPS, (fp - f0) / EPS, (fp - fm) / (2 * EPS), ATOL);
            }
        }
        checkLossBulk(loss, predictions, targets, t);
        return t.result("loss '" + loss.name() + "'");
    }

    private static void checkLossBulk(Loss loss, double[][] predictions, double[][] targets, Tally t) {
        int rows = predictions.length;
        int cols = predictions[0].length;
        int tw = loss.targetWidth(cols);
        float[] p = new float[rows * cols];
        float[] y = new float[rows * tw];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                p[r * cols + j] = (float) predictions[r][j];
            }
            for (int j = 0; j < tw; j++) {
                y[r * tw + j] = (float) targets[r][j];
            }
        }
        for (Reduction reduction : Reduction.values()) {
            double expected = 0;
            double[][] grads = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                double[] pr = new double[cols];
                double[] yr = new double[tw];
                for (int j = 0; j < cols; j++) {
                    pr[j] = p[r * cols + j];
                }
                for (int j = 0; j < tw; j++) {
                    yr[j] = y[r * tw + j];
                }
                expected += loss.value(pr, yr);
                loss.gradient(pr, yr, grads[r]);
            }
            double factor = reduction.scale(rows);
            t.compareFloat("float bulk value, " + reduction, loss.value(p, y, rows, cols, reduction), expected * factor);
            float[] g = new float[rows * cols];
            java.util.Arrays.fill(g, 0.5f);
            double scale = 1.5;
            loss.gradient(p, y, g, rows, cols, reduction, scale);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    t.compareFloat("float bulk gradient (" + reduction + ", scale 1.5, added to 0.5) at row " + r
                            + ", element " + j, g[r * cols + j] - 0.5, scale * factor * grads[r][j]);
                }
            }
        }
    }

    // ---- graphs and layers ---------------------------------------------------------------------

    /**
     * Checks the graph {@code f} builds from variables holding copies of {@code inputs}, with
     * respect to each input.
     */
    public static GradientCheck graph(String subject, Function<List<Node>, Node> f, Tensor... inputs) {
        List<Node> vars = new ArrayList<>();
        for (Tensor in : inputs) {
            vars.add(Node.variable(in.copy()));
        }
        return nodes(subject, () -> f.apply(vars), vars);
    }

    /**
     * Checks the gradients of the output of {@code f} with respect to the leaves {@code wrt},
     * whose values are perturbed in place and {@code f} run again for each element.
     */
    public static GradientCheck nodes(String subject, Supplier<Node> f, List<? extends Node> wrt) {
        Tally t = new Tally();
        Node out = f.get();
        Random random = new Random(1234);
        float[] w = new float[out.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (Node n : wrt) {
            n.zeroGrad();
        }
        out.backward(Tensor.of(w.clone(), out.shape()));
        double magnitude = weightedAbs(out.value().data(), w);
        for (int k = 0; k < wrt.size(); k++) {
            Node leaf = wrt.get(k);
            float[] x = leaf.value().data();
            float[] grad = leaf.grad() == null ? new float[x.length] : leaf.grad().data().clone();
            for (int i = 0; i < x.length; i++) {
                float xi = x[i];
                double h = GRAPH_STEP * Math.max(1, Math.abs(xi));
                float xm = (float) (xi - h);
                float xp = (float) (xi + h);
                double j0 = objective(f, w);
                x[i] = xm;
                double jm = objective(f, w);
                x[i] = xp;
                double jp = objective(f, w);
                x[i] = xi;
                double atol = 1e-4 + 64 * FLOAT_U * magnitude / h;
                t.compare("input " + k + " (" + leaf + "), element " + i + " = " + xi, grad[i],
                        (j0 - jm) / (xi - (double) xm), (jp - j0) / ((double) xp - xi),
                        (jp - jm) / ((double) xp - xm), atol, GRAPH_RTOL);
            }
        }
        return t.result(subject);
    }

    /**
     * Checks a layer on a batch of {@code rows} random inputs of width {@code inputWidth}:
     * the gradients with respect to its input and to every parameter it creates. Buffers
     * ({@code ParameterFactory.buffer}) keep their initial values and are not checked.
     */
    public static GradientCheck layer(Layer layer, int inputWidth, int rows, boolean training, long seed) {
        Random random = new Random(seed);
        List<Node> leaves = new ArrayList<>();
        Tensor x = Tensor.zeros(rows, inputWidth);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) random.nextGaussian();
        }
        Node input = Node.variable(x);
        leaves.add(input);
        layer.build(new int[] {inputWidth}, new nn.api.ParameterFactory() {
            @Override
            public Node create(String name, int[] shape, nn.api.Initializer init) {
                Tensor value = Tensor.zeros(shape);
                init.initialize(value.data(), shape.clone(), random);
                // Zero or constant initial values would hide mistakes: perturb them.
                for (int i = 0; i < value.size(); i++) {
                    value.data()[i] += (float) (0.5 * random.nextGaussian());
                }
                Parameter p = new Parameter(name, value);
                leaves.add(p);
                return p;
            }

            /** A buffer keeps its initial values (a running variance must stay positive) and gets no gradient. */
            @Override
            public Node buffer(String name, int[] shape, nn.api.Initializer init) {
                Tensor value = Tensor.zeros(shape);
                init.initialize(value.data(), shape.clone(), random);
                return new Parameter(name, value, false);
            }
        });
        return nodes("layer " + layer, () -> Node.of(layer.forward(input, training)), leaves);
    }

    private static double objective(Supplier<Node> f, float[] w) {
        try (NoGrad ignored = NoGrad.enter()) {
            float[] out = f.get().value().data();
            double j = 0;
            for (int i = 0; i < out.length; i++) {
                j += (double) w[i] * out[i];
            }
            return j;
        }
    }

    private static double weightedAbs(float[] out, float[] w) {
        double a = 0;
        for (int i = 0; i < out.length; i++) {
            a += Math.abs((double) w[i] * out[i]);
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Counts comparisons, skips and failures; shared with {@link Conformance}. */
    static final class Tally {
        int checked;
        int skipped;
        double worst;
        final List<String> failures = new ArrayList<>();

        void compare(String where, double analytic, double left, double right, double central, double atol) {
            compare(where, analytic, left, right, central, atol, RTOL);
        }

        void compare(String where, double analytic, double left, double right, double central,
                     double atol, double rtol) {
            double kinkTol = 10 * (atol + rtol * Math.max(Math.abs(left), Math.abs(right)));
            if (Double.isFinite(left) && Double.isFinite(right) && Math.abs(left - right) > kinkTol) {
                skipped++;
                return;
            }
            checked++;
            double tol = atol + rtol * Math.abs(central);
            double err = Math.abs(analytic - central);
            if (!Double.isFinite(analytic) || !Double.isFinite(central)) {
                failures.add(String.format(Locale.ROOT, "%s: analytic %s, numerical %s (not finite)",
                        where, analytic, central));
                worst = Double.POSITIVE_INFINITY;
                return;
            }
            worst = Math.max(worst, err / tol);
            if (err > tol) {
                failures.add(String.format(Locale.ROOT, "%s: analytic %.8g, numerical %.8g, error %.3g > tolerance %.3g",
                        where, analytic, central, err, tol));
            }
        }

        void compareFloat(String where, double actual, double expected) {
            checked++;
            double tol = 1e-5 + FLOAT_RTOL * Math.abs(expected);
            double err = Math.abs(actual - expected);
            if (!(err <= tol)) {
                failures.add(String.format(Locale.ROOT, "%s: float %.8g, double %.8g, error %.3g > tolerance %.3g",
                        where, actual, expected, err, tol));
                worst = Math.max(worst, Double.isFinite(err) ? err / tol : Double.POSITIVE_INFINITY);
            } else {
                worst = Math.max(worst, err / tol);
            }
        }

        void fail(String message) {
            failures.add(message);
        }

        GradientCheck result(String subject) {
            return new GradientCheck(subject, checked, skipped, worst, failures);
        }
    }
}
