package dev.upbook.plugin;

import dev.upbook.spec.spi.StepTypes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where third-party step types come from: the jars named by {@code UPBOOK_PLUGIN_PATH} (or the
 * system property {@code upbook.pluginPath}), a list separated like {@code PATH} ({@code :} on
 * Linux) whose entries are jars or directories of jars. Their step types are found through
 * {@link java.util.ServiceLoader} beside the standard library's, exactly as the built-in ones are;
 * a plugin type that claims a built-in name is refused.
 */
public final class PluginPath {
    public static final String ENVIRONMENT = "UPBOOK_PLUGIN_PATH";
    public static final String PROPERTY = "upbook.pluginPath";

    private static final Map<String, StepTypes> LOADED = new ConcurrentHashMap<>();

    private PluginPath() {}

    /** The step types of upbook and of the plugin path in effect. */
    public static StepTypes stepTypes() {
        String path = configured().orElse("");
        return LOADED.computeIfAbsent(path, p -> {
            try {
                return StepTypes.load(classLoader(p));
            } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
                throw new PluginPathException("the step types on " + ENVIRONMENT + " cannot be loaded: " + e.getMessage());
            }
        });
    }

    /** The plugin path from the system property, else the environment. */
    public static Optional<String> configured() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) return Optional.of(property);
        String environment = System.getenv(ENVIRONMENT);
        return environment == null || environment.isBlank() ? Optional.empty() : Optional.of(environment);
    }

    /** upbook's own class loader when {@code path} is empty, else one that adds the path's jars. */
    static ClassLoader classLoader(String path) {
        ClassLoader own = PluginPath.class.getClassLoader();
        List<URL> jars = jars(path);
        return jars.isEmpty() ? own : new URLClassLoader("upbook-plugins", jars.toArray(URL[]::new), own);
    }

    /** The jars of {@code path}: each entry a jar, or a directory whose *.jar files are taken in name order. */
    static List<URL> jars(String path) {
        List<URL> jars = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry.strip()).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(f -> jars.add(url(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the plugin directory " + p + " (from " + ENVIRONMENT + ")", e);
                }
            } else if (Files.isRegularFile(p)) {
                jars.add(url(p));
            } else {
                throw new PluginPathException(ENVIRONMENT + " names " + p + ", which is neither a jar nor a directory; "
                        + "fix the entry or remove it");
            }
        }
        return jars;
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plugin path entry that cannot be used. */
    public static final class PluginPathException extends RuntimeException {
        PluginPathException(String message) {
            super(message);
        }
    }
}
