package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ByteSizes;
import dev.upbook.steps.internal.FileTrees;
import dev.upbook.steps.internal.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Step type {@code file.read}: reads a text file, or the part of it a regular expression picks.
 *
 * <p>For values a later step or the review compares against, such as the schema signature an
 * osTicket release expects ({@code include/upgrader/streams/core.sig}) or a key of a PHP config
 * file, without running {@code cat} or {@code grep}. The file must be UTF-8 text of at most
 * {@code max-size} bytes. Without {@code pattern} the value is the whole content with surrounding
 * white space trimmed; with it, the pattern's first group (the whole match when it has no group)
 * of the first match, trimmed. With {@code digest: sha256} the value is instead the SHA-256 of the
 * file's bytes (lower-case hex), so that a file holding secrets (a {@code .env} with an app key, a
 * config with a password) can be captured and compared without its content reaching the journal.
 * As a check it passes when the file can be read, the pattern (if any) matches and the value equals
 * {@code equals} (if given).
 */
@StepDefinition(name = "file.read", uses = {Use.STEP, Use.CHECK},
        summary = "Reads a text file, or the part a regular expression picks, for later steps and the review.",
        idempotency = "Read-only; always safe to repeat.",
        idempotent = true,
        registers = "The value read, a string (also the check's value).")
public final class FileReadStep extends DeclaredStepType {
    private static final int SHOWN_CHARS = 120;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The file to read.", example = "\"/var/www/helpdesk/include/upgrader/streams/core.sig\"") String path,
            @Param("A regular expression; its first group (or the whole match) is the value.") Optional<String> pattern,
            @Param("As a check: the value that must be read.") Optional<String> equals,
            @Param(value = "Largest file read, e.g. 64KiB or 1MiB.", defaultValue = "1MiB") String maxSize,
            @Param(value = "Instead of the content, its digest (sha256: hex), to compare a file without storing it.",
                    oneOf = {"sha256"}) Optional<String> digest) {}

    public FileReadStep() {
        super(FileReadStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) {
        Read read = read(context);
        if (read.problem != null) return StepResult.failed(context.mask(read.problem));
        With p = FileReadStepBinding.bind(context.parameters());
        if (p.equals().isPresent() && !p.equals().get().strip().equals(read.value)) {
            return StepResult.failed(context.mask(read.describe() + ", expected '" + p.equals().get().strip() + "'"));
        }
        return StepResult.succeeded(context.mask(read.describe()), "", read.value);
    }

    @Override
    public CheckResult check(StepContext context) {
        Read read = read(context);
        if (read.problem != null) return CheckResult.fail(context.mask(read.problem));
        Optional<String> expected = FileReadStepBinding.bind(context.parameters()).equals().map(String::strip);
        if (expected.isPresent() && !expected.get().equals(read.value)) {
            return CheckResult.fail(context.mask(read.describe() + ", expected '" + expected.get() + "'"), read.value);
        }
        return CheckResult.pass(context.mask(read.describe()), read.value);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileReadStepBinding.bind(parameters);
        return "file.read: " + p.digest().map(d -> d + " of ").orElse("") + p.path() + p.pattern().map(r -> " matching /" + r + "/").orElse("")
                + p.equals().map(e -> ", expecting '" + e + "'").orElse("");
    }

    /** The value read, or the problem. */
    private static final class Read {
        final Path file;
        final String value;
        final String problem;

        Read(Path file, String value, String problem) {
            this.file = file;
            this.value = value;
            this.problem = problem;
        }

        String describe() {
            return "read '" + Texts.oneLine(value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…") + "' from " + file;
        }
    }

    private static String sha256(byte[] bytes) {
        java.security.MessageDigest digest = FileTrees.sha256();
        digest.update(bytes);
        return FileTrees.hex(digest);
    }

    private static Read read(StepContext context) {
        With p = FileReadStepBinding.bind(context.parameters());
        Path file = context.workingDirectory().resolve(p.path()).toAbsolutePath().normalize();
        Optional<Long> parsed = ByteSizes.parse(p.maxSize());
        if (parsed.isEmpty()) return new Read(file, null, "max-size '" + p.maxSize() + "' is not a size such as 64KiB or 1MiB");
        long cap = parsed.get();
        Pattern pattern = null;
        if (p.pattern().isPresent()) {
            try {
                pattern = Pattern.compile(p.pattern().get(), Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                return new Read(file, null, "pattern is not a regular expression: " + e.getDescription());
            }
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) return new Read(file, null, file + " is larger than max-size " + p.maxSize());
            if (p.digest().isPresent()) {
                if (pattern != null) return new Read(file, null, "give either pattern or digest, not both");
                return new Read(file, "sha256:" + sha256(bytes), null);
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return new Read(file, null, file + " does not exist");
        } catch (CharacterCodingException e) {
            return new Read(file, null, file + " is not UTF-8 text");
        } catch (IOException e) {
            return new Read(file, null, "cannot read " + file + ": " + e.getMessage());
        }
        if (pattern == null) return new Read(file, text.strip(), null);
        Matcher m = pattern.matcher(text);
        if (!m.find()) return new Read(file, null, "no match of /" + pattern.pattern() + "/ in " + file);
        String value = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
        return new Read(file, value.strip(), null);
    }
}
