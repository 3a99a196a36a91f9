package nn.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.kernels.Parallel;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.core.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trained model serving predictions from {@value #THREADS} threads at once gives every thread
 * bitwise what single-threaded calls give: through {@link Sequential#predict} shared by all
 * threads, and through one {@link Predictor} per thread. The kernels' pool has 2 threads, so the
 * callers also contend for it (one holds it, the others compute alone), and the batches are of
 * several sizes (1 row takes the matrix-vector path; 64 rows are split over the pool).
 */
class ConcurrentPredictionTest {

    static final int THREADS = 16;
    static final int ROUNDS = Integer.getInteger("nn.concurrency.rounds", 12);
    private static final int[] BATCH_ROWS = {1, 3, 17, 64};
    /** Generous, so a loaded machine passes, but a deadlock fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(Math.max(120, 10L * ROUNDS));

    private static Sequential net;
    private static List<Tensor> inputs;
    private static List<int[]> expected;

    private static int threadsBefore;

    @BeforeAll
    static void trainAModelAndPredictAlone() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(2);
        net = new Sequential(120, List.of(new Dense(120, 96), new ActivationLayer(Plugins.activation("relu")),
                new Dense(96, 64), new ActivationLayer(Plugins.activation("tanh")), new Dense(64, 10),
                new ActivationLayer(Plugins.activation("softmax"))), 5);
        Tensor x = TestData.normal(1, 256, 120);
        Tensor y = Tensor.zeros(256, 10);
        for (int r = 0; r < 256; r++) {
            y.set(r, r % 10, 1f);
        }
        new Trainer(net, Objective.of(Plugins.loss("categorical_cross_entropy"), Reduction.MEAN), new Sgd(0.05, 0.9))
                .fit(x, y, 2, 32, 3, new TrainingListener() { });
        inputs = new ArrayList<>();
        expected = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 24; i++) {
            Tensor in = TestData.normal(random.nextLong(), BATCH_ROWS[i % BATCH_ROWS.length], 120);
            inputs.add(in);
            expected.add(bits(net.predict(in)));
        }
    }

    @AfterEach
    void twoKernelThreads() {
        Parallel.setThreads(2);
    }

    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    private static int[] bits(Tensor t) {
        int[] b = new int[t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(t.data()[i]);
        }
        return b;
    }

    /** Runs {@code work(thread)} on {@value #THREADS} threads started together; returns the comparisons made. */
    private static int onThreads(ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            AtomicInteger compared = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    compared.addAndGet(work.run(thread));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(); // rethrows a thread's assertion error
            }
            return compared.get();
        } finally {
            pool.shutdownNow();
        }
    }

    interface ThreadWork {
        int run(int thread) throws Exception;
    }

    @Test
    void sixteenThreadsSharingOneNetworkGetBitwiseTheSinglethreadedResults() {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            int compared = onThreads(thread -> {
                Random order = new Random(thread);
                int n = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    for (int k = 0; k < inputs.size(); k++) {
                        int i = order.nextInt(inputs.size());
                        assertEquals(java.util.Arrays.toString(expected.get(i)),
                                java.util.Arrays.toString(bits(net.predict(inputs.get(i)))),
                                "thread " + thread + ", round " + round + ", input " + i);
                        n++;
                    }
                }
                return n;
            });
            assertEquals(THREADS * ROUNDS * inputs.size(), compared);
        });
    }

    @Test
    void sixteenThreadsWithAPredictorEachGetBitwiseTheSinglethreadedResults() {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            int compared = onThreads(thread -> {
                List<Predictor> mine = new ArrayList<>();
                for (int rows : BATCH_ROWS) {
                    mine.add(net.predictor(rows));
                }
                Random order = new Random(100 + thread);
                int n = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    for (int k = 0; k < inputs.size(); k++) {
                        int i = order.nextInt(inputs.size());
                        Tensor in = inputs.get(i);
                        Predictor p = mine.get(i % BATCH_ROWS.length);
                        assertEquals(in.rows(), p.rows());
                        assertEquals(java.util.Arrays.toString(expected.get(i)), java.util.Arrays.toString(bits(p.predict(in))),
                                "thread " + thread + ", round " + round + ", input " + i);
                        n++;
                    }
                }
                return n;
            });
            assertEquals(THREADS * ROUNDS * inputs.size(), compared);
        });
    }

    @Test
    void theResultsDoNotDependOnTheKernelThreads() {
        Parallel.setThreads(1);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(java.util.Arrays.toString(expected.get(i)), java.util.Arrays.toString(bits(net.predict(inputs.get(i)))));
        }
    }
}
