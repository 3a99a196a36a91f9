package nn.examples.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nn.api.Reduction;
import nn.core.data.Dataset;
import nn.core.kernels.Kernels;
import nn.core.kernels.Parallel;
import nn.core.network.NeuralNetwork;
import nn.core.network.Predictor;
import nn.core.network.Sequential;
import nn.core.optim.Sgd;
import nn.core.tensor.Tensor;
import nn.core.train.EpochResult;
import nn.core.train.Objective;
import nn.core.train.Trainer;
import nn.examples.app.Architecture;
import nn.examples.app.Evaluation;
import nn.examples.fashion.FashionMnist;

/**
 * nn's side of the reference benchmarks in {@code shared/bench} ({@code numpy_mlp.py},
 * {@code torch_mlp.py}): the same two networks on Fashion-MNIST, printing per-epoch lines, a
 * {@code SUMMARY} line and, with {@code --infer}, {@code INFER} lines in the same format.
 * <ul>
 *   <li>{@code modern}: 784-256-128-10, ReLU, fused softmax cross-entropy, batch 64, SGD momentum
 *       0.9, lr 0.05, He-normal init.</li>
 *   <li>{@code seed}: 784-30-10, sigmoid on every layer, L2 loss summed, batch 10, SGD lr 3.0
 *       divided by the batch size, N(0, 1) init: the tutorial's {@link NeuralNetwork}.</li>
 * </ul>
 * Usage: {@code MlpBench --config modern|seed [--epochs N] [--threads N] [--infer]}.
 */
public final class MlpBench {

    private MlpBench() {
    }

    public static void main(String[] args) throws IOException {
        String config = "modern";
        int epochs = 5;
        boolean infer = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = args[++i];
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> Parallel.setThreads(Integer.parseInt(args[++i]));
                case "--infer" -> infer = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: MlpBench --config modern|seed [--epochs N] [--threads N] [--infer]");
            }
        }
        FashionMnist found = FashionMnist.find(null);
        Dataset train = found.train();
        Dataset test = found.test();
        System.out.printf(Locale.ROOT, "nn_mlp config=%s epochs=%d threads=%d kernels=%s java=%s%n", config, epochs,
                Parallel.threads(), Kernels.describe(), System.getProperty("java.version"));

        Sequential net;
        Trainer trainer;
        Tensor targets;
        Objective objective;
        int batch;
        if (config.equals("modern")) {
            net = new Architecture(new int[] {784, 256, 128, 10}, "relu", "none", "he").build(0);
            objective = Objective.softmaxCrossEntropy(Reduction.MEAN);
            trainer = new Trainer(net, objective, new Sgd(0.05, 0.9));
            targets = train.labelIndices();
            batch = 64;
        } else if (config.equals("seed")) {
            NeuralNetwork tutorial = new NeuralNetwork(new int[] {784, 30, 10}, "sigmoid", "l2", 0);
            net = tutorial.network();
            objective = Objective.of(tutorial.loss(), Reduction.MEAN);
            trainer = new Trainer(net, objective, new Sgd(3.0)); // MEAN with lr 3: Nielsen's lr / len(batch)
            targets = train.oneHot(10);
            batch = 10;
        } else {
            throw new IllegalArgumentException("config '" + config + "' not found; available: modern, seed");
        }
        Tensor testTargets = config.equals("modern") ? test.labelIndices() : test.oneHot(10);
        long weights = 0;
        for (var p : net.parameters()) {
            if (p.name().endsWith("weights")) {
                weights += p.size();
            }
        }

        List<double[]> rows = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            CpuWatch.waitIdle();
            CpuWatch watch = CpuWatch.start();
            long gc0 = gcMillis();
            List<EpochResult> r = trainer.fit(train.inputs(), targets, 1, batch, 1000L + epoch, x -> { });
            long gcMs = gcMillis() - gc0;
            watch.stop();
            double seconds = r.get(0).seconds();
            if (epoch > 1) { // the first epoch carries the JIT's warm-up and the recording of the graph
                gcShareMax = Math.max(gcShareMax, gcMs / 1000.0 / seconds);
            }
            double accuracy = Evaluation.of(net, objective, test.inputs(), testTargets, test.labels()).accuracy();
            rows.add(new double[] {seconds, watch.other(), accuracy});
            System.out.printf(Locale.ROOT, "epoch %2d  %8.3f s  cpu/wall %.2f  other_procs %.2f  train_loss %.5f"
                    + "  test_acc %.4f  gc %d ms%n", epoch, seconds, watch.own(), watch.other(), r.get(0).loss(), accuracy,
                    gcMs);
        }
        List<Double> clean = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        StringBuilder accs = new StringBuilder();
        double best = 0;
        for (double[] r : rows) {
            all.add(r[0]);
            if (r[1] < 0.10) {
                clean.add(r[0]);
            }
            accs.append(accs.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", r[2]));
            best = Math.max(best, r[2]);
        }
        List<Double> secs = clean.isEmpty() ? all : clean;
        double median = median(secs);
        int n = train.size();
        System.out.printf(Locale.ROOT, "(timing over %d clean epochs of %d)%n", clean.size(), rows.size());
        System.out.printf(Locale.ROOT, "SUMMARY epochs=%d median_s/epoch=%.3f min=%.3f max=%.3f samples/s=%,.0f"
                        + " weights=%d GFLOP/s=%.3f final_acc=%.4f best_acc=%.4f accs=%s gc_share_max_after_first=%.4f%n",
                rows.size(), median,
                secs.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                secs.stream().mapToDouble(Double::doubleValue).max().orElse(0), n / median, weights,
                6.0 * weights * n / median / 1e9, rows.get(rows.size() - 1)[2], best, accs, gcShareMax);
        if (infer) {
            inference(net, test.inputs());
        }
    }

    /** The largest share of an epoch's wall time the garbage collectors took, over epochs 2 and on. */
    private static double gcShareMax;

    /** Milliseconds all garbage collectors have taken since the JVM started. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Single-sample latency (median of 10,000 calls) and batch-1000 throughput, as the references measure. */
    private static void inference(Sequential net, Tensor x) {
        Predictor single = net.predictor(1);
        Predictor thousand = net.predictor(1000);
        Tensor one = x.sliceRows(0, 1);
        CpuWatch.waitIdle();
        CpuWatch watch = CpuWatch.start();
        for (int i = 0; i < 1000; i++) {
            single.predict(one);
        }
        long[] times = new long[10_000];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            single.predict(one);
            times[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(times);
        List<Tensor> batches = new ArrayList<>();
        for (int s = 0; s + 1000 <= x.rows(); s += 1000) {
            batches.add(x.sliceRows(s, s + 1000));
        }
        for (Tensor b : batches) {
            thousand.predict(b);
        }
        List<Double> bt = new ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            for (Tensor b : batches) {
                long t = System.nanoTime();
                thousand.predict(b);
                bt.add((System.nanoTime() - t) / 1e9);
            }
        }
        watch.stop();
        double batchSeconds = median(bt);
        System.out.printf(Locale.ROOT, "INFER cpu/wall %.2f other_procs %.2f%n", watch.own(), watch.other());
        System.out.printf(Locale.ROOT, "INFER single-sample latency median %.2f us (p10 %.2f, p90 %.2f) over %d calls%n",
                times[times.length / 2] / 1e3, times[times.length / 10] / 1e3, times[times.length * 9 / 10] / 1e3,
                times.length);
        System.out.printf(Locale.ROOT, "INFER batch=1000 throughput %,.0f samples/s (median batch %.3f ms)%n",
                1000 / batchSeconds, batchSeconds * 1e3);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

}
