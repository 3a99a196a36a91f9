package nn.examples.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nn.api.Reduction;
import nn.core.io.ModelFile;
import nn.core.io.SavedModel;
import nn.core.network.Sequential;
import nn.core.train.Objective;
import nn.examples.fashion.FashionMnist;

/**
 * A model file written by {@code nn train}: the network and what its metadata says about how it
 * was trained (loss, reduction, class names).
 */
record LoadedModel(Sequential network, String loss, Reduction reduction, List<String> classNames) {

    static LoadedModel read(Path file) throws IOException {
        SavedModel saved = ModelFile.read(file);
        String loss = saved.metadata().getOrDefault("loss", Losses.FUSED);
        Reduction reduction = Reduction.valueOf(saved.metadata().getOrDefault("reduction", "MEAN")
                .toUpperCase(Locale.ROOT));
        String classes = saved.metadata().get("classes");
        List<String> names = classes == null ? FashionMnist.CLASS_NAMES : Arrays.asList(classes.split("\\|"));
        if (names.size() != saved.network().outputWidth()) {
            throw new IllegalArgumentException(file + ": the model has " + saved.network().outputWidth()
                    + " outputs but names " + names.size() + " classes");
        }
        return new LoadedModel(saved.network(), loss, reduction, List.copyOf(names));
    }

    Objective objective() {
        return Losses.objective(loss, reduction);
    }
}
