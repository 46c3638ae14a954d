package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ByteSizes;
import dev.upbook.steps.internal.UserAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step type {@code file.assert}: Checks a file or directory: exists or absent, readable or writable by a user, free space.
 *
 * <p>{@code exists} follows symbolic links, like {@code test -e}. For the current user
 * {@code readable-by}/{@code writable-by} ask the kernel; for another user they evaluate, without
 * sudo, the path's POSIX owner, group and mode bits for that user's ids (from {@code id}, so LDAP
 * users count), including search permission on every directory above it; ACLs are not consulted.
 * {@code free-space} is a size such as {@code 2GiB}, {@code 500MB} or {@code 4096} (bytes), measured
 * on the file system of the nearest existing ancestor, so it works before the path exists. The
 * detail lists what was found for every criterion.
 */
@StepDefinition(name = "file.assert", uses = {Use.STEP, Use.CHECK},
        summary = "Checks a file or directory: exists or absent, readable or writable by a user, free space.",
        idempotency = "Pure check; always safe to repeat.",
        idempotent = true)
public final class FileAssertStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The file or directory.", example = "\"/srv/ixpmanager/storage\"") String path,
            @Param(value = "Whether the path must exist (false: must be absent).", defaultValue = "true") boolean exists,
            @Param(value = "What the path must be.", oneOf = {"file", "directory", "any"}, defaultValue = "any") String kind,
            @Param("A user who must be able to read it.") Optional<String> readableBy,
            @Param("A user who must be able to write it.") Optional<String> writableBy,
            @Param("Minimum free space on its file system, e.g. 2GiB.") Optional<String> freeSpace) {}

    public FileAssertStep() {
        super(FileAssertStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        CheckResult result = check(context);
        return result.passed() ? StepResult.succeeded(result.detail()) : StepResult.failed(result.detail());
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        With p = FileAssertStepBinding.bind(context.parameters());
        Path path = context.workingDirectory().resolve(p.path()).normalize();
        Findings findings = new Findings();
        boolean exists = Files.exists(path);
        if (!p.exists()) {
            findings.add(!exists, exists ? "exists, but must be absent" : "absent");
        } else if (!exists) {
            findings.add(false, "does not exist");
        } else {
            checkKind(path, p.kind(), findings);
            if (p.readableBy().isPresent()) checkAccess(path, p.readableBy().get(), UserAccess.Access.READ, context, findings);
            if (p.writableBy().isPresent()) checkAccess(path, p.writableBy().get(), UserAccess.Access.WRITE, context, findings);
        }
        if (p.freeSpace().isPresent()) checkFreeSpace(path, p.freeSpace().get(), findings);
        return new CheckResult(findings.passed, context.mask(path + ": " + String.join(", ", findings.phrases)), null);
    }

    private static void checkKind(Path path, String kind, Findings findings) {
        String actual = Files.isDirectory(path) ? "directory" : Files.isRegularFile(path) ? "file" : "special file";
        boolean ok = kind.equals("any") || kind.equals(actual);
        findings.add(ok, ok ? "a " + actual : "a " + actual + ", expected a " + kind);
    }

    private static void checkAccess(Path path, String user, UserAccess.Access access, StepContext context, Findings findings)
            throws IOException {
        String verb = access == UserAccess.Access.READ ? "readable" : "writable";
        if (user.equals(System.getProperty("user.name"))) {
            boolean ok = access == UserAccess.Access.READ ? Files.isReadable(path) : Files.isWritable(path);
            findings.add(ok, (ok ? "" : "not ") + verb + " by " + user);
            return;
        }
        Optional<UserAccess.Identity> who = UserAccess.lookup(user, context);
        if (who.isEmpty()) {
            findings.add(false, "user '" + user + "' does not exist");
            return;
        }
        Optional<String> denied = UserAccess.denied(path, who.get(), access);
        findings.add(denied.isEmpty(), denied.map(why -> "not " + verb + " by " + user + ": " + why).orElse(verb + " by " + user));
    }

    private static void checkFreeSpace(Path path, String text, Findings findings) throws IOException {
        long needed = ByteSizes.parse(text).orElseThrow(() -> new Parameters.ParameterException("free-space",
                "must be a size such as 2GiB, 500MB or 4096 (bytes), not '" + text + "'"));
        Path existing = path.toAbsolutePath();
        while (!Files.exists(existing)) existing = existing.getParent();
        long free = Files.getFileStore(existing).getUsableSpace();
        boolean ok = free >= needed;
        findings.add(ok, (ok ? "" : "only ") + ByteSizes.format(free) + " free on the file system of " + existing
                + " (needs " + ByteSizes.format(needed) + ")");
    }

    /** What was found, criterion by criterion; passed while every criterion holds. */
    private static final class Findings {
        final List<String> phrases = new ArrayList<>();
        boolean passed = true;

        void add(boolean ok, String phrase) {
            passed &= ok;
            phrases.add(phrase);
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileAssertStepBinding.bind(parameters);
        List<String> what = new ArrayList<>();
        what.add(p.exists() ? "exists" : "is absent");
        if (p.exists() && !p.kind().equals("any")) what.add("is a " + p.kind());
        p.readableBy().filter(u -> p.exists()).ifPresent(u -> what.add("readable by " + u));
        p.writableBy().filter(u -> p.exists()).ifPresent(u -> what.add("writable by " + u));
        p.freeSpace().ifPresent(s -> what.add(s + " free"));
        return "file.assert: " + p.path() + " " + String.join(", ", what);
    }
}
