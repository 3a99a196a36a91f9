package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyPartRunsExactlyOnce() {
        Parallel.setThreads(2);
        for (int parts : new int[] {1, 2, 3, 7, 64}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            for (int repeat = 0; repeat < 100; repeat++) {
                Parallel.run((part, total) -> {
                    assertEquals(parts, total);
                    runs.incrementAndGet(part);
                }, parts);
            }
            for (int i = 0; i < parts; i++) {
                assertEquals(100, runs.get(i), "part " + i + " of " + parts);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownToTheCaller() {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        for (int failing = 0; failing < 2; failing++) {
            int f = failing;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run((part, parts) -> {
                if (part == f) {
                    throw boom;
                }
            }, 2));
            assertSame(boom, e);
        }
        // and the pool still works
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Parallel.run((part, parts) -> runs.incrementAndGet(part), 2);
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
    }

    @Test
    void kernelsCalledInsideAJobRunOnTheirCaller() {
        Parallel.setThreads(2);
        int n = 96;
        GemmTest.Problem[] problems = new GemmTest.Problem[4];
        for (int i = 0; i < problems.length; i++) {
            problems[i] = new GemmTest.Problem(n, n, n, false, false, false, i);
        }
        Parallel.run((part, parts) -> {
            for (int i = part; i < problems.length; i += parts) {
                GemmTest.Problem p = problems[i];
                Gemm.multiply(false, false, n, n, n, p.a, p.b, p.c, false);
            }
        }, 2);
        for (GemmTest.Problem p : problems) {
            p.assertMatchesReference("nested");
        }
    }

    @Test
    void callsFromManyThreadsAtOnceGiveTheSingleThreadedBits() throws InterruptedException {
        Parallel.setThreads(2);
        int n = 150;
        GemmTest.Problem p = new GemmTest.Problem(n, n, n, false, true, false, 9);
        float[] expected = p.c.clone();
        Parallel.setThreads(1);
        Gemm.multiply(false, true, n, n, n, p.a, p.b, expected, false);
        Parallel.setThreads(2);
        float[][] results = new float[4][n * n];
        Thread[] callers = new Thread[results.length];
        Throwable[] failures = new Throwable[results.length];
        for (int i = 0; i < callers.length; i++) {
            int c = i;
            callers[i] = new Thread(() -> {
                try {
                    for (int repeat = 0; repeat < 20; repeat++) {
                        Gemm.multiply(false, true, n, n, n, p.a, p.b, results[c], false);
                    }
                } catch (Throwable t) {
                    failures[c] = t;
                }
            });
            callers[i].start();
        }
        for (int i = 0; i < callers.length; i++) {
            callers[i].join();
            assertEquals(null, failures[i]);
            assertArrayEquals(expected, results[i], "caller " + i);
        }
    }

    @Test
    void theThreadCountIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        Parallel.setThreads(3);
        assertEquals(3, Parallel.threads());
        Parallel.setThreads(1);
        assertEquals(1, Parallel.threads());
    }

    @Test
    void workersAreDaemons() {
        Parallel.setThreads(2);
        Parallel.run((part, parts) -> { }, 2);
        Thread[] workers = Parallel.workerThreads();
        assertTrue(workers.length >= 1);
        for (Thread w : workers) {
            assertTrue(w.isDaemon(), w.getName());
        }
    }
}
