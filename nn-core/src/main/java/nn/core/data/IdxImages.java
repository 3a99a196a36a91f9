package nn.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import nn.core.tensor.Tensor;

/**
 * Grayscale images as an IDX file holds them: {@code count} images of {@code rows x cols}
 * unsigned bytes (0 black to 255 white, or the reverse for Fashion-MNIST's dark background),
 * row-major, image after image.
 *
 * <p>Immutable if the caller does not write into {@link #pixels()}.
 */
public final class IdxImages {

    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;

    /**
     * Images over {@code pixels} (not copied).
     *
     * @throws IllegalArgumentException if the sizes are not positive or do not match the pixels
     */
    public IdxImages(int count, int rows, int cols, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        checkArgument(count >= 0 && rows > 0 && cols > 0,
                "images need a count >= 0 and positive sizes, got %s images of %s x %s", count, rows, cols);
        checkArgument((long) count * rows * cols == pixels.length,
                "%s images of %s x %s need %s pixels, got %s", count, rows, cols, (long) count * rows * cols,
                pixels.length);
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    /** The number of images. */
    public int count() {
        return count;
    }

    /** The height of each image, in pixels. */
    public int rows() {
        return rows;
    }

    /** The width of each image, in pixels. */
    public int cols() {
        return cols;
    }

    /** The number of pixels of one image, {@code rows * cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The live array of pixels, unsigned bytes ({@code b & 0xFF}), image after image, row-major. */
    public byte[] pixels() {
        return pixels;
    }

    /** Pixel {@code (row, col)} of image {@code image}, from 0 to 255. */
    public int pixel(int image, int row, int col) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return pixels[(image * rows + row) * cols + col] & 0xFF;
    }

    /**
     * The images as a tensor {@code [count, rows * cols]}, one flattened image a row, each pixel
     * scaled to {@code [0, 1]} as {@code value / 255f}.
     */
    public Tensor toTensor() {
        float[] data = new float[pixels.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (pixels[i] & 0xFF) / 255f;
        }
        return Tensor.of(data, count, rows * cols);
    }

    @Override
    public String toString() {
        return count + " images of " + rows + " x " + cols + " pixels";
    }
}
