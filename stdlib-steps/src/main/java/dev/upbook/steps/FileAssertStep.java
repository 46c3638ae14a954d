package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
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
 * {@code readable-by}/{@code writable-by} ask the kernel ({@link Files#isReadable}); for another user
 * they evaluate POSIX permissions without sudo, see {@link UserAccess}. {@code free-space} is
 * measured on the file system of the nearest existing ancestor, so it works before the path exists.
 * The detail lists what was found for every criterion.
 */
public final class FileAssertStep extends DeclaredStepType {
    public FileAssertStep() {
        super("file.assert", "Checks a file or directory: exists or absent, readable or writable by a user, free space.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("path", TEXT, "The file or directory."),
                opt("exists", BOOL, "true", "Whether the path must exist (false: must be absent)."),
                opt("kind", oneOf("file", "directory", "any"), "any", "What the path must be."),
                opt("readable-by", TEXT, "none", "A user who must be able to read it."),
                opt("writable-by", TEXT, "none", "A user who must be able to write it."),
                opt("free-space", TEXT, "none", "Minimum free space on its file system, e.g. 2GiB."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        CheckResult result = check(context);
        return result.passed() ? StepResult.succeeded(result.detail()) : StepResult.failed(result.detail());
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        Parameters p = context.parameters();
        Path path = context.workingDirectory().resolve(p.text("path")).normalize();
        Findings findings = new Findings();
        boolean exists = Files.exists(path);
        if (!p.bool("exists", true)) {
            findings.add(!exists, exists ? "exists, but must be absent" : "absent");
        } else if (!exists) {
            findings.add(false, "does not exist");
        } else {
            checkKind(path, p.text("kind", "any"), findings);
            Optional<String> reader = p.optionalText("readable-by");
            if (reader.isPresent()) checkAccess(path, reader.get(), UserAccess.Access.READ, context, findings);
            Optional<String> writer = p.optionalText("writable-by");
            if (writer.isPresent()) checkAccess(path, writer.get(), UserAccess.Access.WRITE, context, findings);
        }
        Optional<String> freeSpace = p.optionalText("free-space");
        if (freeSpace.isPresent()) checkFreeSpace(path, freeSpace.get(), findings);
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
        List<String> what = new ArrayList<>();
        boolean exists = parameters.bool("exists", true);
        what.add(exists ? "exists" : "is absent");
        String kind = parameters.text("kind", "any");
        if (exists && !kind.equals("any")) what.add("is a " + kind);
        parameters.optionalText("readable-by").filter(u -> exists).ifPresent(u -> what.add("readable by " + u));
        parameters.optionalText("writable-by").filter(u -> exists).ifPresent(u -> what.add("writable by " + u));
        parameters.optionalText("free-space").ifPresent(s -> what.add(s + " free"));
        return "file.assert: " + parameters.text("path", "(no path)") + " " + String.join(", ", what);
    }
}
