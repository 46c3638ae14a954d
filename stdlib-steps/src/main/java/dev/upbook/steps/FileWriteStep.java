package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Step type {@code file.write}: Writes a file from a template (e.g. a maintenance index.html), atomically.
 *
 * <p>The content goes to a temporary file in the same directory, which gets the mode (and the
 * owner and group of the file it replaces, where allowed), is flushed to disk and then renamed over
 * the target, so readers see the old file or the new one, never a part. A symbolic link is followed:
 * its target is replaced, not the link. When the file already has exactly the content and the
 * mode, nothing is written ("already up to date").
 */
public final class FileWriteStep extends DeclaredStepType {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    public FileWriteStep() {
        super("file.write", "Writes a file from a template (e.g. a maintenance index.html), atomically.", STEP,
                "Done when the file has exactly the rendered content and mode: it is then left untouched.",
                req("path", TEXT, "The file to write."),
                req("content", TEXT, "The content (a template)."),
                opt("mode", TEXT, "0644", "Permissions of the file."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        Path path = context.workingDirectory().resolve(p.text("path")).toAbsolutePath().normalize();
        Path target = Files.isSymbolicLink(path) && Files.exists(path) ? path.toRealPath() : path;
        byte[] content = p.text("content").getBytes(StandardCharsets.UTF_8);
        String modeText = modeText(p.text("mode", "0644"));
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(symbolic(modeText));
        if (Files.isDirectory(target)) return StepResult.failed(target + " is a directory");
        if (Files.isRegularFile(target) && hasContent(target, content)) {
            if (Files.getPosixFilePermissions(target).equals(mode)) return StepResult.succeeded("already up to date");
            Files.setPosixFilePermissions(target, mode);
            return StepResult.succeeded("content already up to date; mode set to " + modeText);
        }
        Files.createDirectories(target.getParent());
        Optional<String> ownerNote = AtomicFiles.replace(target, content, mode);
        return StepResult.succeeded("wrote " + content.length + " bytes to " + target + " (mode " + modeText + ")"
                + ownerNote.map(n -> "; " + n).orElse(""));
    }

    @Override
    public String describe(Parameters parameters) {
        int bytes = parameters.text("content", "").getBytes(StandardCharsets.UTF_8).length;
        return "file.write: " + parameters.text("path", "(no path)") + " (" + bytes + " bytes, mode "
                + parameters.text("mode", "0644") + ")";
    }

    /** The mode as four octal digits; special bits (setuid, setgid, sticky) are refused, not dropped. */
    private static String modeText(String mode) {
        String m = mode.strip();
        if (!MODE.matcher(m).matches()) {
            throw new Parameters.ParameterException("mode", "must be octal permissions such as 0644 or 0600"
                    + " (setuid, setgid and sticky bits are not supported), not '" + mode + "'");
        }
        return m.length() == 3 ? "0" + m : m;
    }

    /** {@code 0640} as {@code rw-r-----}. */
    private static String symbolic(String octal) {
        StringBuilder sb = new StringBuilder();
        for (char digit : octal.substring(1).toCharArray()) {
            int bits = digit - '0';
            sb.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }

    private static boolean hasContent(Path file, byte[] content) throws IOException {
        return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
    }
}
