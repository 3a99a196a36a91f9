package nn.core.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads the kernels run on: the calling thread plus a small pool of daemon workers,
 * {@link #threads()} in all.
 *
 * <p>The count is read once from the system property {@code nn.threads} (default: the number of
 * processors) and can be changed at any time with {@link #setThreads(int)}. Kernels split their
 * work over <em>output</em> rows, columns or tiles (a matrix product may also split its sum at
 * block boundaries fixed by its size, adding the blocks in order: see {@link Gemm}), and every
 * output element is computed by the same sequence of operations whichever thread computes it, so
 * results are bitwise identical on 1 thread and on many.
 *
 * <p>Dispatch allocates nothing: a kernel fills a job object it owns (its parameters) and
 * publishes it; workers wait for a job by spinning for a short while, then parking. Parts of a
 * job are claimed one by one, so the caller also runs parts, and finishes the job alone if the
 * workers are slow to wake. While one thread's job runs, kernels called from other threads (or
 * from inside a job) run on their caller alone, with the same results.
 *
 * <p>Thread-safe: any thread may call the kernels, and {@link #setThreads} at any time.
 */
public final class Parallel {

    /** How long an idle worker spins before it parks, in nanoseconds ({@code nn.spinMicros}). */
    private static final long SPIN_NANOS = 1000L * Long.getLong("nn.spinMicros", 200L);

    /** One part of a job; {@code part} is in {@code [0, parts)}. */
    interface Job {
        void run(int part, int parts);
    }

    private static final Object CONFIG_LOCK = new Object();
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    /** The job being run; written before {@link #claim} publishes its epoch. */
    private static volatile Job job;
    private static volatile int jobParts;
    /** {@code epoch << 32 | next part to claim}: a stale worker's claim fails on the epoch. */
    private static final AtomicLong claim = new AtomicLong();
    private static final AtomicInteger done = new AtomicInteger();
    private static volatile Throwable failure;
    /** Incremented to wake the workers: a new job, or a change of pool. */
    private static volatile int signal;

    private static volatile int threads = initialThreads();
    private static volatile Worker[] workers = new Worker[0];

    private Parallel() {
    }

    private static int initialThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String property = System.getProperty("nn.threads");
        if (property == null || property.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(property.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the warning below
        }
        System.err.println("nn: ignoring -Dnn.threads=" + property + " (expected a positive integer); using "
                + cores + " threads");
        return cores;
    }

    /** The number of threads a kernel may use, the caller included. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use, the calling thread included: 1 runs everything
     * on the caller. Results do not depend on it. Workers are started when first needed and are
     * daemon threads, so they never keep the JVM alive.
     *
     * @throws IllegalArgumentException if {@code count} is not in {@code [1, 256]}
     */
    public static void setThreads(int count) {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("thread count must be in [1, 256], got " + count);
        }
        // a job already running keeps the helpers it woke; parts are claimed, so any count is safe
        threads = count;
    }

    /**
     * Runs {@code job.run(part, parts)} for every part, on the caller and the workers, and returns
     * when all are done. An exception thrown by a part is rethrown here after the others finish.
     */
    static void run(Job job, int parts) {
        if (parts <= 1 || !tryAcquire()) {
            runAll(job, parts);
            return;
        }
        try {
            runAcquired(job, parts);
        } finally {
            release();
        }
    }

    /**
     * Takes the pool for a job, if it is free, this thread is not a worker and there is more than
     * one thread. A kernel that gets it fills its job object (which only the pool's holder
     * touches), calls {@link #runAcquired} and {@link #release}; otherwise it runs on its own.
     */
    static boolean tryAcquire() {
        if (threads <= 1 || Thread.currentThread() instanceof Worker) {
            return false;
        }
        return BUSY.compareAndSet(false, true);
    }

    static void release() {
        BUSY.set(false);
    }

    private static void runAll(Job job, int parts) {
        for (int part = 0; part < parts; part++) {
            job.run(part, parts);
        }
    }

    /** Runs a job while holding the pool (see {@link #tryAcquire}). */
    static void runAcquired(Job j, int parts) {
        int helpers = Math.min(parts, threads) - 1;
        if (helpers <= 0) {
            runAll(j, parts);
            return;
        }
        Worker[] pool = ensureWorkers(helpers);
        failure = null;
        job = j;
        jobParts = parts;
        done.set(0);
        long epoch = (claim.get() >>> 32) + 1;
        claim.set(epoch << 32);
        signal++;
        for (int w = 0; w < helpers; w++) {
            Worker worker = pool[w];
            if (worker.parked) {
                LockSupport.unpark(worker);
            }
        }
        work(epoch, j, parts);
        int spins = 0;
        while (done.get() < parts) {
            if (++spins % 1024 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        // closes the epoch: a worker that saw it late finds nothing left to claim
        claim.set(epoch << 32 | Integer.MAX_VALUE);
        job = null;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("a kernel worker failed", t);
        }
    }

    /** Claims and runs parts of the job of {@code epoch} until none is left; returns how many ran. */
    private static int work(long epoch, Job j, int parts) {
        int ran = 0;
        while (true) {
            long c = claim.get();
            if ((c >>> 32) != epoch) {
                return ran;
            }
            int part = (int) c;
            if (part >= parts) {
                return ran;
            }
            if (!claim.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                j.run(part, parts);
            } catch (Throwable t) {
                failure = t;
            }
            ran++;
            done.incrementAndGet();
        }
    }

    private static Worker[] ensureWorkers(int count) {
        Worker[] pool = workers;
        if (pool.length >= count) {
            return pool;
        }
        synchronized (CONFIG_LOCK) {
            pool = workers;
            if (pool.length < count) {
                Worker[] grown = java.util.Arrays.copyOf(pool, count);
                for (int w = pool.length; w < count; w++) {
                    grown[w] = new Worker(w + 1);
                    grown[w].start();
                }
                workers = grown;
                pool = grown;
            }
        }
        return pool;
    }

    /** How many parts of jobs the workers (not the callers) have run, for tests. */
    static long partsRunByWorkers() {
        long total = 0;
        for (Worker w : workers) {
            total += w.partsRun;
        }
        return total;
    }

    /** The worker threads started so far, for tests that sum allocation over threads. */
    static Thread[] workerThreads() {
        return workers.clone();
    }

    private static final class Worker extends Thread {
        volatile boolean parked;
        /** Written by this worker only. */
        volatile long partsRun;
        private final int index;

        Worker(int index) {
            super("nn-kernels-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = signal;
            while (true) {
                seen = awaitSignal(seen);
                long c = claim.get();
                Job j = job;
                int parts = jobParts;
                if (j != null && index < threads) {
                    partsRun += work(c >>> 32, j, parts);
                }
            }
        }

        /** Spins, then parks, until {@link #signal} moves past {@code seen}; returns the new value. */
        private int awaitSignal(int seen) {
            long start = 0;
            int spins = 0;
            while (true) {
                int s = signal;
                if (s != seen) {
                    return s;
                }
                if (++spins < 64) {
                    Thread.onSpinWait();
                    continue;
                }
                spins = 0;
                long now = System.nanoTime();
                if (start == 0) {
                    start = now;
                } else if (now - start > SPIN_NANOS) {
                    parked = true;
                    if (signal == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    start = 0;
                }
            }
        }
    }
}
