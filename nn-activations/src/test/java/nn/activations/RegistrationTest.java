package nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nn.api.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services file, the module descriptor and the names agree. The file is read as a
 * resource and each class built reflectively: ServiceLoader itself is exercised in nn-core.
 */
class RegistrationTest {

    private static final String SERVICES = "META-INF/services/nn.api.Activation";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The class names listed in this module's services file, in order, comments removed. */
    private static List<String> listedClassNames() throws IOException {
        try (InputStream in = Identity.class.getResourceAsStream("/" + SERVICES)) {
            assertNotNull(in, SERVICES + " is missing from nn-activations' resources");
            List<String> names = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    private static Activation instantiate(String className) throws ReflectiveOperationException {
        return (Activation) Class.forName(className).getConstructor().newInstance();
    }

    /** This module's descriptor, from the module system or, on the class path, from its file. */
    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        Module module = Identity.class.getModule();
        if (module.isNamed()) {
            return module.getDescriptor();
        }
        Path root = Path.of(Identity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(root)) {
            try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        }
        try (FileSystem jar = FileSystems.newFileSystem(root, (ClassLoader) null);
             InputStream in = Files.newInputStream(jar.getPath("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void servicesFileListsExactlyTheFifteenActivationsOnceEach() throws Exception {
        List<String> names = new ArrayList<>();
        for (String className : listedClassNames()) {
            names.add(instantiate(className).name());
        }
        assertEquals(Fixtures.NAMES.size(), names.size(), "listed names: " + names);
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names in " + names);
        assertEquals(Set.copyOf(Fixtures.NAMES), Set.copyOf(names));
    }

    @Test
    void everyListedClassIsPublicFinalInThisPackage() throws Exception {
        for (String className : listedClassNames()) {
            Class<?> type = Class.forName(className);
            assertEquals("nn.activations", type.getPackageName(), className);
            assertTrue(Modifier.isPublic(type.getModifiers()), className + " must be public");
            assertTrue(Modifier.isFinal(type.getModifiers()), className + " must be final");
            assertTrue(Activation.class.isAssignableFrom(type), className + " must be an Activation");
        }
    }

    @Test
    void moduleDescriptorProvidesTheListedClassesExportsThePackageAndRequiresOnlyTheApi()
            throws Exception {
        ModuleDescriptor descriptor = descriptor();
        assertEquals("nn.activations", descriptor.name());

        List<ModuleDescriptor.Provides> provides = new ArrayList<>(descriptor.provides());
        assertEquals(1, provides.size(), "provides: " + provides);
        assertEquals(Activation.class.getName(), provides.get(0).service());
        assertEquals(listedClassNames(), provides.get(0).providers(),
                "module-info.java and " + SERVICES + " must list the same classes in the same order");

        Set<String> exports = descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("nn.activations"), exports);

        Set<String> requires = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(name -> !name.equals("java.base"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("nn.api"), requires);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nn.activations.Fixtures#all")
    void nameIsLowerCaseLettersDigitsAndUnderscores(Activation activation) {
        assertTrue(NAME.matcher(activation.name()).matches(), "bad name: '" + activation.name() + "'");
    }

    @Test
    void toStringIsTheNameWithHyperparametersWhereThereAreAny() {
        assertEquals("leaky_relu(alpha=0.01)", new LeakyRelu().toString());
        assertEquals("leaky_relu(alpha=0.2)", new LeakyRelu(0.2).toString());
        assertEquals("elu(alpha=1)", new Elu().toString());
        assertEquals("elu(alpha=0.5)", new Elu(0.5).toString());
        for (Activation activation : Fixtures.defaults()) {
            if (activation.hyperparameters().isEmpty()) {
                assertEquals(activation.name(), activation.toString());
            }
        }
    }

    @Test
    void onlySoftmaxAndLogSoftmaxAreRowWise() {
        Set<String> rowWise = Fixtures.defaults().stream()
                .filter(a -> !a.isElementwise())
                .map(Activation::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("softmax", "log_softmax"), rowWise);
    }
}
