package nn.losses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nn.api.Loss;

/**
 * The losses this module registers, read from its {@code META-INF/services/nn.api.Loss} file and
 * instantiated reflectively (the ServiceLoader-driven tests live in nn-core).
 */
final class RegisteredLosses {

    static final String SERVICES_FILE = "/META-INF/services/nn.api.Loss";

    private RegisteredLosses() {
    }

    /** The class names listed in the services file, in order, without comments or blanks. */
    static List<String> classNames() {
        try (InputStream in = L2Loss.class.getResourceAsStream(SERVICES_FILE)) {
            if (in == null) {
                throw new AssertionError(SERVICES_FILE + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + SERVICES_FILE, e);
        }
    }

    /** One instance of each listed class, made with its public no-argument constructor. */
    static List<Loss> instances() {
        List<Loss> losses = new ArrayList<>();
        for (String className : classNames()) {
            try {
                Object loss = Class.forName(className).getConstructor().newInstance();
                losses.add((Loss) loss);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot instantiate " + className, e);
            }
        }
        return losses;
    }
}
