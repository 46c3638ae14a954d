package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
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
 * its target is replaced, not the link. {@code mode} is octal ({@code 0640}, {@code 640}); setuid,
 * setgid and sticky bits are refused. When the file already has exactly the content and the mode,
 * nothing is written ("already up to date").
 */
@StepDefinition(name = "file.write", uses = Use.STEP,
        summary = "Writes a file from a template (e.g. a maintenance index.html), atomically.",
        idempotency = "Done when the file has exactly the rendered content and mode: it is then left untouched.",
        idempotent = true)
public final class FileWriteStep extends DeclaredStepType {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The file to write.", example = "\"/var/www/helpdesk/maintenance.html\"") String path,
            @Param(value = "The content (a template).", example = "\"<h1>Down for an upgrade to {{ run.to }}</h1>\"") String content,
            @Param(value = "Permissions of the file.", defaultValue = "0644") String mode) {}

    public FileWriteStep() {
        super(FileWriteStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileWriteStepBinding.bind(context.parameters());
        Path path = context.workingDirectory().resolve(p.path()).toAbsolutePath().normalize();
        Path target = Files.isSymbolicLink(path) && Files.exists(path) ? path.toRealPath() : path;
        byte[] content = p.content().getBytes(StandardCharsets.UTF_8);
        String modeText = modeText(p.mode());
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
        With p = FileWriteStepBinding.bind(parameters);
        int bytes = p.content().getBytes(StandardCharsets.UTF_8).length;
        return "file.write: " + p.path() + " (" + bytes + " bytes, mode " + p.mode() + ")";
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
