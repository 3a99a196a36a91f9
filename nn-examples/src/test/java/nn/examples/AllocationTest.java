package nn.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import nn.api.Reduction;
import nn.core.init.Initializers;
import nn.core.layers.ActivationLayer;
import nn.core.layers.Dense;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;

/** A steady training step allocates next to nothing, counted on every thread of the JVM. */
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedByAllThreads() {
        long total = 0;
        for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, a);
        }
        return total;
    }

    @Test
    void aSteadyTrainingStepAllocatesAtMostOneKilobyte() {
        Random random = new Random(1);
        Tensor x = Tensor.zeros(64, 784);
        Tensor y = Tensor.zeros(64, 1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextFloat();
        }
        for (int i = 0; i < 64; i++) {
            y.data()[i] = random.nextInt(10);
        }
        // the modern benchmark network: 784-256-128-10, relu, fused softmax cross-entropy, momentum
        Sequential net = new Sequential(784, List.of(
                new Dense(784, 256, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(256, 128, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(128, 10, Initializers.heNormal(), Initializers.zeros())), 1);
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9));
        for (int i = 0; i < 300; i++) {
            trainer.step(x, y); // records the graph once; lets the JIT compile
        }
        int steps = 200;
        long before = allocatedByAllThreads();
        for (int i = 0; i < steps; i++) {
            trainer.step(x, y);
        }
        long perStep = (allocatedByAllThreads() - before) / steps;
        assertTrue(perStep <= 1024, perStep + " bytes allocated per training step");
    }
}
