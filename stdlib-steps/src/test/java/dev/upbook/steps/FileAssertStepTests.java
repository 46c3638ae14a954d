package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAssertStepTests {
    private final FileAssertStep fileAssert = new FileAssertStep();

    @TempDir
    Path dir;

    private FakeContext path(String path) {
        return new FakeContext(dir).with("path", path);
    }

    @Test
    void runsAsStepAndCheck() {
        assertTrue(fileAssert.canRun(Use.STEP));
        assertTrue(fileAssert.canRun(Use.CHECK));
    }

    @Test
    void anExistingFileIsFoundRelativeToTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("config.php"), "<?php");
        CheckResult result = fileAssert.check(path("config.php").with("kind", "file"));
        assertEquals(new CheckResult(true, dir.resolve("config.php") + ": a file", null), result);
    }

    @Test
    void aMissingPathFails() throws Exception {
        StepResult result = fileAssert.run(path("config.php"));
        assertEquals(StepResult.failed(dir.resolve("config.php") + ": does not exist"), result);
    }

    @Test
    void existsFalseNeedsThePathAbsent() throws Exception {
        assertTrue(fileAssert.check(path("install.lock").with("exists", false)).passed());
        Files.createFile(dir.resolve("install.lock"));
        CheckResult present = fileAssert.check(path("install.lock").with("exists", false));
        assertEquals(new CheckResult(false, dir.resolve("install.lock") + ": exists, but must be absent", null), present);
    }

    @Test
    void theKindMustMatch() throws Exception {
        Files.createDirectory(dir.resolve("storage"));
        CheckResult result = fileAssert.check(path("storage").with("kind", "file"));
        assertEquals(new CheckResult(false, dir.resolve("storage") + ": a directory, expected a file", null), result);
        assertTrue(fileAssert.check(path("storage").with("kind", "directory")).passed());
        assertTrue(fileAssert.check(path("storage").with("kind", "any")).passed());
    }

    @Test
    void readableAndWritableByTheCurrentUserAskTheKernel() throws Exception {
        Files.writeString(dir.resolve("a"), "");
        String me = System.getProperty("user.name");
        CheckResult result = fileAssert.check(path("a").with("readable-by", me).with("writable-by", me));
        assertEquals(new CheckResult(true, dir.resolve("a") + ": a file, readable by " + me + ", writable by " + me, null), result);
    }

    @Test
    void anotherUsersAccessFollowsThePermissionBitsAndTheDirectoriesAbove() throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CheckResult closedDirectory = fileAssert.check(path("a").with("readable-by", "nobody"));
        assertEquals(new CheckResult(false, file + ": a file, not readable by nobody: no search (x) permission on "
                + dir.toRealPath(), null), closedDirectory);

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        assertTrue(fileAssert.check(path("a").with("readable-by", "nobody")).passed());
        CheckResult notWritable = fileAssert.check(path("a").with("writable-by", "nobody"));
        assertFalse(notWritable.passed());
        assertTrue(notWritable.detail().endsWith(": a file, not writable by nobody: no write permission on " + file.toRealPath()
                + " (owner " + Files.getOwner(file).getName() + ", group "
                + Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group().getName()
                + ", mode 0644)"), notWritable.detail());
    }

    @Test
    void anUnknownUserIsNamed() throws Exception {
        Files.writeString(dir.resolve("a"), "");
        CheckResult result = fileAssert.check(path("a").with("readable-by", "no-such-user-upbook"));
        assertEquals(new CheckResult(false, dir.resolve("a") + ": a file, user 'no-such-user-upbook' does not exist", null), result);
    }

    @Test
    void freeSpaceIsMeasuredOnTheNearestExistingAncestor() throws Exception {
        CheckResult enough = fileAssert.check(path("not/yet/created").with("exists", false).with("free-space", "1KiB"));
        assertTrue(enough.passed(), enough.detail());
        assertTrue(enough.detail().startsWith(dir.resolve("not/yet/created") + ": absent, "), enough.detail());
        assertTrue(enough.detail().endsWith(" free on the file system of " + dir + " (needs 1.0 KiB)"), enough.detail());

        CheckResult tooMuch = fileAssert.check(path(".").with("free-space", "1000000TiB"));
        assertFalse(tooMuch.passed());
        assertTrue(tooMuch.detail().contains(": a directory, only "), tooMuch.detail());
    }

    @Test
    void aFreeSpaceThatIsNotASizeIsAParameterError() {
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                () -> fileAssert.check(path(".").with("free-space", "lots")));
        assertEquals("parameter 'free-space' must be a size such as 2GiB, 500MB or 4096 (bytes), not 'lots'", e.getMessage());
    }

    @Test
    void describeListsTheCriteria() {
        assertEquals("file.assert: storage exists, is a directory, writable by www-data, 2GiB free", fileAssert.describe(new Parameters(
                Map.of("path", "storage", "kind", "directory", "writable-by", "www-data", "free-space", "2GiB"))));
    }
}
