package nn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module rules, read from the reactor's own files: nn-api depends on nothing; nn-activations
 * and nn-losses on nn-api only (in their poms, their module-info and every import); nothing
 * depends on nn-examples.
 */
class ModuleRulesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** {@code groupId:artifactId} of each dependency of a module, with scope unless it is compile. */
    private static List<String> dependencies(String module, boolean includeTest) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = f.newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile());
        List<String> deps = new ArrayList<>();
        NodeList nodes = pom.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element d = (Element) nodes.item(i);
            if (d.getParentNode().getParentNode() instanceof Element parent
                    && parent.getTagName().equals("dependencyManagement")) {
                continue;
            }
            String scope = text(d, "scope");
            if (!includeTest && scope.equals("test")) {
                continue;
            }
            deps.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
        return deps;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }

    private static List<String> modules() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    /** Every import in the main sources of a module (module-info's requires included). */
    private static List<String> imports(String module) throws IOException {
        List<String> imports = new ArrayList<>();
        Pattern p = Pattern.compile("^\\s*(?:import(?:\\s+static)?|requires(?:\\s+transitive)?)\\s+([\\w.]+)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = p.matcher(Files.readString(file));
                while (m.find()) {
                    imports.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        return imports;
    }

    @Test
    void theReactorHasTheExpectedModules() throws IOException {
        assertEquals(List.of("nn-api", "nn-activations", "nn-losses", "nn-core", "nn-examples"), modules());
    }

    @Test
    void nnApiDependsOnNothing() throws Exception {
        assertEquals(List.of(), dependencies("nn-api", false));
        for (String i : imports("nn-api")) {
            assertTrue(i.matches(".*: (java\\.|nn\\.api).*"), "nn-api must use the JDK only: " + i);
        }
    }

    @Test
    void pluginModulesDependOnNnApiOnly() throws Exception {
        for (String module : List.of("nn-activations", "nn-losses")) {
            assertEquals(List.of("nn:nn-api"), dependencies(module, false), module);
            List<String> imports = imports(module);
            assertFalse(imports.isEmpty(), module + " has no sources?");
            for (String i : imports) {
                // the JDK's Vector API counts as the JDK: loaded only when the JVM has the module
                assertTrue(i.matches(".*: (java\\.|jdk\\.incubator\\.vector\\.|nn\\.api).*"),
                        module + " may use the JDK and nn-api only: " + i);
            }
        }
    }

    @Test
    void nothingDependsOnExamples() throws Exception {
        for (String module : modules()) {
            for (String dep : dependencies(module, true)) {
                assertFalse(dep.endsWith(":nn-examples"), module + " depends on nn-examples");
            }
        }
    }

    @Test
    void nnCoreDoesNotNeedThePluginModulesToCompile() throws Exception {
        for (String dep : dependencies("nn-core", false)) {
            assertFalse(dep.endsWith(":nn-activations") || dep.endsWith(":nn-losses"),
                    "nn-core finds plugins at run time; it must not depend on " + dep);
        }
    }
}
