package nn.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import nn.core.tensor.Tensor;

/**
 * Samples and their class labels: the inputs as a tensor {@code [size, features]}, one sample a
 * row, and for each sample an integer label from {@code 0}.
 *
 * <pre>{@code
 * Dataset train = Dataset.load(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
 * Tensor x = train.inputs();                 // [60000, 784], pixels in [0, 1]
 * Tensor y = train.oneHot(10);               // [60000, 10]
 * }</pre>
 *
 * <p>Immutable if the caller does not write into {@link #inputs()}; safe to read from several
 * threads.
 */
public final class Dataset {

    private final Tensor inputs;
    private final int[] labels;

    /**
     * A data set of {@code inputs [size, features]} and one label per row (the labels are copied,
     * the tensor is not).
     *
     * @throws IllegalArgumentException if the inputs are not a matrix, the counts differ, or a
     *                                  label is negative
     */
    public Dataset(Tensor inputs, int[] labels) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        checkArgument(inputs.rank() == 2, "a data set needs inputs of shape [samples, features], got %s",
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.dim(0) == labels.length, "%s samples of inputs but %s labels: each sample needs one label",
                inputs.dim(0), labels.length);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0, "label %s is %s: labels are class indices from 0", i, labels[i]);
        }
        this.inputs = inputs;
        this.labels = labels.clone();
    }

    /**
     * Reads an IDX images file and an IDX labels file (gzip or plain), with pixels scaled to
     * {@code [0, 1]}.
     *
     * @throws IdxFormatException naming the file, if a file is wrong or truncated, or the two
     *                            hold different numbers of samples
     */
    public static Dataset load(Path imagesFile, Path labelsFile) throws IOException {
        IdxImages images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new IdxFormatException(labelsFile, "holds " + labels.length + " labels, but " + imagesFile
                    + " holds " + images.count() + " images: the two files do not belong together");
        }
        return new Dataset(images.toTensor(), labels);
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** The number of numbers in one sample (784 for a 28 x 28 image). */
    public int features() {
        return inputs.dim(1);
    }

    /** The inputs, {@code [size, features]}: the live tensor, not a copy. */
    public Tensor inputs() {
        return inputs;
    }

    /** The label of sample {@code i}. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    /** The labels, one per sample, as a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** One more than the largest label: the number of classes the labels show (0 if empty). */
    public int classCount() {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }

    /**
     * The labels as a column of class indices, {@code [size, 1]} floats: the target of
     * {@code sparse_categorical_cross_entropy}.
     */
    public Tensor labelIndices() {
        float[] data = new float[labels.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = labels[i];
        }
        return Tensor.of(data, labels.length, 1);
    }

    /**
     * The labels one-hot, {@code [size, classes]}: row {@code i} is 1 at column
     * {@code label(i)} and 0 elsewhere.
     *
     * @throws IllegalArgumentException naming the sample, if a label is {@code >= classes}
     */
    public Tensor oneHot(int classes) {
        checkArgument(classes > 0, "classes (%s) must be positive", classes);
        checkArgument((long) labels.length * classes <= Integer.MAX_VALUE - 8,
                "%s samples x %s classes is too large for one tensor", labels.length, classes);
        Tensor t = Tensor.zeros(labels.length, classes);
        float[] data = t.data();
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] < classes, "label %s is %s, outside the %s classes 0 to %s",
                    i, labels[i], classes, classes - 1);
            data[i * classes + labels[i]] = 1f;
        }
        return t;
    }

    /** Samples {@code [from, to)}, copied. */
    public Dataset slice(int from, int to) {
        checkArgument(0 <= from && from <= to && to <= size(), "samples [%s, %s) are outside a data set of %s",
                from, to, size());
        return new Dataset(inputs.sliceRows(from, to), Arrays.copyOfRange(labels, from, to));
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " samples of " + features() + " features)";
    }
}
