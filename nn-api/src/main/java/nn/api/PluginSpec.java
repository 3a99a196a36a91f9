package nn.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin named with its hyperparameters, in the one form networks, command lines and model
 * files use: {@code name} or {@code name(key=value, key=value)}, such as {@code "relu"},
 * {@code "leaky_relu(alpha=0.1)"} or {@code "adam(lr=0.001, beta2=0.99)"}.
 *
 * <p>Names and keys are lower-case letters, digits and underscores, starting with a letter; values
 * are decimal numbers as {@link Double#parseDouble} reads them ({@code 0.1}, {@code 1e-4},
 * {@code -2}). Spaces around the parentheses, commas and equals signs are ignored. A key appears
 * at most once. {@link #toString()} writes the canonical form, which {@link #parse} reads back to
 * an equal spec with bitwise-equal values: {@code leaky_relu(alpha=0.1)}, keys in the order
 * given, no spaces.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name            the plugin's name
 * @param hyperparameters the values given, in order; unmodifiable
 */
public record PluginSpec(String name, Map<String, Double> hyperparameters) {

    /**
     * A spec.
     *
     * @throws IllegalArgumentException if the name or a key is not a valid name, or a value is
     *                                  not finite
     */
    public PluginSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (!isName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid plugin name: lower-case letters,"
                    + " digits and underscores, starting with a letter");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : hyperparameters.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "hyperparameter name");
            Double value = Objects.requireNonNull(e.getValue(), () -> "value of " + key);
            if (!isName(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a valid hyperparameter name of " + name
                        + ": lower-case letters, digits and underscores, starting with a letter");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + ": hyperparameter " + key + " must be finite, got " + value);
            }
            copy.put(key, value);
        }
        hyperparameters = Collections.unmodifiableMap(copy);
    }

    /** A spec without hyperparameters. */
    public static PluginSpec of(String name) {
        return new PluginSpec(name, Map.of());
    }

    /**
     * Reads {@code name} or {@code name(key=value, ...)}.
     *
     * @throws IllegalArgumentException naming what is wrong and where, with the expected form
     */
    public static PluginSpec parse(String text) {
        Objects.requireNonNull(text, "plugin spec");
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            if (s.indexOf(')') >= 0 || s.indexOf('=') >= 0 || s.indexOf(',') >= 0) {
                throw malformed(text, "parentheses around the hyperparameters are missing");
            }
            return of(checkedName(text, s));
        }
        if (!s.endsWith(")")) {
            throw malformed(text, "it must end with ')'");
        }
        String name = checkedName(text, s.substring(0, open).strip());
        String body = s.substring(open + 1, s.length() - 1).strip();
        Map<String, Double> values = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String part : body.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw malformed(text, "'" + part.strip() + "' is not key=value");
                }
                String key = part.substring(0, eq).strip();
                String number = part.substring(eq + 1).strip();
                if (!isName(key)) {
                    throw malformed(text, "'" + key + "' is not a hyperparameter name");
                }
                double value;
                try {
                    value = Double.parseDouble(number);
                } catch (NumberFormatException e) {
                    throw malformed(text, "the value of " + key + ", '" + number + "', is not a number");
                }
                if (number.isEmpty() || !Character.isDigit(number.charAt(number.length() - 1))
                        && number.charAt(number.length() - 1) != '.') {
                    throw malformed(text, "the value of " + key + ", '" + number + "', is not a decimal number");
                }
                if (values.put(key, value) != null) {
                    throw malformed(text, key + " is given twice");
                }
            }
        }
        return new PluginSpec(name, values);
    }

    /** The value of {@code key}, or {@code fallback} if the spec does not give it. */
    public double get(String key, double fallback) {
        Double v = hyperparameters.get(key);
        return v == null ? fallback : v;
    }

    /** Whether the spec gives no hyperparameters. */
    public boolean isBare() {
        return hyperparameters.isEmpty();
    }

    /** The canonical form, {@code name} or {@code name(key=value,...)}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        if (hyperparameters.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        String sep = "";
        for (Map.Entry<String, Double> e : hyperparameters.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(format(e.getValue()));
            sep = ",";
        }
        return sb.append(')').toString();
    }

    /** Shortest text that parses back to the same double: {@code 0.1}, {@code 3}, {@code 1.0E-4}. */
    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String checkedName(String text, String name) {
        if (!isName(name)) {
            throw malformed(text, "'" + name + "' is not a plugin name (lower-case letters, digits and underscores,"
                    + " starting with a letter)");
        }
        return name;
    }

    private static IllegalArgumentException malformed(String text, String why) {
        return new IllegalArgumentException("cannot read the plugin spec '" + text + "': " + why
                + "; expected name or name(key=value, ...), such as leaky_relu(alpha=0.1)");
    }

    static boolean isName(String s) {
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
