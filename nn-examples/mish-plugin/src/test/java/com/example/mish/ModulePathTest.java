package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin is found on the module path (through {@code provides} in module-info) and on the
 * class path (through {@code META-INF/services}): a tiny program, compiled here as the module
 * {@code plugin.list} that requires nn.core, lists the registries' names in a JVM of its own,
 * once with {@code --module-path ... -m} and once with {@code -cp}.
 */
class ModulePathTest {

    @TempDir
    static Path dir;

    private static List<Path> entries;
    private static Path program;

    /** Where a class was loaded from: a jar, or a folder of classes. */
    private static Path origin(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @BeforeAll
    static void compileTheProgram() throws Exception {
        entries = List.of(
                origin("com.example.mish.Mish"),                      // this plugin: target/classes
                origin("nn.api.Activation"),                          // nn-api
                origin("nn.core.plugins.Plugins"),                    // nn-core
                origin("nn.activations.Relu"),                        // the built-in plugins
                origin("nn.losses.L2Loss"),
                origin("com.google.common.collect.ImmutableList"),    // nn-core's dependencies
                origin("com.google.common.util.concurrent.internal.InternalFutureFailureAccess"));
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("plugin/list"));
        Files.writeString(src.resolve("module-info.java"), "module plugin.list { requires nn.core; }\n");
        Files.writeString(src.resolve("plugin/list/Main.java"), String.join("\n",
                "package plugin.list;",
                "import nn.core.plugins.Plugins;",
                "public class Main {",
                "    public static void main(String[] args) {",
                "        System.out.println(\"nn.core module: \" + Plugins.class.getModule().getName());",
                "        System.out.println(\"mish module: \" + Plugins.activation(\"mish\").getClass().getModule().getName());",
                "        System.out.println(\"activations: \" + Plugins.activations().names());",
                "        System.out.println(\"losses: \" + Plugins.losses().names());",
                "        System.out.println(\"failures: \" + Plugins.activations().failures() + Plugins.losses().failures());",
                "    }",
                "}", ""));
        program = dir.resolve("classes");
        run("javac", "--release", "17", "-d", program.toString(), "--module-path", path(entries),
                src.resolve("module-info.java").toString(), src.resolve("plugin/list/Main.java").toString());
    }

    private static String path(List<Path> paths) {
        List<String> s = new ArrayList<>();
        for (Path p : paths) {
            s.add(p.toString());
        }
        return String.join(File.pathSeparator, s);
    }

    /** Runs a tool of this JDK ({@code java}, {@code javac}) and returns what it printed. */
    private static String run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the program did not finish: " + out);
        assertEquals(0, process.exitValue(), command + " failed:\n" + out);
        return out;
    }

    private static List<Path> withProgram() {
        List<Path> all = new ArrayList<>(entries);
        all.add(program);
        return all;
    }

    private static void assertPluginsListed(String out) {
        for (String name : List.of("relu", "leaky_relu", "softmax", "tanh", "mish")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("activations: ") && l.matches(".*[\\[ ]" + name + "[,\\]].*")),
                    name + " missing:\n" + out);
        }
        for (String name : List.of("l2", "huber", "binary_cross_entropy", "pinball")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("losses: ") && l.matches(".*[\\[ ]" + name + "[,\\]].*")),
                    name + " missing:\n" + out);
        }
        assertTrue(out.contains("failures: [][]"), out);
    }

    @Test
    void onTheModulePath() throws Exception {
        String out = run("java", "--module-path", path(withProgram()), "-m", "plugin.list/plugin.list.Main");
        assertTrue(out.contains("nn.core module: nn.core"), out);
        assertTrue(out.contains("mish module: com.example.mish"), out);
        assertPluginsListed(out);
    }

    @Test
    void onTheClassPath() throws Exception {
        String out = run("java", "-cp", path(withProgram()), "plugin.list.Main");
        assertTrue(out.contains("nn.core module: null"), out);   // the unnamed module
        assertTrue(out.contains("mish module: null"), out);
        assertPluginsListed(out);
    }
}
