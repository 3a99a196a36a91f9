package nn.examples.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.examples.report.ClassificationMetrics;
import nn.examples.report.ReportTables;
import nn.examples.report.TrainingPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nn evaluate}: a saved model's metrics on the Fashion-MNIST test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates a saved model on the 10,000 Fashion-MNIST test images: accuracy, per-class"
                + " precision, recall and F1, and the confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "a model written by nn train")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the Fashion-MNIST files")
    Path data;

    @Option(names = "--confusion-png", paramLabel = "FILE", description = "also draw the confusion matrix here")
    Path confusionPng;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the kernels (default: the cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Threads.apply(threads);
        LoadedModel loaded = LoadedModel.read(model);
        Dataset test = FashionData.load(data, System.out).test();
        Evaluation e = Evaluation.of(loaded.network(), loaded.objective(), test.inputs(),
                Losses.targets(loaded.loss(), test, loaded.network().outputWidth()), test.labels(),
                loaded.reduction() == Reduction.MEAN);
        ClassificationMetrics metrics = ClassificationMetrics.of(test.labels(), e.predicted(), loaded.classNames());
        System.out.println(ReportTables.classificationReport(metrics));
        System.out.println(ReportTables.confusionMatrix(metrics));
        if (confusionPng != null) {
            TrainingPlots.writeConfusionMatrix(metrics, confusionPng);
            System.out.println("wrote " + confusionPng);
        }
        System.out.printf(Locale.ROOT, "RESULT: test accuracy %.4f, loss %.4f (%s)%n", e.accuracy(), e.loss(), model);
        return 0;
    }
}
