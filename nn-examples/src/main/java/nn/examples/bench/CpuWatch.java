package nn.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU this process and the others used during a timed section, as
 * {@code shared/bench/sysmon.py} reports it: the machine has 2 cores and is shared, so a number
 * measured while other processes ran is suspect. Linux only; elsewhere both read 0.
 */
final class CpuWatch {

    private static final Path STAT = Path.of("/proc/stat");
    private static final double HZ = 100.0;

    private final long wall0;
    private final long own0;
    private final long busy0;
    private double own;
    private double other;

    private CpuWatch() {
        wall0 = System.nanoTime();
        own0 = processCpuNanos();
        busy0 = busyTicks();
    }

    static CpuWatch start() {
        return new CpuWatch();
    }

    void stop() {
        double wall = (System.nanoTime() - wall0) / 1e9;
        double ownSeconds = (processCpuNanos() - own0) / 1e9;
        double busy = (busyTicks() - busy0) / HZ;
        own = ownSeconds / wall;
        other = Math.max(0, (busy - ownSeconds) / wall);
    }

    /** Cores used by this process on average (spin-waits included). */
    double own() {
        return own;
    }

    /** Cores used by other processes on average. */
    double other() {
        return other;
    }

    /** Waits (at most two minutes) until other processes use less than 0.15 cores over 1 s. */
    static void waitIdle() {
        long end = System.nanoTime() + Long.getLong("nn.bench.idleWaitSeconds", 120) * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long b0 = busyTicks();
            long c0 = processCpuNanos();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double others = (busyTicks() - b0) / HZ - (processCpuNanos() - c0) / 1e9;
            if (others < 0.15) {
                return;
            }
            System.out.printf("# waiting for an idle machine (%.2f cores used by others)%n", others);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long busyTicks() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
