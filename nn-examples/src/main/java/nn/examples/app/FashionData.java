package nn.examples.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nn.core.data.Dataset;
import nn.examples.fashion.FashionMnist;

/**
 * Fashion-MNIST as the app uses it: the training and test sets and the class names.
 *
 * @param train      60,000 training images
 * @param test       10,000 test images
 * @param classNames the ten class names, label order
 */
record FashionData(Dataset train, Dataset test, List<String> classNames) {

    /** Finds and reads the data set ({@code dataDirectory} may be null), saying where it came from. */
    static FashionData load(Path dataDirectory, PrintStream log) throws IOException {
        long start = System.nanoTime();
        FashionMnist found = FashionMnist.find(dataDirectory);
        Dataset train = found.train();
        Dataset test = found.test();
        log.printf(Locale.ROOT, "Fashion-MNIST from %s (%s): %d training and %d test images, read in %.1f s%n",
                found.directory(), found.source(), train.size(), test.size(), (System.nanoTime() - start) / 1e9);
        return new FashionData(train, test, FashionMnist.CLASS_NAMES);
    }
}
