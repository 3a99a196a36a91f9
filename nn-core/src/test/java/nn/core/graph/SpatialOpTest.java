package nn.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import nn.core.TestData;
import nn.core.check.GradientCheck;
import nn.core.check.GradientChecker;
import nn.core.kernels.Parallel;
import nn.core.kernels.Window2d;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution and pooling: forward against direct loops in double, gradients against central
 * differences, 1 and 2 threads bit for bit, and the messages for shapes that do not fit.
 */
class SpatialOpTest {

    /** batch, channels, height, width, kernel h, kernel w, stride h, stride w, pad top, bottom, left, right. */
    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("3x3 valid, odd sizes", 2, 3, 7, 5, 3, 3, 1, 1, 0, 0, 0, 0, 4),
                Arguments.of("3x3 stride 2, padding 1", 3, 2, 7, 6, 3, 3, 2, 2, 1, 1, 1, 1, 3),
                Arguments.of("2x3 kernel, stride 2x1, uneven padding", 2, 3, 5, 7, 2, 3, 2, 1, 0, 1, 2, 1, 2),
                Arguments.of("1x1 kernel, one channel, batch 1", 1, 1, 4, 3, 1, 1, 1, 1, 0, 0, 0, 0, 5),
                Arguments.of("5x5 over 5x5 with padding 2, stride 3", 2, 2, 5, 5, 5, 5, 3, 3, 2, 2, 2, 2, 3));
    }

    private static Window2d window(int c, int h, int w, int kh, int kw, int sh, int sw, int pt, int pb, int pl, int pr) {
        return new Window2d(c, h, w, kh, kw, sh, sw, pt, pb, pl, pr);
    }

    // ---- references in double ------------------------------------------------------------------

    /** The convolution by its definition, in double; weights [(c*KH+ky)*KW+kx, o]. */
    static double[] referenceConv(Tensor x, Tensor wts, Tensor bias, Window2d g) {
        int b = x.dim(0);
        int oc = wts.dim(1);
        int oh = g.outHeight();
        int ow = g.outWidth();
        double[] y = new double[b * oc * oh * ow];
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < oc; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias.data()[o];
                        for (int c = 0; c < g.channels(); c++) {
                            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                                    int iy = oy * g.strideHeight() - g.padTop() + ky;
                                    int ix = ox * g.strideWidth() - g.padLeft() + kx;
                                    if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
                                        continue;
                                    }
                                    double xv = x.data()[((n * g.channels() + c) * g.height() + iy) * g.width() + ix];
                                    double wv = wts.data()[((c * g.kernelHeight() + ky) * g.kernelWidth() + kx) * oc + o];
                                    s += xv * wv;
                                }
                            }
                        }
                        y[((n * oc + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        return y;
    }

    /** Max (or average, over the elements inside) of each window, in double. */
    static double[] referencePool(Tensor x, Window2d g, boolean max) {
        int planes = x.dim(0) * x.dim(1);
        int oh = g.outHeight();
        int ow = g.outWidth();
        double[] y = new double[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < g.kernelHeight(); ky++) {
                        for (int kx = 0; kx < g.kernelWidth(); kx++) {
                            int iy = oy * g.strideHeight() - g.padTop() + ky;
                            int ix = ox * g.strideWidth() - g.padLeft() + kx;
                            if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
                                continue;
                            }
                            double v = x.data()[(q * g.height() + iy) * g.width() + ix];
                            best = Math.max(best, v);
                            sum += v;
                            count++;
                        }
                    }
                    y[(q * oh + oy) * ow + ox] = max ? best : sum / count;
                }
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": sizes");
        for (int i = 0; i < expected.length; i++) {
            double tol = tolerance * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tol, what + ": element " + i);
        }
    }

    // ---- forward ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void convolutionMatchesTheDefinition(String name, int b, int c, int h, int w, int kh, int kw, int sh, int sw,
                                         int pt, int pb, int pl, int pr, int oc) {
        Window2d g = window(c, h, w, kh, kw, sh, sw, pt, pb, pl, pr);
        Tensor x = TestData.normal(1, b, c, h, w);
        Tensor wts = TestData.normal(2, c * kh * kw, oc);
        Tensor bias = TestData.normal(3, 1, oc);
        Node y = Spatial.conv2d(Node.constant(x), Node.constant(wts), Node.constant(bias), g);
        assertArrayEquals(new int[] {b, oc, g.outHeight(), g.outWidth()}, y.shape());
        assertClose(referenceConv(x, wts, bias, g), y.value().data(), 1e-5, name);
        Node noBias = Spatial.conv2d(Node.constant(x), Node.constant(wts), null, g);
        assertClose(referenceConv(x, wts, null, g), noBias.value().data(), 1e-5, name + " without bias");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void poolingMatchesTheDefinition(String name, int b, int c, int h, int w, int kh, int kw, int sh, int sw,
                                     int pt, int pb, int pl, int pr, int oc) {
        Window2d g = window(c, h, w, kh, kw, sh, sw, Math.min(pt, kh - 1), Math.min(pb, kh - 1),
                Math.min(pl, kw - 1), Math.min(pr, kw - 1));
        Tensor x = TestData.normal(4, b, c, h, w);
        assertClose(referencePool(x, g, true), Spatial.maxPool2d(Node.constant(x), g).value().data(), 0, name);
        assertClose(referencePool(x, g, false), Spatial.avgPool2d(Node.constant(x), g).value().data(), 1e-6, name);
    }

    @Test
    void convolutionOverManyChunksMatchesOneChunk() {
        Window2d g = window(3, 9, 8, 3, 3, 2, 1, 1, 1, 1, 1);
        Tensor x = TestData.normal(5, 7, 3, 9, 8);
        Tensor wts = TestData.normal(6, 27, 4);
        Tensor bias = TestData.normal(7, 1, 4);
        Node vx = Node.variable(x);
        Node vw = Node.variable(wts);
        Node vb = Node.variable(bias);
        // room for 2 samples' columns: chunks of 2, 2, 2, 1
        Node chunked = new Convolution(vx, vw, vb, g, new int[] {7, 4, g.outHeight(), g.outWidth()},
                2L * g.patchSize() * g.outPlane());
        assertClose(referenceConv(x, wts, bias, g), chunked.value().data(), 1e-5, "chunked forward");
        Tensor seed = TestData.normal(8, chunked.shape());
        chunked.backward(seed);
        float[] dx = vx.grad().data().clone();
        float[] dw = vw.grad().data().clone();
        vx.zeroGrad();
        vw.zeroGrad();
        Node whole = Spatial.conv2d(vx, vw, vb, g);
        whole.backward(seed);
        assertClose(toDouble(vx.grad().data()), dx, 1e-5, "dx");
        assertClose(toDouble(vw.grad().data()), dw, 1e-4, "dw");
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    // ---- gradients ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void convolutionPassesTheGradientCheck(String name, int b, int c, int h, int w, int kh, int kw, int sh, int sw,
                                           int pt, int pb, int pl, int pr, int oc) {
        Window2d g = window(c, h, w, kh, kw, sh, sw, pt, pb, pl, pr);
        GradientChecker.graph("conv2d " + name, v -> Spatial.conv2d(v.get(0), v.get(1), v.get(2), g),
                TestData.normal(11, b, c, h, w), TestData.normal(12, c * kh * kw, oc), TestData.normal(13, 1, oc))
                .assertPassed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void poolingPassesTheGradientCheck(String name, int b, int c, int h, int w, int kh, int kw, int sh, int sw,
                                       int pt, int pb, int pl, int pr, int oc) {
        Window2d g = window(c, h, w, kh, kw, sh, sw, Math.min(pt, kh - 1), Math.min(pb, kh - 1),
                Math.min(pl, kw - 1), Math.min(pr, kw - 1));
        // distinct values far apart: no step of the check changes which element is the maximum
        Tensor x = spreadOut(b, c, h, w);
        GradientCheck max = GradientChecker.graph("max_pool2d " + name, v -> Spatial.maxPool2d(v.get(0), g), x);
        max.assertPassed();
        assertEquals(0, max.skipped(), "no kinks expected with distinct values");
        GradientChecker.graph("avg_pool2d " + name, v -> Spatial.avgPool2d(v.get(0), g), TestData.normal(14, b, c, h, w))
                .assertPassed();
    }

    /**
     * A permutation of 1.03^k (negated in odd positions): neighbours 3% apart, so the checker's
     * steps of 1% of a value never change which element is a window's maximum.
     */
    private static Tensor spreadOut(int... shape) {
        Tensor t = Tensor.zeros(shape);
        int n = t.size();
        java.util.Random r = new java.util.Random(15);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            t.data()[i] = (float) Math.pow(1.03, perm[i]) * (i % 2 == 0 ? 1 : -1);
        }
        return t;
    }

    @Test
    void maxPoolTiesSendTheGradientToTheFirstElementOfTheWindow() {
        // one plane 2x4, two windows 2x2; the first all equal, the second tied between (0,3) and (1,2)
        Tensor x = Tensor.of(new float[] {1, 1, 0, 5, 1, 1, 5, 2}, 1, 1, 2, 4);
        Window2d g = window(1, 2, 4, 2, 2, 2, 2, 0, 0, 0, 0);
        Node vx = Node.variable(x);
        Node y = Spatial.maxPool2d(vx, g);
        assertArrayEquals(new float[] {1, 5}, y.value().data());
        y.backward(Tensor.of(new float[] {3, 7}, 1, 1, 1, 2));
        assertArrayEquals(new float[] {3, 0, 0, 7, 0, 0, 0, 0}, vx.grad().data());
        // the checker sees the ties as kinks (left and right differences disagree) and skips them
        GradientCheck check = GradientChecker.graph("max_pool2d ties", v -> Spatial.maxPool2d(v.get(0), g), x);
        check.assertPassed();
        assertTrue(check.skipped() > 0, "ties are kinks");
    }

    @Test
    void overlappingMaxPoolWindowsAddTheirGradients() {
        // 3x3 windows with stride 1 over 4x4: the global maximum is in all four windows
        Tensor x = spreadOut(1, 1, 4, 4);
        x.data()[5] = 100;
        Window2d g = window(1, 4, 4, 3, 3, 1, 1, 0, 0, 0, 0);
        Node vx = Node.variable(x);
        Node y = Spatial.maxPool2d(vx, g);
        y.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertEquals(10f, vx.grad().data()[5]);
    }

    // ---- threads ---------------------------------------------------------------------------------

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int before = Parallel.threads();
        try {
            float[][] one = runAll(1);
            float[][] two = runAll(2);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], two[i], "result " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Big enough that every kernel splits among threads: values and gradients of every op. */
    private static float[][] runAll(int threads) {
        Parallel.setThreads(threads);
        Window2d conv = window(8, 20, 20, 3, 3, 1, 1, 1, 1, 1, 1);
        Window2d pool = window(16, 20, 20, 3, 3, 2, 2, 1, 1, 1, 1);
        Node x = Node.variable(TestData.normal(21, 24, 8, 20, 20));
        Node w = Node.variable(TestData.normal(22, 72, 16));
        Node b = Node.variable(TestData.normal(23, 1, 16));
        Node y = Spatial.conv2d(x, w, b, conv);
        Node m = Spatial.maxPool2d(y, pool);
        Node a = Spatial.avgPool2d(y, pool);
        Node out = m.multiply(a).sum();
        out.backward();
        return new float[][] {y.value().data().clone(), m.value().data().clone(), a.value().data().clone(),
                x.grad().data().clone(), w.grad().data().clone(), b.grad().data().clone()};
    }

    // ---- shapes that do not fit ------------------------------------------------------------------------

    @Test
    void shapesThatDoNotFitAreNamed() {
        Window2d g = window(3, 8, 8, 3, 3, 1, 1, 0, 0, 0, 0);
        Node x = Node.constant(Tensor.zeros(2, 3, 8, 7));
        Node w = Node.constant(Tensor.zeros(27, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spatial.conv2d(x, w, null, g));
        assertTrue(e.getMessage().contains("[batch, 3, 8, 8]") && e.getMessage().contains("[2, 3, 8, 7]"),
                e.getMessage());
        Node x2 = Node.constant(Tensor.zeros(2, 3, 8, 8));
        e = assertThrows(IllegalArgumentException.class,
                () -> Spatial.conv2d(x2, Node.constant(Tensor.zeros(26, 4)), null, g));
        assertTrue(e.getMessage().contains("[27, outChannels]") && e.getMessage().contains("[26, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Spatial.conv2d(x2, w, Node.constant(Tensor.zeros(1, 5)), g));
        assertTrue(e.getMessage().contains("[1, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> window(3, 2, 8, 3, 3, 1, 1, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("larger than the padded input 2x8"), e.getMessage());
        Window2d onlyPadding = window(3, 8, 8, 2, 2, 1, 1, 2, 0, 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> Spatial.maxPool2d(x2, onlyPadding));
        assertTrue(e.getMessage().contains("max_pool2d") && e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void aReplayedGraphRecomputesTheSameBits() {
        Window2d g = window(2, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1);
        Tensor xt = TestData.normal(31, 3, 2, 6, 6);
        Node x = Node.constant(xt);
        Node w = Node.variable(TestData.normal(32, 18, 3));
        Node b = Node.variable(TestData.normal(33, 1, 3));
        Node loss = Spatial.maxPool2d(Spatial.conv2d(x, w, b, g), window(3, 6, 6, 2, 2, 2, 2, 0, 0, 0, 0)).sum();
        CompiledGraph step = CompiledGraph.of(loss);
        float first = loss.value().data()[0];
        // other numbers, then back
        System.arraycopy(TestData.normal(34, 3, 2, 6, 6).data(), 0, xt.data(), 0, xt.size());
        float other = step.forward();
        System.arraycopy(TestData.normal(31, 3, 2, 6, 6).data(), 0, xt.data(), 0, xt.size());
        assertEquals(first, step.forward());
        assertTrue(first != other);
        w.zeroGrad();
        step.backward();
        float[] replayed = w.grad().data().clone();
        w.zeroGrad();
        Node again = Spatial.maxPool2d(Spatial.conv2d(x, w, b, g), window(3, 6, 6, 2, 2, 2, 2, 0, 0, 0, 0)).sum();
        again.backward();
        assertArrayEquals(w.grad().data(), replayed);
    }
}
