package nn.examples.report;

import java.io.IOException;
import java.nio.file.Path;

/** Renders the report of a realistic fake run, to look at: {@code ReportPreview [dir]} (default: report-preview under the temporary folder). */
public final class ReportPreview {

    private ReportPreview() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"), "report-preview");
        ClassificationMetrics metrics = ReportFixtures.fashionMetrics();
        System.out.println(ReportTables.classificationReport(metrics));
        System.out.println(ReportTables.confusionMatrix(metrics));
        for (Path file : TrainingPlots.writeAll(ReportFixtures.history(), metrics, dir)) {
            System.out.println("wrote " + file);
        }
    }
}
