package nn.core.kernels;

/**
 * Where a 2-D window (a convolution's kernel, a pooling window) falls on a stack of planes: an
 * input of {@code channels} planes of {@code height x width}, a window of
 * {@code kernelHeight x kernelWidth} moved by {@code strideHeight, strideWidth}, over the input
 * padded with {@code padTop, padBottom} rows and {@code padLeft, padRight} columns.
 *
 * <p>The output is {@code outHeight() x outWidth()}, with
 * {@code outHeight = (height + padTop + padBottom - kernelHeight) / strideHeight + 1} (rounded
 * down, as in PyTorch and TensorFlow); window {@code (oy, ox)} covers input rows
 * {@code oy * strideHeight - padTop + [0, kernelHeight)} and columns likewise.
 *
 * @param channels     planes per sample
 * @param height       rows of each input plane
 * @param width        columns of each input plane
 * @param kernelHeight rows of the window
 * @param kernelWidth  columns of the window
 * @param strideHeight rows the window moves between outputs
 * @param strideWidth  columns the window moves between outputs
 * @param padTop       rows added above (zeros for a convolution, ignored by pooling)
 * @param padBottom    rows added below
 * @param padLeft      columns added on the left
 * @param padRight     columns added on the right
 *
 * <p>Immutable and thread-safe.
 */
public record Window2d(int channels, int height, int width, int kernelHeight, int kernelWidth,
                       int strideHeight, int strideWidth, int padTop, int padBottom, int padLeft, int padRight) {

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive, a padding negative, or the
     *                                  window larger than the padded input
     */
    public Window2d {
        if (channels < 1 || height < 1 || width < 1 || kernelHeight < 1 || kernelWidth < 1
                || strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("a 2-D window needs positive sizes, got " + this);
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("a 2-D window needs padding of at least 0, got " + this);
        }
        if (height + padTop + padBottom < kernelHeight || width + padLeft + padRight < kernelWidth) {
            throw new IllegalArgumentException("the window " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + (height + padTop + padBottom) + "x"
                    + (width + padLeft + padRight) + " (" + height + "x" + width + " with padding " + padTop + "/"
                    + padBottom + " rows, " + padLeft + "/" + padRight + " columns)");
        }
    }

    /** Rows of each output plane. */
    public int outHeight() {
        return (height + padTop + padBottom - kernelHeight) / strideHeight + 1;
    }

    /** Columns of each output plane. */
    public int outWidth() {
        return (width + padLeft + padRight - kernelWidth) / strideWidth + 1;
    }

    /** Elements of one input plane, {@code height * width}. */
    public int inPlane() {
        return height * width;
    }

    /** Elements of one output plane, {@code outHeight * outWidth}. */
    public int outPlane() {
        return outHeight() * outWidth();
    }

    /** Elements of one patch over all channels, {@code channels * kernelHeight * kernelWidth}. */
    public int patchSize() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Whether every window covers at least one input element (not only padding), as pooling needs. */
    public boolean everyWindowTouchesInput() {
        return padTop < kernelHeight && padBottom < kernelHeight && padLeft < kernelWidth && padRight < kernelWidth;
    }

    @Override
    public String toString() {
        return "window " + kernelHeight + "x" + kernelWidth + " stride " + strideHeight + "x" + strideWidth
                + " padding " + padTop + "/" + padBottom + "/" + padLeft + "/" + padRight + " over " + channels
                + " planes of " + height + "x" + width;
    }
}
