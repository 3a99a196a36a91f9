package nn.api;

import java.util.Map;

/**
 * A loss: how far a prediction is from its target, and the gradient of that with respect to the
 * prediction, side by side in one class.
 *
 * <p>An implementation states the loss of <em>one sample</em> in double precision,
 * {@link #value(double[], double[])}, and its gradient,
 * {@link #gradient(double[], double[], double[])}. The bulk {@code float} methods, which the
 * engine calls on whole batches, default to those and combine the samples with a
 * {@link Reduction}: {@link Reduction#SUM} (the tutorial's choice) or {@link Reduction#MEAN}.
 *
 * <p>The target of a sample usually has the prediction's width; a loss whose target is
 * something else, such as a class index, says so with {@link #targetWidth(int)}.
 *
 * <p>Implementations must be stateless and thread-safe, and need a public no-argument
 * constructor to be found by {@link java.util.ServiceLoader}: register the class in
 * {@code META-INF/services/nn.api.Loss} and with {@code provides} in {@code module-info}.
 */
public interface Loss {

    /** The unique, stable, lower-case name of this loss, such as {@code "l2"}. */
    String name();

    /**
     * The hyperparameters of this instance with their values, every one of them (defaults
     * included), in a stable order; empty for a plugin that takes none. A model file stores them
     * with the name, as {@link #spec()}.
     */
    default Map<String, Double> hyperparameters() {
        return Map.of();
    }

    /**
     * An instance with the given hyperparameters changed and the others as they are here, as
     * {@code leaky_relu(alpha=0.1)} asks. The default implementation, for a plugin that takes
     * none, returns {@code this} for an empty map.
     *
     * @throws IllegalArgumentException naming the key if the plugin has no such hyperparameter
     *                                  (see {@link Hyperparameters#requireKnown}), or the value
     *                                  and the range expected if a value is out of range
     */
    default Loss with(Map<String, Double> hyperparameters) {
        Hyperparameters.requireNone(name(), hyperparameters);
        return this;
    }

    /** The name with every hyperparameter, such as {@code leaky_relu(alpha=0.01)}. */
    default PluginSpec spec() {
        return new PluginSpec(name(), hyperparameters());
    }

    /** The loss of one sample. */
    double value(double[] prediction, double[] target);

    /** Writes the gradient of {@link #value(double[], double[])} with respect to the prediction. */
    void gradient(double[] prediction, double[] target, double[] grad);

    /**
     * The width of one sample's target for a prediction of width {@code predictionWidth}. The
     * default implementation returns {@code predictionWidth}; a loss over class indices returns 1.
     */
    default int targetWidth(int predictionWidth) {
        return predictionWidth;
    }

    /**
     * The reduced loss of a batch of {@code rows} samples, each prediction {@code cols} wide and
     * each target {@link #targetWidth(int) targetWidth(cols)} wide. The default implementation
     * calls {@link #value(double[], double[])} on each sample and sums in double precision.
     */
    default double value(float[] prediction, float[] target, int rows, int cols, Reduction reduction) {
        int tw = targetWidth(cols);
        double[] p = new double[cols];
        double[] t = new double[tw];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                p[j] = prediction[r * cols + j];
            }
            for (int j = 0; j < tw; j++) {
                t[j] = target[r * tw + j];
            }
            total += value(p, t);
        }
        return total * reduction.scale(rows);
    }

    /**
     * <em>Adds</em> {@code scale} times the gradient of the reduced loss of the batch with respect
     * to the prediction into {@code grad}. The default implementation calls
     * {@link #gradient(double[], double[], double[])} on each sample.
     */
    default void gradient(float[] prediction, float[] target, float[] grad, int rows, int cols,
                          Reduction reduction, double scale) {
        int tw = targetWidth(cols);
        double[] p = new double[cols];
        double[] t = new double[tw];
        double[] g = new double[cols];
        double factor = scale * reduction.scale(rows);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                p[j] = prediction[r * cols + j];
            }
            for (int j = 0; j < tw; j++) {
                t[j] = target[r * tw + j];
            }
            gradient(p, t, g);
            for (int j = 0; j < cols; j++) {
                grad[r * cols + j] += (float) (factor * g[j]);
            }
        }
    }
}
