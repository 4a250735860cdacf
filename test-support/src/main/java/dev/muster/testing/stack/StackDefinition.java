package dev.muster.testing.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack definition, {@code stack.env} at the repository's root, as {@code ./muster} and docker compose read it:
 * {@code KEY=VALUE} lines, a value with spaces in double quotes, comments on lines of their own. An environment
 * variable of the same name wins over the file's line. Also the versions of this build (Maven-filtered).
 */
public final class StackDefinition {

    /** The file's name, at the repository's root. */
    public static final String FILE = "stack.env";

    private static final Pattern LINE = Pattern.compile("([A-Z_][A-Z0-9_]*)=(.*)");
    private static final Properties BUILD = buildProperties();

    private final Path root;
    private final Map<String, String> values;
    private final Function<String, String> environment;

    StackDefinition(Path root, Map<String, String> values, Function<String, String> environment) {
        this.root = root;
        this.values = values;
        this.environment = environment;
    }

    /**
     * The definition of the repository this runs in: the directory of system property {@code muster.root} if set,
     * else the first directory holding {@value #FILE} from the working directory upwards.
     */
    public static StackDefinition load() {
        Path root = root();
        return new StackDefinition(root, parse(root.resolve(FILE)), System::getenv);
    }

    /** The repository's root: where {@value #FILE} is. */
    public static Path root() {
        String configured = System.getProperty("muster.root");
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(FILE))) {
                throw new IllegalStateException("muster.root=" + configured + " holds no " + FILE);
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no " + FILE + " in " + start + " or above it: run from inside the repository, or set -Dmuster.root");
    }

    /** The {@code KEY=VALUE} lines of a stack file, in order, their values unquoted. */
    static Map<String, String> parse(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = LINE.matcher(line.strip());
                if (matcher.matches()) {
                    values.put(matcher.group(1), unquote(matcher.group(2).strip()));
                }
            }
            return Collections.unmodifiableMap(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public Path repositoryRoot() {
        return root;
    }

    /** The variable's value: from the environment if set there, else from the file; fails if neither has it. */
    public String get(String key) {
        String fromEnvironment = environment.apply(key);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not defined in " + root.resolve(FILE));
        }
        return value;
    }

    /** The file's own value, whatever the environment says; null if it has none. */
    public String fileValue(String key) {
        return values.get(key);
    }

    /** A variable holding JVM flags, split at white space. */
    public List<String> flags(String key) {
        String value = get(key).strip();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    /** The project's version, as the jars in the modules' target folders carry it. */
    public static String projectVersion() {
        return BUILD.getProperty("muster.version");
    }

    /** The Kafka version of the build: the pom's kafka.version. */
    public static String kafkaVersion() {
        return BUILD.getProperty("kafka.version");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = StackDefinition.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from test-support's classes");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
