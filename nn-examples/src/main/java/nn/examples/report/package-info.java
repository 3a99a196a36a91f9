/**
 * What a training run shows its user: {@link nn.examples.report.ClassificationMetrics} (accuracy,
 * confusion matrix, per-class precision, recall and F1), {@link nn.examples.report.ReportTables}
 * (those as monospace text tables), {@link nn.examples.report.EpochRecord} (one epoch of the
 * history) and {@link nn.examples.report.TrainingPlots} (loss, accuracy and confusion matrix as
 * PNG files, written atomically by {@link nn.examples.report.OutputFiles}).
 */
package nn.examples.report;
