package dev.upbook.spec.spi;

/** Where the files generated for a step type at build time live in its jar. */
public final class StepResources {
    /** The folder of the generated files, relative to the class path root. */
    public static final String FOLDER = "META-INF/upbook/steps/";

    private StepResources() {}

    /** The JSON Schema fragment of {@code with:} of type {@code name}. */
    public static String schema(String name) {
        return FOLDER + name + ".schema.json";
    }

    /** The Markdown reference entry of type {@code name}. */
    public static String reference(String name) {
        return FOLDER + name + ".md";
    }
}
