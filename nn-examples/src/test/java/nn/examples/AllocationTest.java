package nn.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import nn.api.Reduction;
import nn.core.init.Initializers;
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

    /**
     * Bytes allocated per steady training step of {@code net} on a random batch of {@code rows}
     * samples of 10 classes: 300 steps first (the graph is recorded once; the JIT compiles),
     * then 200 counted.
     */
    private static long bytesPerStep(Sequential net, int rows) {
        Random random = new Random(1);
        Tensor x = Tensor.zeros(rows, net.inputWidth());
        Tensor y = Tensor.zeros(rows, 1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = random.nextFloat();
        }
        for (int i = 0; i < rows; i++) {
            y.data()[i] = random.nextInt(10);
        }
        Trainer trainer = new Trainer(net, Objective.softmaxCrossEntropy(Reduction.MEAN), new Sgd(0.05, 0.9));
        for (int i = 0; i < 300; i++) {
            trainer.step(x, y);
        }
        int steps = 200;
        long before = allocatedByAllThreads();
        for (int i = 0; i < steps; i++) {
            trainer.step(x, y);
        }
        return (allocatedByAllThreads() - before) / steps;
    }

    @Test
    void aSteadyTrainingStepAllocatesAtMostOneKilobyte() {
        // the modern benchmark network: 784-256-128-10, relu, fused softmax cross-entropy, momentum
        Sequential net = new Sequential(784, List.of(
                new Dense(784, 256, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(256, 128, Initializers.heNormal(), Initializers.zeros()),
                new ActivationLayer(Plugins.activation("relu")),
                new Dense(128, 10, Initializers.heNormal(), Initializers.zeros())), 1);
        long perStep = bytesPerStep(net, 64);
        assertTrue(perStep <= 1024, perStep + " bytes allocated per training step");
    }

    @Test
    void aSteadyCnnTrainingStepAllocatesAtMostOneKilobyte() {
        // every image layer: reshape, convolutions (valid, and padded with stride 2), both poolings, flatten
        Sequential net = new Sequential(256, List.of(
                new Reshape(1, 16, 16),
                new Conv2D(1, 8, 3), new ActivationLayer(Plugins.activation("relu")),
                new MaxPool2D(2),
                new Conv2D(8, 16, 3, 2, Padding.SAME), new ActivationLayer(Plugins.activation("relu")),
                new AvgPool2D(2, 2, Padding.SAME),
                new Flatten(),
                new Dense(16 * 2 * 2, 10)), 1);
        long perStep = bytesPerStep(net, 32);
        assertTrue(perStep <= 1024, perStep + " bytes allocated per training step");
    }
}
