package nn.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nn.api.Activation;
import nn.api.Loss;
import nn.api.PluginSpec;
import nn.api.Reduction;
import nn.core.plugins.PluginRegistry;

/**
 * The conformance kit for plugin authors: everything an activation or a loss must do to be used
 * by name, checked from any test with no test framework needed.
 * <pre>{@code
 * Conformance.activation(new Mish()).assertPassed();
 * Conformance.activation(new Mish(), "mish", Mish.class.getClassLoader()).assertPassed(); // and ServiceLoader finds it
 * Conformance.loss(new MyLoss()).assertPassed();
 * }</pre>
 *
 * <p>It checks, and reports every failure with its input and the size of the error:
 * <ol>
 *   <li><b>the name</b>: not null, lower-case letters, digits and underscores starting with a
 *       letter ({@code [a-z][a-z0-9_]*}), the same on a second call and on a second instance
 *       (made with the public no-argument constructor ServiceLoader uses, when there is one);</li>
 *   <li><b>the derivative</b> against central differences in double precision, through
 *       {@link GradientChecker} (its tolerances, and its skipping of kinks such as relu at 0):
 *       an activation at {@link #ACTIVATION_EDGES} and a spread over {@code [-6, 6]}; a loss at
 *       {@link GradientChecker#loss(Loss) the checker's samples} and at edge samples
 *       (predictions of 0.001 and 0.999, one-hot targets or class indices);</li>
 *   <li><b>finite values</b>: the function and its derivative are finite at every one of those
 *       finite inputs, and so are the float bulk results wherever the double result fits a float;</li>
 *   <li><b>the float bulk methods</b> against the scalar and row forms: an activation on blocks of
 *       several rows of lengths 1, 3 and 7 at an offset, whose {@code backward} must <em>add</em>
 *       into {@code gradX}, with nothing written before or after the block; a loss on a batch
 *       with both reductions, its gradient added into the array;</li>
 *   <li><b>sharing</b>: 4 threads at once compute the bulk methods bit for bit as one thread
 *       does (the engine shares one instance between threads);</li>
 *   <li><b>hyperparameters</b>: {@code hyperparameters()} lists valid names with finite values,
 *       the same on a second call; {@code spec()} is the name with them, and its text
 *       ({@code leaky_relu(alpha=0.2)}) parses back to an equal spec; {@code with(hyperparameters())},
 *       and {@code with} of the parsed spec's values, give the same plugin: the same class, the
 *       same spec and bit for bit the same values (so a model file, which stores the spec,
 *       gives back this very plugin);</li>
 *   <li>with the overloads that take a name and a class loader, <b>ServiceLoader</b>: the name
 *       resolves through {@link PluginRegistry#load} to an instance of the plugin's class, and
 *       the spec's text, looked up in that registry as a model file is loaded, gives the same
 *       plugin as above.</li>
 * </ol>
 * Losses are checked where every built-in loss is defined: predictions in {@code (0, 1)},
 * targets that are distributions, one-hot rows, or class indices for a loss whose
 * {@link Loss#targetWidth(int) target width} is 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class Conformance {

    /**
     * The edge values at which every activation is checked, besides a spread over {@code [-6, 6]}:
     * 0, tiny, unit, saturating, exp-overflowing-in-float and large magnitudes.
     */
    public static final List<Double> ACTIVATION_EDGES = List.of(
            0.0, 1e-8, -1e-8, 1.0, -1.0, 20.0, -20.0, 80.0, -80.0, 1e3, -1e3, 1e4, -1e4);

    /** The number of threads that share one plugin in the sharing check. */
    public static final int THREADS = 4;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private Conformance() {
    }

    // ---- activations -----------------------------------------------------------------------

    /** Checks an activation: name, derivative, finite values, bulk methods and sharing. */
    public static ConformanceReport activation(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        Report r = new Report("activation", activation, safeName(activation::name));
        checkName(r, activation, activation::name, other -> ((Activation) other).name());
        double[] points = activationPoints();
        r.part("derivative", () -> r.gradient(GradientChecker.activation(activation, points, 5, 42)));
        r.part("finite values", () -> checkActivationFinite(r, activation, points));
        r.part("float bulk methods", () -> {
            for (int rowLength : new int[] {1, 3, 7}) {
                checkActivationBulk(r, activation, points, rowLength, 1000 + rowLength);
            }
        });
        r.part("sharing between threads", () -> checkActivationSharing(r, activation, points));
        r.part("hyperparameters", () -> checkHyperparameters(r, activation, activation.name(),
                activation::hyperparameters, activation::spec, activation::with,
                other -> sameActivation(activation, other, points)));
        return r.build();
    }

    /**
     * Null if {@code other} is {@code a}'s class and computes bit for bit what {@code a} does at
     * {@code points} (the function and its derivative, or the row forms); else what differs.
     */
    private static String sameActivation(Activation a, Activation other, double[] points) {
        if (other == null || other.getClass() != a.getClass()) {
            return "it is " + (other == null ? "null" : "a " + other.getClass().getName()) + ", not a "
                    + a.getClass().getName();
        }
        if (a.isElementwise()) {
            for (double x : points) {
                if (Double.doubleToLongBits(a.apply(x)) != Double.doubleToLongBits(other.apply(x))
                        || Double.doubleToLongBits(a.derivative(x)) != Double.doubleToLongBits(other.derivative(x))) {
                    return String.format(Locale.ROOT, "at x = %s it gives %s (derivative %s) instead of %s (derivative %s)",
                            x, other.apply(x), other.derivative(x), a.apply(x), a.derivative(x));
                }
            }
            return null;
        }
        double[] x = Arrays.copyOf(points, 7);
        double[] y1 = new double[x.length];
        double[] y2 = new double[x.length];
        double[] gy = new double[x.length];
        Arrays.fill(gy, 0.5);
        double[] g1 = new double[x.length];
        double[] g2 = new double[x.length];
        a.applyRow(x, y1);
        other.applyRow(x, y2);
        a.backwardRow(x, y1, gy, g1);
        other.backwardRow(x, y2, gy, g2);
        if (!Arrays.equals(y1, y2) || !Arrays.equals(g1, g2)) {
            return "on the row " + Arrays.toString(x) + " it gives " + Arrays.toString(y2) + " (gradient "
                    + Arrays.toString(g2) + ") instead of " + Arrays.toString(y1) + " (gradient " + Arrays.toString(g1) + ")";
        }
        return null;
    }

    /**
     * Checks an activation as {@link #activation(Activation)} does, and that {@code expectedName}
     * is its name and resolves through ServiceLoader, from {@code loader}, to an instance of its
     * class (so {@code META-INF/services/nn.api.Activation} or {@code provides} registers it).
     */
    public static ConformanceReport activation(Activation activation, String expectedName, ClassLoader loader) {
        ConformanceReport base = activation(activation);
        double[] points = activationPoints();
        return withServiceLoader(base, activation, expectedName, safeName(activation::name),
                () -> PluginRegistry.load("activation", Activation.class, Activation::name, loader)
                        .configuredBy(Activation::with),
                activation::spec, other -> sameActivation(activation, other, points));
    }

    private static double[] activationPoints() {
        double[] points = new double[ACTIVATION_EDGES.size() + 41];
        for (int i = 0; i < ACTIVATION_EDGES.size(); i++) {
            points[i] = ACTIVATION_EDGES.get(i);
        }
        for (int i = 0; i < 41; i++) {
            points[ACTIVATION_EDGES.size() + i] = -6 + 0.3 * i + 0.0123; // off the usual kinks at integers
        }
        return points;
    }

    private static void checkActivationFinite(Report r, Activation a, double[] points) {
        if (a.isElementwise()) {
            for (double x : points) {
                double y = a.apply(x);
                double d = a.derivative(x);
                if (!Double.isFinite(y) || !Double.isFinite(d)) {
                    r.fail("finite values: at x = %s the function is %s and its derivative %s; both must be finite",
                            x, y, d);
                }
            }
        } else {
            // Each edge in a row with moderate values, then rows of edges only.
            List<double[]> rows = new ArrayList<>();
            for (double edge : ACTIVATION_EDGES) {
                rows.add(new double[] {edge, 0.5, -1.5, 2});
            }
            rows.add(new double[] {80, -80, 1e4, -1e4});
            rows.add(new double[] {1e4, 1e4, 1e4});
            rows.add(new double[] {-1e4, -1e4});
            for (double[] x : rows) {
                double[] y = new double[x.length];
                double[] gy = new double[x.length];
                double[] gx = new double[x.length];
                Arrays.fill(gy, 1.0);
                gy[0] = -2;
                a.applyRow(x, y);
                a.backwardRow(x, y, gy, gx);
                if (!allFinite(y) || !allFinite(gx)) {
                    r.fail("finite values: row %s gives %s and, for gradY %s, gradX %s; all must be finite",
                            Arrays.toString(x), Arrays.toString(y), Arrays.toString(gy), Arrays.toString(gx));
                }
            }
        }
    }

    /**
     * Three rows at an offset of two rows, one row of guard after: forward writes the block,
     * backward adds into gradX, and neither writes outside.
     */
    private static void checkActivationBulk(Report r, Activation a, double[] points, int rowLength, long seed) {
        Random random = new Random(seed);
        int rows = 3;
        int offset = 2 * rowLength;
        int n = rows * rowLength;
        int size = offset + n + rowLength;
        float[] x = new float[size];
        float[] y = new float[size];
        float[] gy = new float[size];
        float[] gx = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) points[random.nextInt(points.length)];
            gy[i] = (float) random.nextGaussian();
            gx[i] = (float) (0.5 + random.nextGaussian());
        }
        final float sentinel = -7777.25f;
        Arrays.fill(y, sentinel);
        float[] gxBefore = gx.clone();
        GradientChecker.Tally t = new GradientChecker.Tally();
        a.forward(x, y, offset, n, rowLength);
        a.backward(x, y, gy, gx, offset, n, rowLength);
        for (int row = 0; row < rows; row++) {
            int base = offset + row * rowLength;
            double[] xr = new double[rowLength];
            double[] yr = new double[rowLength];
            double[] gyr = new double[rowLength];
            double[] gxr = new double[rowLength];
            for (int j = 0; j < rowLength; j++) {
                xr[j] = x[base + j];
                gyr[j] = gy[base + j];
            }
            a.applyRow(xr, yr);
            a.backwardRow(xr, yr, gyr, gxr);
            for (int j = 0; j < rowLength; j++) {
                int i = base + j;
                String where = String.format(Locale.ROOT, "float bulk (row length %d, offset %d) at x = %s (index %d)",
                        rowLength, offset, x[i], i);
                t.compareFloat(where + ", forward", y[i], yr[j]);
                t.compareFloat(where + ", backward added into gradX = " + gxBefore[i] + " with gradY = " + gy[i],
                        (double) gx[i] - gxBefore[i], gxr[j]);
                if (Math.abs(yr[j]) <= Float.MAX_VALUE && !Float.isFinite(y[i])) {
                    t.fail(where + ": forward gives " + y[i] + " where the double form gives " + yr[j]);
                }
            }
        }
        for (int i = 0; i < size; i++) {
            if (i >= offset && i < offset + n) {
                continue;
            }
            if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(sentinel)) {
                t.fail(String.format(Locale.ROOT, "float bulk forward (row length %d) wrote y[%d] = %s outside the"
                        + " block [%d, %d)", rowLength, i, y[i], offset, offset + n));
            }
            if (Float.floatToRawIntBits(gx[i]) != Float.floatToRawIntBits(gxBefore[i])) {
                t.fail(String.format(Locale.ROOT, "float bulk backward (row length %d) changed gradX[%d] from %s to %s"
                        + " outside the block [%d, %d)", rowLength, i, gxBefore[i], gx[i], offset, offset + n));
            }
        }
        r.gradient(t.result("float bulk, row length " + rowLength));
    }

    private static void checkActivationSharing(Report r, Activation a, double[] points) {
        int rowLength = a.isElementwise() ? 1 : 8;
        int n = 4096;
        Random random = new Random(99);
        float[] x = new float[n];
        float[] gy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) points[random.nextInt(points.length)];
            gy[i] = (float) random.nextGaussian();
        }
        Supplier<float[][]> work = () -> {
            float[] y = new float[n];
            float[] gx = new float[n];
            a.forward(x, y, 0, n, rowLength);
            a.backward(x, y, gy, gx, 0, n, rowLength);
            return new float[][] {y, gx};
        };
        compareThreads(r, work, new String[] {"forward y", "backward gradX"}, i -> "x = " + x[i]);
    }

    // ---- losses ------------------------------------------------------------------------------

    /** Checks a loss: name, gradient, finite values, bulk methods and sharing. */
    public static ConformanceReport loss(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        Report r = new Report("loss", loss, safeName(loss::name));
        checkName(r, loss, loss::name, other -> ((Loss) other).name());
        int width = 4;
        int tw = loss.targetWidth(width);
        double[][] p = {
            {1e-3, 0.5, 0.999, 0.25},
            {0.999, 1e-3, 0.3, 0.6},
            {0.5, 0.5, 0.5, 0.5},
            {0.2, 0.7, 0.05, 0.95},
            {0.01, 0.02, 0.03, 0.94},
        };
        double[][] y = new double[p.length][tw];
        for (int s = 0; s < p.length; s++) {
            if (tw == 1 && width > 1) {
                y[s][0] = s % width;
            } else {
                y[s][s % tw] = 1;
            }
        }
        r.part("gradient", () -> r.gradient(GradientChecker.loss(loss)));
        r.part("gradient at edge samples", () -> r.gradient(GradientChecker.loss(loss, p, y)));
        r.part("finite values", () -> {
            for (int s = 0; s < p.length; s++) {
                double v = loss.value(p[s], y[s]);
                double[] g = new double[width];
                loss.gradient(p[s], y[s], g);
                if (!Double.isFinite(v) || !allFinite(g)) {
                    r.fail("finite values: prediction %s, target %s give the loss %s and the gradient %s;"
                            + " all must be finite", Arrays.toString(p[s]), Arrays.toString(y[s]), v, Arrays.toString(g));
                }
            }
        });
        r.part("sharing between threads", () -> checkLossSharing(r, loss, width, tw));
        r.part("hyperparameters", () -> checkHyperparameters(r, loss, loss.name(), loss::hyperparameters,
                loss::spec, loss::with, other -> sameLoss(loss, other, p, y)));
        return r.build();
    }

    /** Null if {@code other} is {@code loss}'s class and computes bit for bit what it does on the samples. */
    private static String sameLoss(Loss loss, Loss other, double[][] p, double[][] y) {
        if (other == null || other.getClass() != loss.getClass()) {
            return "it is " + (other == null ? "null" : "a " + other.getClass().getName()) + ", not a "
                    + loss.getClass().getName();
        }
        for (int s = 0; s < p.length; s++) {
            double v1 = loss.value(p[s], y[s]);
            double v2 = other.value(p[s], y[s]);
            double[] g1 = new double[p[s].length];
            double[] g2 = new double[p[s].length];
            loss.gradient(p[s], y[s], g1);
            other.gradient(p[s], y[s], g2);
            if (Double.doubleToLongBits(v1) != Double.doubleToLongBits(v2) || !Arrays.equals(g1, g2)) {
                return "for prediction " + Arrays.toString(p[s]) + " and target " + Arrays.toString(y[s])
                        + " it gives " + v2 + " (gradient " + Arrays.toString(g2) + ") instead of " + v1
                        + " (gradient " + Arrays.toString(g1) + ")";
            }
        }
        return null;
    }

    /**
     * Checks a loss as {@link #loss(Loss)} does, and that {@code expectedName} is its name and
     * resolves through ServiceLoader, from {@code loader}, to an instance of its class.
     */
    public static ConformanceReport loss(Loss loss, String expectedName, ClassLoader loader) {
        ConformanceReport base = loss(loss);
        double[][] p = {{0.2, 0.7, 0.05, 0.95}, {0.5, 0.5, 0.5, 0.5}};
        int tw = loss.targetWidth(4);
        double[][] y = new double[2][tw];
        y[0][tw == 1 ? 0 : 1] = 1;
        y[1][0] = tw == 1 ? 3 : 1;
        return withServiceLoader(base, loss, expectedName, safeName(loss::name),
                () -> PluginRegistry.load("loss", Loss.class, Loss::name, loader).configuredBy(Loss::with),
                loss::spec, other -> sameLoss(loss, other, p, y));
    }

    private static void checkLossSharing(Report r, Loss loss, int width, int tw) {
        int rows = 256;
        Random random = new Random(98);
        float[] p = new float[rows * width];
        float[] t = new float[rows * tw];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.05 + 0.9 * random.nextDouble());
        }
        for (int row = 0; row < rows; row++) {
            if (tw == 1 && width > 1) {
                t[row] = random.nextInt(width);
            } else {
                t[row * tw + random.nextInt(tw)] = 1;
            }
        }
        Supplier<float[][]> work = () -> {
            float[] g = new float[rows * width];
            loss.gradient(p, t, g, rows, width, Reduction.MEAN, 1.0);
            float[] v = {(float) loss.value(p, t, rows, width, Reduction.SUM)};
            return new float[][] {v, g};
        };
        compareThreads(r, work, new String[] {"bulk value", "bulk gradient"},
                i -> "row " + (i / width) + ", element " + (i % width));
    }

    // ---- shared parts --------------------------------------------------------------------------

    private static <T> void checkHyperparameters(Report r, T plugin, String name, Supplier<Map<String, Double>> values,
                                                 Supplier<PluginSpec> specOf, Function<Map<String, Double>, T> with,
                                                 Function<T, String> differs) {
        if (name == null || !NAME.matcher(name).matches()) {
            r.note("hyperparameters: not checked, since the name is not valid");
            return;
        }
        Map<String, Double> first = values.get();
        if (first == null) {
            r.fail("hyperparameters: hyperparameters() returned null; return an empty map for none");
            return;
        }
        Map<String, Double> second = values.get();
        if (!List.copyOf(first.entrySet()).equals(List.copyOf(second.entrySet()))) {
            r.fail("hyperparameters: not stable: the first call gave %s, the second %s; list every value, in a"
                    + " fixed order", first, second);
        }
        PluginSpec expected;
        try {
            expected = new PluginSpec(name, first);
        } catch (IllegalArgumentException e) {
            r.fail("hyperparameters: %s cannot be written as a spec: %s", first, e.getMessage());
            return;
        }
        PluginSpec spec = specOf.get();
        if (!expected.equals(spec)) {
            r.fail("hyperparameters: spec() is %s, but the name with hyperparameters() is %s", spec, expected);
            return;
        }
        PluginSpec parsed = PluginSpec.parse(spec.toString());
        if (!parsed.equals(spec)) {
            r.fail("hyperparameters: the spec's text '%s' parses back to %s, not to an equal spec", spec, parsed);
        }
        String again = differs.apply(with.apply(first));
        if (again != null) {
            r.fail("hyperparameters: with(hyperparameters()) = with(%s) does not reproduce the plugin: %s", first, again);
        }
        T fromText = with.apply(parsed.hyperparameters());
        String reparsed = differs.apply(fromText);
        if (reparsed != null) {
            r.fail("hyperparameters: with the values of the parsed spec %s, the plugin is not the same: %s", parsed,
                    reparsed);
        }
        r.note(String.format(Locale.ROOT, "hyperparameters: %s reproduces itself through with() and its text", spec));
    }

    private static <T> void checkName(Report r, T plugin, Supplier<String> name, Function<Object, String> nameOf) {
        r.part("name", () -> {
            String first = name.get();
            String second = name.get();
            if (first == null) {
                r.fail("name: name() returned null; it must be lower-case letters, digits and underscores");
                return;
            }
            if (!NAME.matcher(first).matches()) {
                r.fail("name: '%s' is not lower-case letters, digits and underscores starting with a letter"
                        + " ([a-z][a-z0-9_]*)%s", first, first.toLowerCase(Locale.ROOT).equals(first)
                        ? "" : "; did you mean '" + first.toLowerCase(Locale.ROOT) + "'?");
            }
            if (!first.equals(second)) {
                r.fail("name: not stable: the first call gave '%s', the second '%s'; a name must never change",
                        first, second);
            }
            Object other;
            try {
                other = plugin.getClass().getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                r.note("name: no second instance made (" + e + "); ServiceLoader needs a public no-argument"
                        + " constructor on the class path");
                return;
            }
            String otherName = nameOf.apply(other);
            if (!first.equals(otherName)) {
                r.fail("name: a second instance is named '%s', the first '%s'; every instance must have one name",
                        otherName, first);
            }
        });
    }

    private static void compareThreads(Report r, Supplier<float[][]> work, String[] what,
                                       java.util.function.IntFunction<String> input) {
        float[][] expected = work.get();
        int repeats = 3;
        float[][][][] results = new float[THREADS][repeats][][];
        Throwable[] errors = new Throwable[THREADS];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            int id = k;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int rep = 0; rep < repeats; rep++) {
                        results[id][rep] = work.get();
                    }
                } catch (Throwable e) {
                    errors[id] = e;
                }
            }, "conformance-" + k);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.fail("sharing: interrupted while waiting for the threads");
                return;
            }
        }
        for (int k = 0; k < THREADS; k++) {
            if (errors[k] != null) {
                r.fail("sharing: thread %d of %d threw %s", k, THREADS, errors[k]);
                continue;
            }
            for (int rep = 0; rep < repeats; rep++) {
                float[][] got = results[k][rep];
                if (got == null) {
                    r.fail("sharing: thread %d of %d did not finish within a minute", k, THREADS);
                    break;
                }
                for (int part = 0; part < expected.length; part++) {
                    int mismatches = 0;
                    int first = -1;
                    for (int i = 0; i < expected[part].length; i++) {
                        if (Float.floatToIntBits(expected[part][i]) != Float.floatToIntBits(got[part][i])) {
                            mismatches++;
                            if (first < 0) {
                                first = i;
                            }
                        }
                    }
                    if (mismatches > 0) {
                        r.fail("sharing: with %d threads at once, thread %d (run %d) got a different %s at %d places;"
                                        + " first at %s: %s instead of %s (error %.3g)",
                                THREADS, k, rep, what[part], mismatches,
                                part == 0 && expected[part].length == 1 ? "the batch" : input.apply(first),
                                got[part][first], expected[part][first],
                                Math.abs((double) got[part][first] - expected[part][first]));
                    }
                }
            }
        }
    }

    private static <T> ConformanceReport withServiceLoader(ConformanceReport base, T plugin, String expectedName,
                                                           String actualName, Supplier<PluginRegistry<T>> registry,
                                                           Supplier<PluginSpec> specOf, Function<T, String> differs) {
        Objects.requireNonNull(expectedName, "expectedName");
        List<String> checks = new ArrayList<>(base.checks());
        List<String> failures = new ArrayList<>(base.failures());
        try {
            if (!expectedName.equals(actualName)) {
                failures.add("ServiceLoader: expected the name '" + expectedName + "', the plugin says '" + actualName + "'");
            }
            PluginRegistry<T> found = registry.get();
            if (!found.contains(expectedName)) {
                try {
                    found.get(expectedName);
                } catch (IllegalArgumentException e) {
                    failures.add("ServiceLoader: " + e.getMessage() + "; register " + plugin.getClass().getName()
                            + " in META-INF/services and with provides in module-info");
                }
            } else if (found.get(expectedName).getClass() != plugin.getClass()) {
                failures.add("ServiceLoader: '" + expectedName + "' resolves to "
                        + found.get(expectedName).getClass().getName() + ", not " + plugin.getClass().getName());
            }
            checks.add("ServiceLoader: '" + expectedName + "' among " + found.names().size() + " found");
            if (found.contains(expectedName)) {
                String text = specOf.get().toString();
                try {
                    String differ = differs.apply(found.get(PluginSpec.parse(text)));
                    if (differ != null) {
                        failures.add("ServiceLoader: the spec '" + text + "', looked up in the registry as a model"
                                + " file is loaded, does not give this plugin back: " + differ);
                    }
                } catch (IllegalArgumentException e) {
                    failures.add("ServiceLoader: the spec '" + text + "' cannot be looked up in the registry: "
                            + e.getMessage());
                }
                checks.add("ServiceLoader: '" + text + "' looked up in the registry gives this plugin back");
            }
        } catch (RuntimeException e) {
            failures.add("ServiceLoader: loading the registry failed: " + e.getMessage());
        }
        return new ConformanceReport(base.subject(), checks, failures);
    }

    private static String safeName(Supplier<String> name) {
        try {
            return name.get();
        } catch (RuntimeException e) {
            return "<name() threw " + e + ">";
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Collects parts and failures; a part that throws is a failure naming the exception. */
    private static final class Report {
        final String subject;
        final List<String> checks = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        private String part;

        Report(String kind, Object plugin, String name) {
            this.subject = kind + " '" + name + "' (" + plugin.getClass().getName() + ")";
        }

        void part(String what, Runnable check) {
            part = what;
            int before = failures.size();
            try {
                check.run();
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                failures.add(what + ": threw " + e);
            }
            checks.add(what + (failures.size() > before ? ": " + (failures.size() - before) + " failures" : ": ok"));
        }

        void gradient(GradientCheck check) {
            for (String f : check.failures()) {
                failures.add(part + ": " + f);
            }
            if (check.checked() == 0) {
                failures.add(part + ": nothing was compared (every point was taken for a kink)");
            }
            checks.add(String.format(Locale.ROOT, "%s: %s: %d compared, %d skipped at kinks, worst error %.3g of tolerance",
                    part, check.subject(), check.checked(), check.skipped(), check.maxError()));
        }

        void note(String message) {
            checks.add(message);
        }

        void fail(String format, Object... args) {
            failures.add(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
        }

        ConformanceReport build() {
            return new ConformanceReport(subject, checks, failures);
        }
    }
}
