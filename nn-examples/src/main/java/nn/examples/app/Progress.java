package nn.examples.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nn.core.train.TrainingListener;

/**
 * Shows an epoch's progress: a progress bar with the running loss and the time left when the
 * output is a terminal, a plain line every tenth of the epoch otherwise (logs, CI).
 */
final class Progress implements TrainingListener {

    private final PrintStream out;
    private final boolean terminal;
    private final int epochs;
    private ProgressBar bar;
    private double lossSum;
    private int seen;
    private long epochStart;

    Progress(PrintStream out, boolean terminal, int epochs) {
        this.out = out;
        this.terminal = terminal;
        this.epochs = epochs;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        if (batch == 0) {
            lossSum = 0;
            seen = 0;
            epochStart = System.nanoTime();
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                        .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setMaxRenderedLength(110).showSpeed().build();
            }
        }
        lossSum += loss;
        seen++;
        if (terminal) {
            bar.stepTo(batch + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / seen));
            if (batch + 1 == batches) {
                bar.close();
                bar = null;
            }
        } else if ((batch + 1) % Math.max(1, batches / 10) == 0 || batch + 1 == batches) {
            double elapsed = (System.nanoTime() - epochStart) / 1e9;
            double left = elapsed / (batch + 1) * (batches - batch - 1);
            out.printf(Locale.ROOT, "  epoch %d/%d  %3d%%  batch %d/%d  loss %.4f  %s left%n", epoch, epochs,
                    100 * (batch + 1) / batches, batch + 1, batches, lossSum / seen, format(left));
        }
    }

    static String format(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
