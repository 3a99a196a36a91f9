package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import nn.core.graph.Parameter;
import nn.core.optim.RuleOptimizer;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A warm optimizer step allocates nothing, on the caller or the workers, with clipping and
 * regularization on and a parameter large enough to be split among 2 threads.
 */
class OptimizerAllocationTest {

    private static final int ROUNDS = 60;
    private static final int STEPS = 20;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr=0.01, momentum=0.9)", "adam(lr=0.001)", "rmsprop(lr=0.001, momentum=0.5, centered=1)",
            "adagrad(lr=0.01)", "adamw(lr=0.001)"})
    void aWarmStepAllocatesNothing(String spec) {
        Parallel.setThreads(2);
        Parameter big = new Parameter("w", Tensor.zeros(784 * 256));
        Parameter small = new Parameter("b", Tensor.zeros(256));
        Parameter buffer = new Parameter("m", Tensor.zeros(256), false);
        big.backward(Tensor.zeros(784 * 256));
        small.backward(Tensor.zeros(256));
        java.util.Arrays.fill(big.grad().data(), 0.01f);
        java.util.Arrays.fill(small.grad().data(), -0.01f);
        List<Parameter> ps = List.of(big, small, buffer);
        RuleOptimizer optimizer = RuleOptimizer.builder(spec).clipNorm(1).clipValue(0.5).l2(1e-4).l1(1e-5).build();
        optimizer.step(ps);
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
            for (int i = 0; i < STEPS; i++) {
                optimizer.step(ps);
            }
            read(ids, before);
            read(ids, after);
            long reading = total(before, after);
            read(ids, before);
            for (int i = 0; i < STEPS; i++) {
                optimizer.step(ps);
            }
            read(ids, after);
            allocated = total(before, after) - reading;
        }
        assertEquals(0, allocated, spec + ": bytes allocated by " + STEPS + " warm optimizer steps");
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
}
