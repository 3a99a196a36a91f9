package nn.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import nn.core.kernels.Gemm;
import nn.core.kernels.Kernels;
import nn.core.kernels.Parallel;

/**
 * Prints nn's matrix-multiply GFLOP/s ({@code 2 m n k / time}) per shape and thread count, one line
 * each, in the format of {@code shared/bench/gemm.py} so the two can be compared line by line:
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp nn-examples/target/classes:nn-core/target/classes:nn-api/target/classes \
 *     nn.examples.bench.GemmBench [threads=1,2] [shapes=all|square|mlp|seed] [reps=7]
 * }</pre>
 * Each measurement is the median of {@code reps} timings, each timing enough repetitions for
 * about 0.1 s, after a warm-up of about a second per shape.
 */
public final class GemmBench {

    /** A product {@code C[m x n] = op(A)[m x k] . op(B)[k x n]}. */
    record Shape(String name, int m, int n, int k, boolean transA, boolean transB) {
    }

    /** The square sizes and the products of one training step of the 784-256-128-10 network. */
    static final List<Shape> SQUARE = List.of(
            new Shape("square256", 256, 256, 256, false, false),
            new Shape("square512", 512, 512, 512, false, false),
            new Shape("square1024", 1024, 1024, 1024, false, false));

    static final List<Shape> MLP = List.of(
            new Shape("fwd1 64x784.784x256", 64, 256, 784, false, false),
            new Shape("dW1 (784x64)T.64x256", 784, 256, 64, true, false),
            new Shape("fwd2 64x256.256x128", 64, 128, 256, false, false),
            new Shape("dW2 (256x64)T.64x128", 256, 128, 64, true, false),
            new Shape("dX2 64x128.(256x128)T", 64, 256, 128, false, true),
            new Shape("fwd3 64x128.128x10", 64, 10, 128, false, false),
            new Shape("dW3 (128x64)T.64x10", 128, 10, 64, true, false),
            new Shape("dX3 64x10.(128x10)T", 64, 128, 10, false, true),
            new Shape("dX1-like 64x256.(784x256)T", 64, 784, 256, false, true));

    /** The products of one training step of the tutorial's 784-30-10 network, batch 10. */
    static final List<Shape> SEED = List.of(
            new Shape("seed-fwd1 10x784.784x30", 10, 30, 784, false, false),
            new Shape("seed-dW1 (784x10)T.10x30", 784, 30, 10, true, false),
            new Shape("seed-fwd2 10x30.30x10", 10, 10, 30, false, false),
            new Shape("seed-dW2 (30x10)T.10x10", 30, 10, 10, true, false),
            new Shape("seed-dX2 10x10.(30x10)T", 10, 30, 10, false, true));

    private GemmBench() {
    }

    /** The shape whose name starts with {@code name} followed by a space or the end. */
    static Shape shape(String name) {
        for (List<Shape> list : List.of(SQUARE, MLP, SEED)) {
            for (Shape s : list) {
                if (s.name().equals(name) || s.name().startsWith(name + " ")) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("no shape " + name + "; expected one of " + SQUARE + " " + MLP);
    }

    public static void main(String[] args) {
        int[] threads = {1, 2};
        String which = "all";
        int reps = 7;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "shapes" -> which = kv[1];
                case "reps" -> reps = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + "; expected threads=1,2 shapes=all|square|mlp|seed reps=7");
            }
        }
        List<Shape> shapes = new ArrayList<>();
        if (which.equals("all") || which.equals("square")) {
            shapes.addAll(SQUARE);
        }
        if (which.equals("all") || which.equals("mlp")) {
            shapes.addAll(MLP);
        }
        if (which.equals("all") || which.equals("seed")) {
            shapes.addAll(SEED);
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("shapes=" + which + "; expected all, square, mlp or seed");
        }
        System.out.println("# " + Kernels.describe() + "; java " + System.getProperty("java.version"));
        for (int t : threads) {
            Parallel.setThreads(t);
            for (Shape s : shapes) {
                System.out.println(measure(s, t, reps));
            }
        }
    }

    static String measure(Shape s, int threads, int reps) {
        Random random = new Random(42);
        float[] a = random(random, s.m * s.k);
        float[] b = random(random, s.k * s.n);
        float[] c = new float[s.m * s.n];
        double flop = 2.0 * s.m * s.n * s.k;
        int inner = (int) Math.max(1, 1e8 / flop * 5);
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            run(s, a, b, c, inner);
        }
        CpuWatch.waitIdle();
        CpuWatch watch = CpuWatch.start();
        double[] gflops = new double[reps];
        double[] perCpu = new double[reps];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run(s, a, b, c, inner);
            gflops[r] = flop * inner / (System.nanoTime() - t0);
            perCpu[r] = flop * inner / (mx.getCurrentThreadCpuTime() - c0);
        }
        watch.stop();
        Arrays.sort(gflops);
        Arrays.sort(perCpu);
        // on one thread, GFLOP per second of this thread's CPU time is what a busy machine does not distort
        return String.format("GEMM nn threads=%d %-28s m=%d n=%d k=%d: median %7.1f GFLOP/s (min %.1f, max %.1f)"
                        + " cpu/wall %.2f other_procs %.2f%s",
                threads, s.name, s.m, s.n, s.k, gflops[reps / 2], gflops[0], gflops[reps - 1],
                watch.own(), watch.other(),
                threads == 1 ? String.format(" per-thread-cpu %.1f GFLOP/s", perCpu[reps / 2]) : "");
    }

    private static void run(Shape s, float[] a, float[] b, float[] c, int times) {
        for (int i = 0; i < times; i++) {
            Gemm.multiply(s.transA, s.transB, s.m, s.n, s.k, a, b, c, false);
        }
    }

    static float[] random(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
