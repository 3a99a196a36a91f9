package nn.api;

import java.util.Map;

/**
 * The arithmetic of an optimizer (SGD, Adam, ...): how one parameter moves given its gradient
 * and the state the rule keeps for it. The engine owns everything around it: which parameters,
 * the learning rate in force (schedules change it between steps), gradient clipping and
 * regularization, the state arrays (which checkpoints save), and splitting large parameters
 * into ranges that run on several threads.
 *
 * <p>An update must be element-wise: element {@code i} of the parameter and of each state array
 * depends only on element {@code i} of the gradient, the state and the parameter, so that any
 * split into ranges gives the same bits.
 *
 * <p>Found by name through {@link java.util.ServiceLoader}, like activations and losses: register
 * the class in {@code META-INF/services/nn.api.UpdateRule} and with {@code provides} in
 * {@code module-info}. Implementations must be immutable and thread-safe, with a public
 * no-argument constructor giving the defaults; hyperparameters are set by name, as in
 * {@code adam(lr=0.001, beta2=0.99)}, through {@link #with}.
 */
public interface UpdateRule {

    /** The unique, stable, lower-case name, such as {@code "adam"}. */
    String name();

    /**
     * Every hyperparameter with its value, in a stable order; the learning rate is {@code "lr"}.
     * Saved in checkpoints with the name.
     */
    Map<String, Double> hyperparameters();

    /**
     * A rule with the given hyperparameters changed and the others as they are here.
     *
     * @throws IllegalArgumentException naming an unknown key and the known ones (see
     *                                  {@link Hyperparameters#requireKnown}), or a value out of
     *                                  range and the range expected
     */
    UpdateRule with(Map<String, Double> hyperparameters);

    /** The name with every hyperparameter, such as {@code adam(lr=0.001,beta1=0.9,...)}. */
    default PluginSpec spec() {
        return new PluginSpec(name(), hyperparameters());
    }

    /** The learning rate this rule was configured with, its {@code "lr"}. */
    default double learningRate() {
        Double lr = hyperparameters().get("lr");
        if (lr == null) {
            throw new IllegalStateException(name() + " states no learning rate 'lr' in its hyperparameters");
        }
        return lr;
    }

    /**
     * How many arrays of state this rule keeps per parameter, each as long as the parameter and
     * zero at first: 0 for plain SGD, 1 for momentum, 2 for Adam.
     */
    int stateArrays();

    /**
     * Updates elements {@code [from, to)} of {@code param} in place.
     *
     * @param param        the parameter's values
     * @param grad         its gradient, summed or averaged over the batch as the loss says
     * @param state        {@link #stateArrays()} arrays of this parameter's state
     * @param from         first element
     * @param to           one past the last element
     * @param learningRate the learning rate in force for this step
     * @param step         the number of this update of this parameter, from 1 (Adam's bias
     *                     correction uses it)
     */
    void update(float[] param, float[] grad, float[][] state, int from, int to, double learningRate, long step);
}
