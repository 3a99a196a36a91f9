package nn.examples.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the machine gives at this moment: the rate of one core and of all cores together at
 * independent scalar fused multiply-adds on registers (no memory), so that a benchmark run can be
 * read against the speed it actually had. On a shared virtual machine the second core is not
 * always a whole core: what two threads get together moves between one and two cores' worth
 * within minutes. (Scalar, so that this module needs no incubator module; the ratio between the
 * two rates is what it is for.)
 * <pre>{@code
 * java -cp ... nn.examples.bench.MachineProbe [seconds=0.3] [rounds=3]
 * }</pre>
 * Prints one {@code PROBE} line: the median over the rounds of the multiply-adds a nanosecond on 1
 * thread and on as many threads as there are processors, and their ratio.
 */
public final class MachineProbe {

    /** Independent multiply-adds per iteration of {@link #chains}. */
    private static final int CHAINS = 12;
    private static volatile float sink;

    private MachineProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!(seconds > 0) || rounds < 1) {
            throw new IllegalArgumentException("usage: MachineProbe [seconds > 0, default 0.3] [rounds >= 1, default 3];"
                    + " got seconds=" + seconds + ", rounds=" + rounds);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long iterations = calibrate(seconds);
        double[] one = new double[rounds];
        double[] all = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            one[r] = rate(1, iterations);
            all[r] = rate(cores, iterations);
        }
        Arrays.sort(one);
        Arrays.sort(all);
        double a = one[rounds / 2];
        double b = all[rounds / 2];
        System.out.printf(Locale.ROOT, "PROBE scalar fma per ns: 1 thread %.2f, %d threads %.2f (%.2fx one), median of %d"
                + " rounds%n", a, cores, b, b / a, rounds);
    }

    /** Iterations of {@link #chains} that take about {@code seconds} on one thread, after warming up. */
    private static long calibrate(double seconds) {
        long n = 1 << 16;
        while (true) {
            long t0 = System.nanoTime();
            sink = chains(n, 1f);
            double took = (System.nanoTime() - t0) / 1e9;
            if (took > 0.05) {
                return Math.max(1, (long) (n * seconds / took));
            }
            n *= 2;
        }
    }

    /** Multiply-adds a nanosecond of {@code threads} threads each running {@code iterations} at once. */
    private static double rate(int threads, long iterations) throws InterruptedException {
        Thread[] running = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            float seed = t + 1;
            running[t] = new Thread(() -> sink = chains(iterations, seed));
            running[t].start();
        }
        for (Thread t : running) {
            t.join();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        return (double) CHAINS * iterations * threads / took / 1e9;
    }

    /** {@value #CHAINS} independent chains of multiply-adds, enough to cover the unit's latency. */
    private static float chains(long iterations, float seed) {
        float a = 0.999f;
        float b = 0.001f;
        float c0 = seed;
        float c1 = c0 + 1;
        float c2 = c0 + 2;
        float c3 = c0 + 3;
        float c4 = c0 + 4;
        float c5 = c0 + 5;
        float c6 = c0 + 6;
        float c7 = c0 + 7;
        float c8 = c0 + 8;
        float c9 = c0 + 9;
        float c10 = c0 + 10;
        float c11 = c0 + 11;
        for (long i = 0; i < iterations; i++) {
            c0 = Math.fma(c0, a, b);
            c1 = Math.fma(c1, a, b);
            c2 = Math.fma(c2, a, b);
            c3 = Math.fma(c3, a, b);
            c4 = Math.fma(c4, a, b);
            c5 = Math.fma(c5, a, b);
            c6 = Math.fma(c6, a, b);
            c7 = Math.fma(c7, a, b);
            c8 = Math.fma(c8, a, b);
            c9 = Math.fma(c9, a, b);
            c10 = Math.fma(c10, a, b);
            c11 = Math.fma(c11, a, b);
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }
}
