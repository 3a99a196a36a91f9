package nn.losses;

import java.util.Random;
import nn.api.Loss;
import nn.api.Reduction;

/**
 * Random points inside each loss's valid domain, away from its kinks, for the gradient checks
 * and the bulk-versus-sample comparisons. A loss without an entry here fails the tests that use
 * it, so that a new loss cannot slip in unchecked.
 */
final class Domains {

    /** How far the samples keep from a kink or a clamp boundary. */
    static final double MARGIN = 0.05;

    private Domains() {
    }

    /** A prediction of {@code width} numbers and its target, as {@code {p, t}}. */
    static double[][] sample(Loss loss, int width, Random random) {
        double[] p = new double[width];
        double[] t = new double[loss.targetWidth(width)];
        switch (loss.name()) {
            case "l2", "mse", "log_cosh" -> {
                fill(p, -3, 3, random);
                fill(t, -3, 3, random);
            }
            case "mae" -> {
                fill(t, -3, 3, random);
                for (int i = 0; i < width; i++) {
                    p[i] = t[i] + signed(MARGIN, 2, random);
                }
            }
            case "huber" -> {
                double delta = ((HuberLoss) loss).delta();
                fill(t, -3, 3, random);
                for (int i = 0; i < width; i++) {
                    double d;
                    do {
                        d = signed(MARGIN, 3 * delta, random);
                    } while (Math.abs(Math.abs(d) - delta) < MARGIN);
                    p[i] = t[i] + d;
                }
            }
            case "binary_cross_entropy" -> {
                fill(p, 0.01, 0.99, random);
                fill(t, 0, 1, random);
            }
            case "categorical_cross_entropy" -> {
                distribution(p, random);
                distribution(t, random);
            }
            case "sparse_categorical_cross_entropy" -> {
                distribution(p, random);
                t[0] = random.nextInt(width);
            }
            case "hinge", "squared_hinge" -> {
                for (int i = 0; i < width; i++) {
                    t[i] = random.nextBoolean() ? 1 : -1;
                    double margin = signed(0.1, 2, random);
                    p[i] = t[i] * (1 - margin);
                }
            }
            case "kl_divergence" -> {
                distribution(p, random);
                distribution(t, random);
                if (random.nextBoolean()) {
                    t[random.nextInt(width)] = 0;
                    normalise(t);
                }
            }
            case "poisson" -> {
                fill(p, 0.1, 3, random);
                for (int i = 0; i < t.length; i++) {
                    t[i] = random.nextInt(6);
                }
            }
            default -> throw new AssertionError("no test domain for the loss " + loss.name()
                    + "; add one to Domains");
        }
        return new double[][] {p, t};
    }

    /** {@code rows} samples laid out row-major as a float batch, {@code {prediction, target}}. */
    static float[][] batch(Loss loss, int rows, int cols, Random random) {
        int targetWidth = loss.targetWidth(cols);
        float[] prediction = new float[rows * cols];
        float[] target = new float[rows * targetWidth];
        for (int r = 0; r < rows; r++) {
            double[][] sample = sample(loss, cols, random);
            for (int j = 0; j < cols; j++) {
                prediction[r * cols + j] = (float) sample[0][j];
            }
            for (int j = 0; j < targetWidth; j++) {
                target[r * targetWidth + j] = (float) sample[1][j];
            }
        }
        return new float[][] {prediction, target};
    }

    /** Row {@code r} of a float batch, {@code width} wide, widened to double. */
    static double[] row(float[] batch, int r, int width) {
        double[] row = new double[width];
        for (int j = 0; j < width; j++) {
            row[j] = batch[r * width + j];
        }
        return row;
    }

    /** The factor of {@code reduction} over {@code rows}, written out independently of it. */
    static double factor(Reduction reduction, int rows) {
        return reduction == Reduction.MEAN ? 1.0 / rows : 1.0;
    }

    private static void fill(double[] x, double low, double high, Random random) {
        for (int i = 0; i < x.length; i++) {
            x[i] = low + (high - low) * random.nextDouble();
        }
    }

    /** A number whose magnitude is in {@code [low, high)}, of either sign. */
    private static double signed(double low, double high, Random random) {
        double magnitude = low + (high - low) * random.nextDouble();
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** A probability distribution whose entries are at least {@code 0.1 / n}. */
    private static void distribution(double[] x, Random random) {
        fill(x, 0.1, 1, random);
        normalise(x);
    }

    private static void normalise(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
    }
}
