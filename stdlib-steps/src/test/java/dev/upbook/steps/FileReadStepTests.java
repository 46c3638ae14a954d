package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file.read} on real files: whole content, a pattern's group, equals, limits and non-text. */
class FileReadStepTests {
    private final FileReadStep step = new FileReadStep();

    @TempDir
    Path dir;

    @Test
    void readsTheWholeFileTrimmed() throws Exception {
        Files.writeString(dir.resolve("core.sig"), "f1ccd3bb620e314b0ae1dbd0a1a99177\n");
        StepResult r = step.run(new FakeContext(dir).with("path", "core.sig"));
        assertEquals(StepResult.Status.SUCCEEDED, r.status(), r.message());
        assertEquals("f1ccd3bb620e314b0ae1dbd0a1a99177", r.value());
        assertTrue(r.message().startsWith("read 'f1ccd3bb620e314b0ae1dbd0a1a99177' from " + dir.resolve("core.sig")), r.message());
    }

    @Test
    void aPatternPicksItsFirstGroupOfTheFirstMatch() throws Exception {
        Files.writeString(dir.resolve("ost-config.php"), "<?php\ndefine('SECRET_SALT','abc');\ndefine('ADMIN_EMAIL','a@b.c');\n");
        StepResult r = step.run(new FakeContext(dir).with("path", "ost-config.php").with("pattern", "define\\('ADMIN_EMAIL', *'([^']*)'"));
        assertEquals("a@b.c", r.value(), r.message());
        StepResult whole = step.run(new FakeContext(dir).with("path", "ost-config.php").with("pattern", "^define.*SALT.*$"));
        assertEquals("define('SECRET_SALT','abc');", whole.value(), "without a group, the whole match (multi-line mode)");
        StepResult none = step.run(new FakeContext(dir).with("path", "ost-config.php").with("pattern", "NOPE(x)"));
        assertEquals(StepResult.Status.FAILED, none.status());
        assertEquals("no match of /NOPE(x)/ in " + dir.resolve("ost-config.php"), none.message());
    }

    @Test
    void asACheckItComparesWithEquals() throws Exception {
        Files.writeString(dir.resolve("VERSION"), "1.2.0\n");
        CheckResult ok = step.check(new FakeContext(dir).with("path", "VERSION").with("equals", " 1.2.0 "));
        assertTrue(ok.passed(), ok.detail());
        CheckResult wrong = step.check(new FakeContext(dir).with("path", "VERSION").with("equals", "1.3.0"));
        assertFalse(wrong.passed());
        assertTrue(wrong.detail().endsWith(", expected '1.3.0'"), wrong.detail());
        StepResult asStep = step.run(new FakeContext(dir).with("path", "VERSION").with("equals", "1.3.0"));
        assertEquals(StepResult.Status.FAILED, asStep.status());
    }

    @Test
    void missingLargeAndBinaryFilesFailWithTheReason() throws Exception {
        assertEquals(dir.resolve("absent") + " does not exist", step.run(new FakeContext(dir).with("path", "absent")).message());
        Files.write(dir.resolve("big"), new byte[2048]);
        assertEquals(dir.resolve("big") + " is larger than max-size 1KiB",
                step.run(new FakeContext(dir).with("path", "big").with("max-size", "1KiB")).message());
        Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        assertEquals(dir.resolve("bin") + " is not UTF-8 text", step.run(new FakeContext(dir).with("path", "bin")).message());
        assertEquals("pattern is not a regular expression: Unclosed group",
                step.run(new FakeContext(dir).with("path", "big").with("pattern", "(")).message());
    }

    @Test
    void aSecretInTheFileIsMaskedInTheMessage() throws Exception {
        Files.writeString(dir.resolve("token"), "s3cr3t-token\n", StandardCharsets.UTF_8);
        FakeContext context = new FakeContext(dir).with("path", "token").secret("s3cr3t-token");
        StepResult r = step.run(context);
        assertFalse(r.message().contains("s3cr3t-token"), r.message());
    }

    @Test
    void aDigestStandsForTheContentSoASecretNeverLeavesTheFile() throws Exception {
        Files.writeString(dir.resolve(".env"), "APP_KEY=base64:c2VjcmV0\nAPP_URL=https://ixp.example\n");
        StepResult r = step.run(new FakeContext(dir).with("path", ".env").with("digest", "sha256"));
        assertEquals(StepResult.Status.SUCCEEDED, r.status(), r.message());
        String value = (String) r.value();
        assertTrue(value.matches("sha256:[0-9a-f]{64}"), value);
        assertFalse(r.message().contains("APP_KEY") || value.contains("c2VjcmV0"), r.message());
        Files.writeString(dir.resolve(".env"), "APP_KEY=base64:c2VjcmV0\nAPP_URL=https://other.example\n");
        StepResult changed = step.run(new FakeContext(dir).with("path", ".env").with("digest", "sha256"));
        assertFalse(value.equals(changed.value()), "a changed file has another digest");
        assertEquals("give either pattern or digest, not both",
                step.run(new FakeContext(dir).with("path", ".env").with("digest", "sha256").with("pattern", "x")).message());
    }

    @Test
    void describeSaysWhatItWouldRead() {
        assertEquals("file.read: core.sig matching /(\\w+)/, expecting 'x'", step.describe(
                new dev.upbook.spec.spi.Parameters(java.util.Map.of("path", "core.sig", "pattern", "(\\w+)", "equals", "x"))));
    }
}
