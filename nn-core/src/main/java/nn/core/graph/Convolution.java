package nn.core.graph;

import nn.core.kernels.Conv2dKernels;
import nn.core.kernels.Gemm;
import nn.core.kernels.Window2d;
import nn.core.tensor.Tensor;

/**
 * A 2-D convolution (cross-correlation, as in every framework) of an NCHW batch
 * {@code x [B, C, H, W]} with weights {@code w [C * KH * KW, OC]} and an optional bias
 * {@code [1, OC]}: {@code y [B, OC, OH, OW]},
 * {@code y[b, o, oy, ox] = bias[o] + sum_{c, ky, kx} w[(c * KH + ky) * KW + kx, o] * x[b, c, oy * SH - PT + ky, ox * SW - PL + kx]}
 * (zeros outside the input).
 *
 * <p>By im2col: the patches of a chunk of samples become the columns of
 * {@code col [C*KH*KW, n*P]}, and {@code out [OC, n*P] = w^T . col} is one matrix product.
 * Backward, with {@code dOut} the output's gradient in the same layout:
 * {@code dw += col . dOut^T}, {@code dcol = w . dOut} folded back into {@code dx} (col2im), and
 * {@code dbias[o] += sum over b, oy, ox of g}. Chunks are at most {@link #MAX_COLUMN_ELEMENTS}
 * column elements, so inference over a large batch needs no huge buffer; a training batch usually
 * fits one chunk, whose columns the backward pass reuses (otherwise it unfolds each chunk again).
 * The buffers are made once, with the node, so a replayed step allocates nothing.
 */
final class Convolution extends Node {

    /** The largest column buffer a node makes, in floats (16 MB). */
    static final long MAX_COLUMN_ELEMENTS = 1L << 22;

    private final Window2d window;
    private final int batch;
    private final int outChannels;
    private final int patch;
    private final int plane;
    private final int chunk;
    private final boolean hasBias;
    private final float[] col;
    private final float[] out;
    private float[] dcol;

    Convolution(Node x, Node w, Node bias, Window2d window, int[] outShape) {
        this(x, w, bias, window, outShape, MAX_COLUMN_ELEMENTS);
    }

    /** A convolution whose column buffer holds at most {@code maxColumnElements} floats (at least one sample's). */
    Convolution(Node x, Node w, Node bias, Window2d window, int[] outShape, long maxColumnElements) {
        super(Tensor.zeros(outShape), bias == null ? new Node[] {x, w} : new Node[] {x, w, bias});
        this.window = window;
        this.batch = outShape[0];
        this.outChannels = outShape[1];
        this.patch = window.patchSize();
        this.plane = window.outPlane();
        this.hasBias = bias != null;
        long perSample = (long) patch * plane;
        this.chunk = (int) Math.max(1, Math.min(batch, maxColumnElements / Math.max(1, perSample)));
        this.col = new float[Math.toIntExact(perSample * chunk)];
        this.out = new float[Math.toIntExact((long) outChannels * plane * chunk)];
        forward();
    }

    @Override
    void forward() {
        float[] x = operand(0).value.data();
        float[] w = operand(1).value.data();
        float[] bias = hasBias ? operand(2).value.data() : null;
        float[] y = value.data();
        for (int b0 = 0; b0 < batch; b0 += chunk) {
            int n = Math.min(chunk, batch - b0);
            Conv2dKernels.im2col(x, b0, n, window, col);
            Gemm.multiply(true, false, outChannels, n * plane, patch, w, 0, col, 0, out, 0, false);
            Conv2dKernels.spreadChannels(out, bias, outChannels, plane, b0, n, y);
        }
    }

    @Override
    String op() {
        return "conv2d";
    }

    @Override
    void propagate() {
        Node x = inputs[0];
        Node w = inputs[1];
        float[] g = grad.data();
        if (hasBias && inputs[2].requiresGrad()) {
            Conv2dKernels.biasGradient(g, batch, outChannels, plane, inputs[2].gradBuffer().data());
        }
        boolean needW = w.requiresGrad();
        boolean needX = x.requiresGrad();
        if (!needW && !needX) {
            return;
        }
        if (needX && dcol == null) {
            dcol = new float[col.length];
        }
        float[] xv = x.value.data();
        for (int b0 = 0; b0 < batch; b0 += chunk) {
            int n = Math.min(chunk, batch - b0);
            Conv2dKernels.gatherChannels(g, b0, n, outChannels, plane, out);
            if (needW) {
                if (chunk < batch) {
                    // the forward pass left the last chunk's columns: unfold this one again
                    Conv2dKernels.im2col(xv, b0, n, window, col);
                }
                Gemm.multiply(false, true, patch, outChannels, n * plane, col, 0, out, 0, w.gradBuffer().data(), 0,
                        true);
            }
            if (needX) {
                Gemm.multiply(false, false, patch, n * plane, outChannels, w.value.data(), 0, out, 0, dcol, 0, false);
                Conv2dKernels.col2imAdd(dcol, b0, n, window, x.gradBuffer().data());
            }
        }
    }
}
