package dev.upbook.report;

import dev.upbook.lint.FileReport;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.diag.Diagnostic;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a report needs to know besides the findings: the directory that relative paths are
 * relative to, and the tool's identity (SARIF {@code tool.driver}).
 */
public record ReportContext(Path workingDirectory, String toolVersion) {

    public ReportContext {
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The context of this process: its current directory. */
    public static ReportContext current(String toolVersion) {
        return new ReportContext(Path.of(""), toolVersion);
    }

    /**
     * The file as a path with forward slashes, relative to the working directory when it lies
     * inside it, otherwise absolute.
     */
    public String displayPath(String file) {
        Path absolute = absolute(file);
        Path shown = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
        return slashes(shown);
    }

    /**
     * The file as a URI reference: relative (percent-encoded, forward slashes) when it lies inside
     * the working directory, otherwise an absolute {@code file:} URI.
     */
    public String uri(String file) {
        Path absolute = absolute(file);
        if (!absolute.startsWith(workingDirectory)) return absolute.toUri().toASCIIString();
        String relative = slashes(workingDirectory.relativize(absolute));
        // "a:b/playbook.yaml" would read as a URI with scheme "a"
        if (relative.indexOf(':') >= 0 && relative.indexOf(':') < firstSlash(relative)) relative = "./" + relative;
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return absolute.toUri().toASCIIString();
        }
    }

    /**
     * The file a diagnostic is about: its own position's file, or the linted file when the
     * diagnostic has no position in any file.
     */
    public static String sourceFile(FileReport file, Diagnostic d) {
        return d.at().file().equals(SourceRef.NONE.file()) ? file.file().toString() : d.at().file();
    }

    private Path absolute(String file) {
        return workingDirectory.resolve(file).normalize();
    }

    private static int firstSlash(String s) {
        int i = s.indexOf('/');
        return i < 0 ? s.length() : i;
    }

    private static String slashes(Path path) {
        if (path.getRoot() != null && path.getNameCount() == 0) return path.toString();
        StringBuilder sb = new StringBuilder();
        if (path.getRoot() != null) sb.append(path.getRoot().toString().replace('\\', '/'));
        for (int i = 0; i < path.getNameCount(); i++) {
            if (i > 0) sb.append('/');
            sb.append(path.getName(i));
        }
        return sb.toString();
    }
}
