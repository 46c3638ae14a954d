package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionStepTests {
    private final VersionStep version = new VersionStep();

    @TempDir
    Path dir;

    private FakeContext command(String script, String pattern) {
        return new FakeContext(dir).with("command", List.of("sh", "-c", script)).with("pattern", pattern);
    }

    @Test
    void runsAsStepAndCheck() {
        assertTrue(version.canRun(Use.STEP));
        assertTrue(version.canRun(Use.CHECK));
    }

    @Test
    void theFirstGroupOfTheCommandOutputIsTheVersion() throws Exception {
        StepResult result = version.run(command("echo 'Laravel Framework 10.48.2'", "Laravel Framework (\\S+)"));
        assertEquals(StepResult.succeeded("version 10.48.2", "", "10.48.2"), result);
    }

    @Test
    void versionsPrintedOnStderrAreFound() throws Exception {
        assertEquals("17.0.15", version.run(command("echo 'openjdk version \"17.0.15\"' >&2", "version \"([^\"]+)\"")).value());
    }

    @Test
    void aCommandThatFailsIsNotADetection() throws Exception {
        StepResult result = version.run(command("echo 'Could not open input file: artisan' >&2; exit 1", "(\\d+\\.\\d+)"));
        assertEquals(StepResult.failed("command sh -c 'echo '\\''Could not open input file: artisan'\\'' >&2; exit 1' exited 1:"
                + " Could not open input file: artisan"), result);
    }

    @Test
    void theVersionCanComeFromAFile() throws Exception {
        Files.writeString(dir.resolve("VERSION"), "6.1.0\n");
        FakeContext context = new FakeContext(dir).with("file", "VERSION").with("pattern", "^(\\d+\\.\\d+\\.\\d+)");
        assertEquals("6.1.0", version.run(context).value());
    }

    @Test
    void noMatchNamesThePatternAndShowsTheStartOfTheText() throws Exception {
        Files.writeString(dir.resolve("VERSION"), "x".repeat(300));
        FakeContext context = new FakeContext(dir).with("file", "VERSION").with("pattern", "v(\\d+)");
        StepResult result = version.run(context);
        assertEquals(StepResult.failed("pattern 'v(\\d+)' does not match: " + "x".repeat(200) + "…"), result);
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        StepResult result = version.run(new FakeContext(dir).with("file", "VERSION").with("pattern", "(.*)"));
        assertEquals(StepResult.failed("file " + dir.resolve("VERSION") + " does not exist"), result);
    }

    @Test
    void anInvalidPatternIsNamed() throws Exception {
        StepResult result = version.run(command("echo 1", "(\\d+"));
        assertEquals(StepResult.failed("pattern '(\\d+' is not a regular expression: Unclosed group"), result);
    }

    @Test
    void asACheckWithEqualsTheVersionMustMatchExactly() throws Exception {
        CheckResult same = version.check(command("echo 'v6.1.0'", "v(\\S+)").with("equals", " 6.1.0 "));
        assertEquals(new CheckResult(true, "found 6.1.0, expected 6.1.0", "6.1.0"), same);
        CheckResult other = version.check(command("echo 'v6.0.2'", "v(\\S+)").with("equals", "6.1.0"));
        assertEquals(new CheckResult(false, "found 6.0.2, expected 6.1.0", "6.0.2"), other);
    }

    @Test
    void asACheckWithoutEqualsItPassesWhenAVersionIsFound() throws Exception {
        assertEquals(new CheckResult(true, "found 2.4", "2.4"), version.check(command("echo 2.4", "(\\d+\\.\\d+)")));
        assertFalse(version.check(command("echo none", "(\\d+\\.\\d+)")).passed());
    }

    @Test
    void aMissingProgramIsNamed() throws Exception {
        FakeContext context = new FakeContext(dir).with("command", List.of("no-such-program-upbook", "--version")).with("pattern", "(.*)");
        assertEquals(StepResult.failed("program 'no-such-program-upbook' not found"), version.run(context));
    }

    @Test
    void describeNamesTheSourceAndThePattern() {
        assertEquals("version: run php artisan --version, match /Laravel Framework (\\S+)/, expect 10.48.2",
                version.describe(new Parameters(Map.of("command", List.of("php", "artisan", "--version"),
                        "pattern", "Laravel Framework (\\S+)", "equals", "10.48.2"))));
        assertEquals("version: read VERSION, match /(.*)/", version.describe(new Parameters(Map.of("file", "VERSION", "pattern", "(.*)"))));
    }
}
