package nn.core.data;

import static nn.core.data.IdxFiles.gzip;
import static nn.core.data.IdxFiles.images;
import static nn.core.data.IdxFiles.labels;
import static nn.core.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import nn.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    @TempDir
    Path dir;

    @Test
    void loadsImagesAndLabelsTogether() throws IOException {
        Path images = write(dir, "images.gz", gzip(images(3, 2, 2)));
        Path labels = write(dir, "labels", labels(2, 0, 1));
        Dataset d = Dataset.load(images, labels);
        assertEquals(3, d.size());
        assertEquals(4, d.features());
        assertEquals(3, d.classCount());
        assertArrayEquals(new int[] {3, 4}, d.inputs().shape());
        assertEquals(5 / 255f, d.inputs().get(1, 1));
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(0, d.label(1));
        assertEquals("Dataset(3 samples of 4 features)", d.toString());
    }

    @Test
    void countsThatDifferNameBothFiles() throws IOException {
        Path images = write(dir, "train-images", images(3, 2, 2));
        Path labels = write(dir, "train-labels", labels(2, 0));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Dataset.load(images, labels));
        assertEquals(labels + ": holds 2 labels, but " + images + " holds 3 images: the two files do not belong"
                + " together", e.getMessage());
    }

    @Test
    void targetsAsClassIndicesAndOneHot() {
        Dataset d = new Dataset(Tensor.zeros(3, 2), new int[] {2, 0, 1});
        Tensor indices = d.labelIndices();
        assertArrayEquals(new int[] {3, 1}, indices.shape());
        assertArrayEquals(new float[] {2, 0, 1}, indices.data());
        Tensor oneHot = d.oneHot(4);
        assertArrayEquals(new int[] {3, 4}, oneHot.shape());
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, oneHot.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.oneHot(2));
        assertEquals("label 0 is 2, outside the 2 classes 0 to 1", e.getMessage());
    }

    @Test
    void slicesCopyRowsAndLabels() {
        Tensor x = Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6});
        Dataset d = new Dataset(x, new int[] {7, 8, 9});
        Dataset s = d.slice(1, 3);
        assertEquals(Tensor.matrix(new float[] {3, 4}, new float[] {5, 6}), s.inputs());
        assertArrayEquals(new int[] {8, 9}, s.labels());
        assertEquals(0, d.slice(2, 2).size());
        assertThrows(IllegalArgumentException.class, () -> d.slice(2, 4));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(3, 2), new int[] {1, 2}));
        assertEquals("3 samples of inputs but 2 labels: each sample needs one label", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(2), new int[] {1, 2}));
        assertTrue(e.getMessage().contains("[samples, features], got [2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(2, 1), new int[] {1, -2}));
        assertEquals("label 1 is -2: labels are class indices from 0", e.getMessage());
    }

    @Test
    void labelsAreCopiedInAndOut() {
        int[] labels = {1, 2};
        Dataset d = new Dataset(Tensor.zeros(2, 1), labels);
        labels[0] = 5;
        d.labels()[1] = 7;
        assertArrayEquals(new int[] {1, 2}, d.labels());
    }
}
