package nn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The nn program runs as the module nn.examples on the module path, its libraries resolved by
 * module-info (explicit and automatic modules) and the built-in plugins bound as services, as it
 * does on the class path: {@code nn example xor} trains with tanh, sigmoid and
 * binary_cross_entropy asked for by name, in a JVM of its own each way.
 */
class ModulePathRunTest {

    /** Where a class was loaded from: a jar, or a folder of classes. */
    private static String origin(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String path() throws Exception {
        List<String> entries = new ArrayList<>();
        for (String c : List.of(
                "nn.examples.Xor",                                    // this module: target/classes
                "nn.api.Activation", "nn.core.plugins.Plugins",
                "nn.activations.Relu", "nn.losses.L2Loss",            // the built-in plugins
                "com.google.common.collect.ImmutableList",
                "com.google.common.util.concurrent.internal.InternalFutureFailureAccess",
                "picocli.CommandLine", "me.tongfei.progressbar.ProgressBar", "org.jline.terminal.Terminal",
                "org.knowm.xchart.XYChart", "org.openjdk.jmh.annotations.Benchmark")) {
            String entry = origin(c);
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "did not finish: " + out);
        assertEquals(0, process.exitValue(), command + " failed:\n" + out);
        return out;
    }

    @Test
    void theProgramRunsOnTheModulePath() throws Exception {
        String out = run("--module-path", path(), "-m", "nn.examples/nn.examples.app.NnApp", "example", "xor");
        assertTrue(out.contains("RESULT: XOR accuracy 100%"), out);
    }

    @Test
    void theProgramRunsOnTheClassPath() throws Exception {
        String out = run("-cp", path(), "nn.examples.app.NnApp", "example", "xor");
        assertTrue(out.contains("RESULT: XOR accuracy 100%"), out);
    }
}
