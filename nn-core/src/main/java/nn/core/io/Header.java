package nn.core.io;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The header of a model file as its bytes say it, before any plugin is looked up: the input
 * width, the layers by type name with their attributes, the table of tensors, and the metadata.
 * Lists and maps keep the file's order.
 */
record Header(int inputWidth, List<LayerRecord> layers, List<TensorRecord> tensors, Map<String, String> metadata) {

    /** The data type code of little-endian IEEE 754 float32, the only one of format version 1. */
    static final int FLOAT32 = 1;

    /** The most dimensions a tensor may have. */
    static final int MAX_RANK = 8;

    /**
     * One layer: a type name such as {@code "dense"} and its attributes as strings, such as
     * {@code in=784, out=256}.
     */
    record LayerRecord(String type, Map<String, String> attributes) {
    }

    /** One tensor of the data section: a name such as {@code "0.weights"} and a shape. */
    record TensorRecord(String name, int[] shape) {

        /** The number of elements (the shape is known to fit in one array). */
        int size() {
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            return (int) size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorRecord t && name.equals(t.name) && Arrays.equals(shape, t.shape);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "'" + name + "' " + Arrays.toString(shape);
        }
    }
}
