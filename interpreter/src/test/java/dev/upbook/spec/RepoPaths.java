package dev.upbook.spec;

import java.nio.file.Path;

/** Where the repository is when tests run: surefire sets {@code upbook.repo}, an IDE runs in the module. */
public final class RepoPaths {
    private RepoPaths() {}

    public static Path root() {
        String configured = System.getProperty("upbook.repo");
        return (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** The dsl-spec module directory, home of the reference and the schema. */
    public static Path dslSpec() {
        return root().resolve("dsl-spec");
    }
}
