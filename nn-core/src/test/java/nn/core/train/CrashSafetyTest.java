package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nn.core.io.ModelFile;
import nn.core.network.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training JVM ({@link CrashTrainingMain}) with SIGKILL at random moments, again and
 * again, each time resuming from the newest checkpoint: after every kill each checkpoint file
 * left must read, and the run finished at last must end with the same bits as a run never
 * killed. {@code -Dnn.crash.kills=N} sets the number of kills (default 10; the long run in
 * {@code docs/RELIABILITY.md} uses more).
 */
class CrashSafetyTest {

    private static final int EPOCHS = 60;

    @TempDir
    Path dir;

    @Test
    void theNewestCheckpointAlwaysLoadsAndResumingEndsWithTheSameBits() throws Exception {
        Sequential reference = CrashTrainingMain.train(dir.resolve("reference"), EPOCHS);

        Path run = dir.resolve("killed");
        int kills = Integer.getInteger("nn.crash.kills", 10);
        long seed = Long.getLong("nn.crash.seed", 1);
        Random random = new Random(seed);
        int killed = 0;
        int duringWrite = 0;
        int finishedBeforeKill = 0;
        List<Integer> epochsSeen = new ArrayList<>();
        for (int attempt = 0; attempt < kills * 3 && killed < kills; attempt++) {
            Process p = start(run);
            AtomicInteger epochs = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("epoch ")) {
                            epochs.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            });
            reader.start();
            // let 0 to 3 epochs pass in this process, then kill within the next few milliseconds:
            // the epoch's line is printed just before its checkpoint is written
            int wait = random.nextInt(4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (epochs.get() < wait && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(25));
            if (!p.isAlive()) {
                assertEquals(0, p.exitValue(), "the training process failed");
                finishedBeforeKill++;
                break;
            }
            boolean writing = hasTemporary(run);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            killed++;
            if (writing || hasTemporary(run)) {
                duringWrite++;
            }
            // every checkpoint left must read, the newest first of all
            for (Path file : Checkpoint.files(run)) {
                epochsSeen.add(Checkpoint.read(file).epoch());
            }
        }
        // finish without interruption
        Process last = start(run);
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(last.waitFor(300, TimeUnit.SECONDS), "the last run did not finish");
        assertEquals(0, last.exitValue(), "the last run failed: " + output);

        Sequential resumed = ModelFile.load(run.resolve("final.nnm"));
        for (int i = 0; i < reference.parameters().size(); i++) {
            assertArrayEquals(reference.parameters().get(i).value().data(),
                    resumed.parameters().get(i).value().data(), reference.parameters().get(i).name());
        }
        System.out.printf("crash safety: %d kills (%d while a checkpoint was being written), %d runs finished"
                + " before their kill, checkpoints read after kills: %d, epochs %s%n", killed, duringWrite,
                finishedBeforeKill, epochsSeen.size(), epochsSeen);
        assertTrue(killed >= Math.min(kills, 3), "too few kills happened: " + killed);
        assertTrue(epochsSeen.size() >= killed / 2, "most kills must come after a checkpoint: " + epochsSeen);
    }

    private static Process start(Path run) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector"); // the same kernels as this JVM, so the same bits
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashTrainingMain.class.getName(),
                run.toString(), Integer.toString(EPOCHS)));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Files.createDirectories(run);
        return pb.start();
    }

    private static boolean hasTemporary(Path run) throws IOException {
        try (DirectoryStream<Path> d = Files.newDirectoryStream(run, ".checkpoint-*.tmp")) {
            return d.iterator().hasNext();
        }
    }
}
