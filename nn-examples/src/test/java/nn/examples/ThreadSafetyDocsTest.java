package nn.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type of nn-api and nn-core says in its Javadoc whether it is
 * thread-safe: the words "thread-safe" (as in "not thread-safe") or "immutable" must appear in
 * the comment right before its declaration. Read from the sources, as {@link ModuleRulesTest}
 * reads the poms.
 */
class ThreadSafetyDocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** A top-level public declaration, at the start of a line. */
    private static final Pattern DECLARATION = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    /** The last Javadoc comment, then only annotations and white space, up to the end of the text. */
    private static final Pattern JAVADOC_BEFORE = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*\\z", Pattern.DOTALL);

    private static final Pattern SAYS_IT = Pattern.compile("(?i)thread-safe|immutable");

    static List<String> undocumented(Path sources) throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                String name = file.getFileName().toString();
                if (name.equals("package-info.java") || name.equals("module-info.java")) {
                    continue;
                }
                String text = Files.readString(file);
                Matcher d = DECLARATION.matcher(text);
                if (!d.find()) {
                    continue; // no public top-level type
                }
                Matcher doc = JAVADOC_BEFORE.matcher(text.substring(0, d.start()));
                if (!doc.find()) {
                    missing.add(ROOT.relativize(file) + ": " + d.group(1) + " has no Javadoc");
                } else if (!SAYS_IT.matcher(doc.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ")).find()) {
                    missing.add(ROOT.relativize(file) + ": the Javadoc of " + d.group(1) + " does not say whether"
                            + " it is thread-safe");
                }
            }
        }
        return missing;
    }

    @Test
    void everyPublicTypeSaysWhetherItIsThreadSafe() throws IOException {
        List<String> missing = new ArrayList<>();
        int[] seen = {0};
        for (String module : List.of("nn-api", "nn-core")) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), sources.toString());
            missing.addAll(undocumented(sources));
            try (Stream<Path> files = Files.walk(sources)) {
                seen[0] += (int) files.filter(f -> f.toString().endsWith(".java")).count();
            }
        }
        assertTrue(seen[0] > 50, "only " + seen[0] + " source files found under " + ROOT);
        assertTrue(missing.isEmpty(), "add a sentence saying \"Thread-safe\", \"Not thread-safe\" or \"Immutable\""
                + " (and why) to the type's Javadoc:\n" + String.join("\n", missing));
    }

    @Test
    void theScanCatchesATypeThatDoesNotSayIt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Quiet.java"), "package x;\n\n/** Does things. */\n@Deprecated\npublic final class"
                + " Quiet {\n}\n");
        Files.writeString(dir.resolve("Loud.java"), "package x;\n\n/**\n * Does things.\n *\n * <p>Not thread-"
                + "safe.\n */\npublic interface Loud {\n}\n");
        Files.writeString(dir.resolve("Bare.java"), "package x;\n\npublic record Bare(int a) {\n}\n");
        Files.writeString(dir.resolve("Hidden.java"), "package x;\n\n/** Does things. */\nfinal class Hidden {\n}\n");
        List<String> missing = undocumented(dir);
        assertTrue(missing.size() == 2 && missing.get(0).endsWith("Bare has no Javadoc")
                && missing.get(1).contains("the Javadoc of Quiet does not say"), missing.toString());
    }
}
