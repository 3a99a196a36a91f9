package nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import nn.api.Loss;
import org.junit.jupiter.api.Test;

/** What this module registers, in its services file and in its module descriptor. */
class LossRegistrationTest {

    private static final Set<String> EXPECTED_NAMES = Set.of(
            "l2", "mse", "mae", "huber", "log_cosh", "binary_cross_entropy",
            "categorical_cross_entropy", "sparse_categorical_cross_entropy", "hinge",
            "squared_hinge", "kl_divergence", "poisson");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    @Test
    void servicesFileListsExactlyTheTwelveLosses() {
        List<String> names = new ArrayList<>();
        for (Loss loss : RegisteredLosses.instances()) {
            names.add(loss.name());
        }
        assertEquals(new TreeSet<>(EXPECTED_NAMES), new TreeSet<>(names));
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names: " + names);
        assertEquals(RegisteredLosses.classNames().size(),
                new HashSet<>(RegisteredLosses.classNames()).size(),
                "a class is listed twice: " + RegisteredLosses.classNames());
    }

    @Test
    void namesAreLowerCaseLettersDigitsAndUnderscores() {
        for (Loss loss : RegisteredLosses.instances()) {
            assertTrue(NAME.matcher(loss.name()).matches(), "bad name: " + loss.name());
        }
    }

    @Test
    void everyLossIsAPublicFinalClassWithAPublicNoArgumentConstructor()
            throws ReflectiveOperationException {
        for (String className : RegisteredLosses.classNames()) {
            Class<?> type = Class.forName(className);
            int modifiers = type.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers),
                    className + " must be public and final");
            assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), className);
            assertTrue(Loss.class.isAssignableFrom(type), className + " must implement Loss");
        }
    }

    @Test
    void toStringIsTheSpecWithEveryHyperparameter() {
        for (Loss loss : RegisteredLosses.instances()) {
            if (loss instanceof HuberLoss) {
                assertEquals("huber(delta=1)", loss.toString());
            } else if (loss instanceof HingeLoss || loss instanceof SquaredHingeLoss) {
                assertEquals(loss.name() + "(margin=1)", loss.toString());
            } else if (loss instanceof BinaryCrossEntropy || loss instanceof CategoricalCrossEntropy) {
                assertEquals(loss.name() + "(label_smoothing=0)", loss.toString());
            } else {
                assertEquals(loss.name(), loss.toString());
            }
        }
    }

    @Test
    void moduleDescriptorProvidesTheSameClassesAsTheServicesFile()
            throws IOException, URISyntaxException {
        ModuleDescriptor descriptor = descriptor();
        Set<String> provided = new TreeSet<>();
        for (ModuleDescriptor.Provides provides : descriptor.provides()) {
            if (provides.service().equals(Loss.class.getName())) {
                provided.addAll(provides.providers());
            }
        }
        assertEquals(new TreeSet<>(RegisteredLosses.classNames()), provided);
        assertEquals("nn.losses", descriptor.name());
    }

    /** The descriptor of nn.losses, whether the tests run on the module path or the class path. */
    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        Module module = L2Loss.class.getModule();
        if (module.isNamed()) {
            return module.getDescriptor();
        }
        Path location = Path.of(
                L2Loss.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            try (InputStream in = Files.newInputStream(location.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        }
        try (JarFile jar = new JarFile(location.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }
}
