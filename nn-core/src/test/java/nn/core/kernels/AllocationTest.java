package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Random;

import nn.core.kernels.Elementwise.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Steady-state kernel calls allocate nothing, on the calling thread or on the workers, as counted
 * by the JVM's per-thread allocation counters. The calls are those of a training step of the
 * 784-256-128-10 network at batch 64 (products, transposed products, bias, gradients, softmax,
 * the momentum update), on 2 threads so that the pool's dispatch is counted too.
 *
 * <p>Before the JIT compiles them, Vector API calls allocate their vectors, so the check runs in
 * rounds until one allocates nothing; a kernel that allocates on every call never gets there.
 */
class AllocationTest {

    private static final int ROUNDS = 60;
    private static final int CALLS_PER_ROUND = 20;

    private final Random random = new Random(1);
    private final float[] x = gaussian(64 * 784);
    private final float[] w1 = gaussian(784 * 256);
    private final float[] w2 = gaussian(256 * 128);
    private final float[] w3 = gaussian(128 * 10);
    private final float[] b1 = gaussian(256);
    private final float[] h1 = new float[64 * 256];
    private final float[] h2 = new float[64 * 128];
    private final float[] z3 = new float[64 * 10];
    private final float[] p = new float[64 * 10];
    private final float[] labels = new float[64];
    private final float[] g3 = new float[64 * 10];
    private final float[] g2 = new float[64 * 128];
    private final float[] g1 = new float[64 * 256];
    private final float[] gw1 = new float[784 * 256];
    private final float[] gw2 = new float[256 * 128];
    private final float[] gw3 = new float[128 * 10];
    private final float[] gb1 = new float[256];
    private final float[] v1 = new float[784 * 256];
    private final float[] sums = new float[256];
    private final float[] t = new float[256 * 64];
    private final float[] w30 = gaussian(784 * 30);
    private final float[] h30 = new float[10 * 30];
    /** The rows of x backwards, as a shuffled batch's offsets. */
    private final int[] rowOffsets = java.util.stream.IntStream.range(0, 64).map(r -> (63 - r) * 784).toArray();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aTrainingStepsKernelsAllocateNothingOnceWarm() {
        Parallel.setThreads(2);
        for (int r = 0; r < 64; r++) {
            labels[r] = r % 10;
        }
        step();
        Thread[] workers = Parallel.workerThreads();
        long[] ids = new long[workers.length + 1];
        ids[0] = Thread.currentThread().getId();
        for (int i = 0; i < workers.length; i++) {
            ids[i + 1] = workers[i].getId();
        }
        long[] before = new long[ids.length];
        long[] after = new long[ids.length];
        long allocated = -1;
        for (int round = 0; round < ROUNDS && allocated != 0; round++) {
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                step();
            }
            // reading the counters allocates a little on this thread (JDK 17 copies the ids into
            // an array): measure that with nothing in between, and take it off
            read(ids, before);
            read(ids, after);
            long reading = total(before, after);
            read(ids, before);
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                step();
            }
            read(ids, after);
            allocated = total(before, after) - reading;
        }
        assertEquals(0, allocated, "bytes allocated by " + CALLS_PER_ROUND + " warm training steps' kernels ("
                + Kernels.describe() + ")");
    }

    private static long total(long[] before, long[] after) {
        long sum = 0;
        for (int i = 0; i < before.length; i++) {
            sum += after[i] - before[i];
        }
        return sum;
    }

    private static void read(long[] ids, long[] bytes) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ids.length; i++) {
            bytes[i] = threads.getThreadAllocatedBytes(ids[i]);
        }
    }

    private void step() {
        Gemm.multiply(false, false, 64, 256, 784, x, w1, h1, false);
        Elementwise.binary(Op.ADD, h1, b1, h1, 64, 256, true);
        Gemm.multiply(false, false, 64, 128, 256, h1, w2, h2, false);
        Gemm.multiply(false, false, 64, 10, 128, h2, w3, z3, false);
        Softmax.crossEntropy(z3, labels, p, 64, 10, true);
        java.util.Arrays.fill(g3, 0f);
        Softmax.crossEntropyGradientInto(p, labels, g3, 64, 10, true, 1f / 64);
        Gemm.multiply(true, false, 128, 10, 64, h2, g3, gw3, true);
        Gemm.multiply(false, true, 64, 128, 10, g3, w3, g2, false);
        Gemm.multiply(true, false, 256, 128, 64, h1, g2, gw2, true);
        Gemm.multiply(false, true, 64, 256, 128, g2, w2, g1, false);
        Gemm.multiply(true, false, 784, 256, 64, x, g1, gw1, true);
        Elementwise.addScaledInto(g1, 1f, gb1, 64, 256, true);
        Elementwise.multiplyInto(g1, h1, 1f, gb1, 64, 256, false, true);
        Reductions.sumRows(g1, sums, 64, 256, 1.0);
        Reductions.transpose(g1, t, 64, 256);
        OptimizerKernels.sgdMomentumRange(w1, gw1, v1, 1e-6f, 0.9f, 1f, 0f, false, false, 0, w1.length);
        Elementwise.affine(gw1, 0f, 0f, gw1, gw1.length);
        // single-sample inference (the matrix-vector path) and the seed network's narrow products
        Gemm.multiply(false, false, 1, 256, 784, x, w1, h1, false);
        Gemm.multiply(false, false, 1, 128, 256, h1, w2, h2, false);
        Gemm.multiply(false, false, 1, 10, 128, h2, w3, z3, true);
        Gemm.multiply(false, false, 2, 256, 784, x, w1, h1, true);
        Gemm.multiply(false, false, 10, 30, 784, x, w30, h30, false);
        Gemm.multiply(true, false, 784, 30, 10, x, h30, gw1, false);
        // a batch read where it lies (rows of x in another order): forward and weight gradient
        Gemm.multiplyRows(false, false, 64, 256, 784, x, rowOffsets, w1, h1, false);
        Gemm.multiplyRows(true, false, 784, 256, 64, x, rowOffsets, g1, gw1, true);
        Gemm.multiplyRows(false, false, 10, 30, 784, x, rowOffsets, w30, h30, false);
        Gemm.multiplyRows(true, false, 784, 30, 10, x, rowOffsets, h30, gw1, false);
    }

    private float[] gaussian(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian() * 0.1f;
        }
        return v;
    }
}
