package nn.core.graph;

import nn.core.kernels.Normalization;
import nn.core.tensor.Shapes;
import nn.core.tensor.Tensor;

/**
 * Batch normalization of {@code [n, C]} (per feature) or {@code [n, C, ...]} (per channel, over
 * the batch and the remaining dimensions, such as {@code H x W}):
 * {@code y = gamma xhat + beta}, {@code xhat = (x - mean) / sqrt(var + eps)}.
 *
 * <p>In training, {@code mean} and {@code var} are the batch's (the variance biased, divided by
 * the {@code m} values of a channel), and each forward computation updates the running
 * statistics, as PyTorch does: {@code running = (1 - momentum) running + momentum stat}, with the
 * unbiased variance {@code var m / (m - 1)}. The fused backward goes through the statistics:
 * {@code dx = gamma / (m sqrt(var + eps)) (m g - sum g - xhat sum(g xhat))}.
 *
 * <p>At inference, the running statistics are used and not changed; backward
 * {@code dx = gamma g / sqrt(runningVar + eps)}. In both, {@code dgamma += sum g xhat},
 * {@code dbeta += sum g}.
 *
 * <p>The recording forward of a graph that is then {@linkplain CompiledGraph compiled} is not a
 * step: compiling restores the running statistics it changed (a trainer records its graph on
 * placeholder inputs), and each replay updates them once.
 */
final class BatchNormalization extends Node {

    private final boolean training;
    private final int batch;
    private final int channels;
    private final int spatial;
    private final float eps;
    private final float momentum;
    private final float[] mean;
    private final float[] variance;
    private final float[] invStd;
    private final float[] normalized;
    /** The running statistics before the recording forward, until the graph is compiled. */
    private float[] meanBefore;
    private float[] varianceBefore;

    BatchNormalization(Node x, Node gamma, Node beta, Node runningMean, Node runningVar, float eps, float momentum,
                       boolean training) {
        super(Tensor.zeros(x.value.shape()), x, gamma, beta, runningMean, runningVar);
        int[] shape = x.value.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("batch normalization needs input [n, features] or [n, channels, ...],"
                    + " got " + Shapes.toString(shape));
        }
        this.batch = shape[0];
        this.channels = shape[1];
        this.spatial = x.value.size() / Math.max(1, batch * channels);
        for (Node p : new Node[] {gamma, beta, runningMean, runningVar}) {
            if (p.size() != channels) {
                throw new IllegalArgumentException("batch normalization of " + Shapes.toString(shape) + " needs gamma,"
                        + " beta, running mean and running variance of " + channels + " elements (one per channel),"
                        + " got " + Shapes.toString(gamma.shape()) + ", " + Shapes.toString(beta.shape()) + ", "
                        + Shapes.toString(runningMean.shape()) + ", " + Shapes.toString(runningVar.shape()));
            }
        }
        if (runningMean.requiresGrad() || runningVar.requiresGrad()) {
            throw new IllegalArgumentException("the running mean and variance of batch normalization are buffers, not"
                    + " trainable: make them with ParameterFactory.buffer (got " + runningMean + ", " + runningVar + ")");
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        if (training && (long) batch * spatial < 2) {
            throw new IllegalArgumentException("batch normalization in training needs more than one value per channel,"
                    + " got input " + Shapes.toString(shape) + ": train with batches of at least 2 samples");
        }
        this.training = training;
        this.eps = eps;
        this.momentum = momentum;
        this.mean = new float[channels];
        this.variance = new float[channels];
        this.invStd = new float[channels];
        this.normalized = new float[x.value.size()];
        if (training) {
            meanBefore = runningMean.value.data().clone();
            varianceBefore = runningVar.value.data().clone();
        }
        forward();
    }

    @Override
    void forward() {
        float[] x = operand(0).value.data();
        float[] gamma = operand(1).value.data();
        float[] beta = operand(2).value.data();
        float[] runningMean = operand(3).value.data();
        float[] runningVar = operand(4).value.data();
        if (training) {
            Normalization.batchNormTraining(x, gamma, beta, batch, channels, spatial, eps, mean, variance, invStd,
                    normalized, value.data());
            double m = (double) batch * spatial;
            Normalization.updateRunning(runningMean, mean, momentum, 1.0, channels);
            Normalization.updateRunning(runningVar, variance, momentum, m / (m - 1), channels);
        } else {
            Normalization.batchNormInference(x, gamma, beta, runningMean, runningVar, batch, channels, spatial, eps,
                    invStd, normalized, value.data());
        }
    }

    @Override
    void compiled() {
        if (meanBefore != null) {
            System.arraycopy(meanBefore, 0, operand(3).value.data(), 0, channels);
            System.arraycopy(varianceBefore, 0, operand(4).value.data(), 0, channels);
            meanBefore = null;
            varianceBefore = null;
        }
    }

    @Override
    void propagate() {
        Node x = inputs[0];
        Node gamma = inputs[1];
        Node beta = inputs[2];
        Normalization.batchNormBackward(grad.data(), normalized, invStd, gamma.value.data(), batch, channels, spatial,
                training, x.requiresGrad() ? x.gradBuffer().data() : null,
                gamma.requiresGrad() ? gamma.gradBuffer().data() : null,
                beta.requiresGrad() ? beta.gradBuffer().data() : null);
    }

    @Override
    String op() {
        return training ? "batch_norm(training)" : "batch_norm(inference)";
    }
}
