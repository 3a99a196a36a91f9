package nn.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import nn.api.Reduction;
import nn.core.layers.ActivationLayer;
import nn.core.layers.AvgPool2D;
import nn.core.layers.Conv2D;
import nn.core.layers.Dense;
import nn.core.layers.Flatten;
import nn.core.layers.MaxPool2D;
import nn.core.layers.Padding;
import nn.core.layers.Reshape;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.plugins.Plugins;
import nn.core.tensor.Tensor;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;

/** A steady training step of a convolutional network allocates next to nothing, on every thread. */
class CnnAllocationTest {

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
    void aSteadyCnnTrainingStepAllocatesAtMostOneKilobyte() {
        Random random = new Random(1);
        Tensor x = Tensor.zeros(32, 256);
        Tensor y = Tensor.zeros(32, 1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextFloat();
        }
        for (int i = 0; i < 32; i++) {
            y.data()[i] = random.nextInt(10);
        }
        // every image layer: reshape, convolutions (valid, and padded with stride 2), both poolings, flatten
        Sequential net = new Sequential(256, List.of(
                new Reshape(1, 16, 16),
                new Conv2D(1, 8, 3), new ActivationLayer(Plugins.activation("relu")),
                new MaxPool2D(2),
                new Conv2D(8, 16, 3, 2, Padding.SAME), new ActivationLayer(Plugins.activation("relu")),
                new AvgPool2D(2, 2, Padding.SAME),
                new Flatten(),
                new Dense(16 * 2 * 2, 10)), 1);
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
