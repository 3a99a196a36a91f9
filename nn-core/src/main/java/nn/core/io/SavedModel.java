package nn.core.io;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.Objects;
import nn.core.network.Sequential;
import nn.core.tensor.Tensor;

/**
 * What a model file holds: a network with its weights, free-form string metadata (such as
 * hyperparameters, training settings, class names) and extra named tensors (such as an
 * optimizer's state in a checkpoint). Metadata and extras are kept sorted by key, the order in
 * which they are written. The extra tensors are not copied.
 *
 * <p>The maps are immutable; the network is as thread-safe as {@link Sequential}, that is, not.
 *
 * @param network  the network, its weights included
 * @param metadata string entries; keys non-empty
 * @param extras   tensors beside the network's parameters, by name; names non-empty and
 *                 different from the parameters' names
 */
public record SavedModel(Sequential network, Map<String, String> metadata, Map<String, Tensor> extras) {

    /** Checks for nulls and empty keys, and copies the maps. */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(extras, "extras");
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            Objects.requireNonNull(e.getKey(), "a metadata key is null");
            Objects.requireNonNull(e.getValue(), () -> "the metadata value of '" + e.getKey() + "' is null");
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("a metadata key is empty");
            }
        }
        for (Map.Entry<String, Tensor> e : extras.entrySet()) {
            Objects.requireNonNull(e.getKey(), "an extra tensor's name is null");
            Objects.requireNonNull(e.getValue(), () -> "the extra tensor '" + e.getKey() + "' is null");
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("an extra tensor's name is empty");
            }
        }
        metadata = ImmutableSortedMap.copyOf(metadata);
        extras = ImmutableSortedMap.copyOf(extras);
    }

    /** A network and its metadata, without extra tensors. */
    public SavedModel(Sequential network, Map<String, String> metadata) {
        this(network, metadata, Map.of());
    }
}
