package nn.losses;

/** The argument checks the losses share; each message names the loss and what was expected. */
final class Checks {

    private Checks() {
    }

    /** Checks one sample: a non-empty prediction and a target {@code targetWidth} wide. */
    static void sample(String loss, double[] prediction, double[] target, int targetWidth) {
        if (prediction.length == 0) {
            throw new IllegalArgumentException(
                    loss + ": the prediction is empty; a sample needs at least one number");
        }
        if (target.length != targetWidth) {
            throw new IllegalArgumentException(loss + ": the target has " + target.length
                    + " numbers, expected " + targetWidth + " for a prediction of width "
                    + prediction.length);
        }
    }

    /** Checks one sample and a gradient row as wide as its prediction. */
    static void sample(String loss, double[] prediction, double[] target, double[] grad,
                       int targetWidth) {
        sample(loss, prediction, target, targetWidth);
        if (grad.length != prediction.length) {
            throw new IllegalArgumentException(loss + ": grad has " + grad.length
                    + " numbers, expected the prediction's width " + prediction.length);
        }
    }

    /**
     * Checks a batch of {@code rows} samples: {@code rows * cols} predictions and
     * {@code rows * targetWidth} targets.
     */
    static void batch(String loss, float[] prediction, float[] target, int rows, int cols,
                      int targetWidth) {
        if (rows < 0) {
            throw new IllegalArgumentException(loss + ": rows must be non-negative, got " + rows);
        }
        if (cols <= 0) {
            throw new IllegalArgumentException(loss + ": cols must be positive, got " + cols);
        }
        length(loss, "prediction", prediction.length, rows, cols, "cols");
        length(loss, "target", target.length, rows, targetWidth, "targetWidth");
    }

    /** Checks a batch as {@link #batch(String, float[], float[], int, int, int)}, and its grad. */
    static void batch(String loss, float[] prediction, float[] target, float[] grad, int rows,
                      int cols, int targetWidth) {
        batch(loss, prediction, target, rows, cols, targetWidth);
        length(loss, "grad", grad.length, rows, cols, "cols");
    }

    private static void length(String loss, String array, int actual, int rows, int width,
                               String widthName) {
        long expected = (long) rows * width;
        if (actual != expected) {
            throw new IllegalArgumentException(loss + ": " + array + " has " + actual
                    + " numbers, expected rows * " + widthName + " = " + rows + " * " + width
                    + " = " + expected);
        }
    }
}
