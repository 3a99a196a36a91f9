package nn.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import nn.api.Reduction;
import nn.core.TestData;
import nn.core.graph.CompiledGraph;
import nn.core.graph.Node;
import nn.core.layers.ActivationLayer;
import nn.core.layers.BatchNorm;
import nn.core.layers.Dense;
import nn.core.layers.Dropout;
import nn.core.layers.LayerNorm;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replayed training step through dropout, batch norm and layer norm allocates nothing once
 * warm, on the calling thread or on the workers (2 threads, inputs large enough to be split).
 */
class NormalizationAllocationTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSteadyStepWithTheNewLayersAllocatesNothing() {
        Parallel.setThreads(2);
        Sequential net = new Sequential(64, List.of(new Dense(64, 256), new BatchNorm(),
                new ActivationLayer(Plugins.activation("relu")), new Dropout(0.3, 1), new LayerNorm(),
                new Dense(256, 10)), 3);
        Tensor x = TestData.normal(50, 256, 64);
        Tensor y = Tensor.zeros(256, 1);
        Node loss = Objective.softmaxCrossEntropy(Reduction.MEAN).apply(net.forward(Node.constant(x), true),
                Node.constant(y));
        CompiledGraph graph = CompiledGraph.of(loss);
        Sgd sgd = new Sgd(0.01, 0.9);
        Runnable step = () -> {
            net.zeroGrad();
            graph.forward();
            graph.backward();
            sgd.step(net.parameters());
        };
        step.run();
        Thread[] workers = Parallel.workerThreads();
        long allocated = -1;
        for (int round = 0; round < 40 && allocated != 0; round++) {
            for (int i = 0; i < 10; i++) {
                step.run();
            }
            // reading the counters allocates a little: measure that alone and take it off
            long a = allocatedBytes(workers);
            long b = allocatedBytes(workers);
            long reading = b - a;
            long before = allocatedBytes(workers);
            for (int i = 0; i < 10; i++) {
                step.run();
            }
            allocated = allocatedBytes(workers) - before - reading;
        }
        assertEquals(0, allocated, "bytes allocated by 10 warm steps (" + Kernels.describe() + ")");
    }

    private static long allocatedBytes(Thread[] workers) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (Thread w : workers) {
            sum += threads.getThreadAllocatedBytes(w.getId());
        }
        return sum;
    }
}
