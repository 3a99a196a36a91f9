package nn.core;

import java.util.Random;
import nn.core.tensor.Tensor;

/** Seeded random tensors for tests. */
public final class TestData {

    private TestData() {
    }

    /** Normal N(0, 1) values. */
    public static Tensor normal(long seed, int... shape) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /** Uniform values in [lo, hi). */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return t;
    }

    /** Rows of positive numbers summing to 1. */
    public static Tensor distributions(long seed, int rows, int cols) {
        Tensor t = uniform(seed, 0.05, 1, rows, cols);
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += t.get(r, c);
            }
            for (int c = 0; c < cols; c++) {
                t.set(r, c, t.get(r, c) / sum);
            }
        }
        return t;
    }
}
