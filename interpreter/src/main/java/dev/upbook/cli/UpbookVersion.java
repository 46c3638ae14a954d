package dev.upbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build: the jar manifest's {@code Implementation-Version} if present, else
 * the {@code pom.properties} that Maven puts into every jar (the shaded jar keeps it).
 */
public final class UpbookVersion {
    /** Shown when running from classes that were never packaged (an IDE, {@code mvn test}). */
    public static final String UNPACKAGED = "development build";

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.upbook/upbook-interpreter/pom.properties";

    private UpbookVersion() {}

    public static String current() {
        String fromManifest = UpbookVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) return fromManifest;
        return fromPomProperties();
    }

    private static String fromPomProperties() {
        try (InputStream in = UpbookVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) return UNPACKAGED;
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNPACKAGED);
        } catch (IOException e) {
            return UNPACKAGED;
        }
    }
}
