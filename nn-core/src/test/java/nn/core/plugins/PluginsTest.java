package nn.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.api.Activation;
import nn.api.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    private static final String PLUGINS = Plugins.class.getName();

    @TempDir
    Path dir;

    @Test
    void aRegistryThatCannotBeMadeSaysWhyOnEveryCall() throws Exception {
        Class<?> plugins = pluginsThatAlsoSee(AnotherRelu.class);
        Method activation = plugins.getMethod("activation", String.class);
        for (int call = 1; call <= 3; call++) {
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> activation.invoke(null, "relu"));
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause(),
                    "call " + call);
            assertTrue(cause.getMessage().contains("two activations are named 'relu'"), cause.getMessage());
            assertTrue(cause.getMessage().contains(AnotherRelu.class.getName()), cause.getMessage());
        }
        Loss l2 = (Loss) plugins.getMethod("loss", String.class).invoke(null, "l2");
        assertEquals("l2", l2.name(), "the other registries still load");
    }

    /**
     * A fresh copy of {@link Plugins}, defined by a class loader of its own (so its registries are
     * read anew) that also sees a services file naming {@code extraActivation}.
     */
    private Class<?> pluginsThatAlsoSee(Class<? extends Activation> extraActivation) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Activation.class.getName()), extraActivation.getName() + "\n");
        URL classes = Plugins.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new URLClassLoader(new URL[] {classes, dir.toUri().toURL()},
                getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(PLUGINS) && !name.startsWith(PLUGINS + "$")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
        };
        Class<?> plugins = Class.forName(PLUGINS, true, loader);
        assertTrue(plugins != Plugins.class && plugins.getClassLoader() == loader);
        return plugins;
    }
}
