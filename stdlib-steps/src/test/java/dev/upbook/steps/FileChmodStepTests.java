package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChmodStepTests {
    private final FileChmodStep chmod = new FileChmodStep();

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Path file(Path path, String mode) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    @Test
    void anOctalModeIsSetAndASecondRunIsAlreadyUpToDate() throws Exception {
        Path config = file(dir.resolve("ost-config.php"), "rw-rw-rw-");
        FakeContext context = new FakeContext(dir).with("path", "ost-config.php").with("mode", "0640");
        assertEquals(StepResult.succeeded("mode 0640 set on 1 paths (0 already had it)", "", Map.of("changed", 1L, "unchanged", 0L)),
                chmod.run(context));
        assertEquals("rw-r-----", mode(config));
        assertEquals("already up to date: 1 paths have mode 0640", chmod.run(context).message());
    }

    @Test
    void symbolicCapitalXRecursivelyGivesExecuteToDirectoriesAndExecutablesOnly() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www/include"));
        Files.setPosixFilePermissions(www, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir.resolve("www"), PosixFilePermissions.fromString("rwx------"));
        Path page = file(dir.resolve("www/include/page.php"), "rw-------");
        Path script = file(dir.resolve("www/cron.sh"), "rwx------");
        StepResult result = chmod.run(new FakeContext(dir).with("path", "www").with("mode", "ug+rwX,o-rwx").with("recursive", true));
        assertTrue(result.succeeded(), result.message());
        assertEquals("rwxrwx---", mode(dir.resolve("www")));
        assertEquals("rwxrwx---", mode(www));
        assertEquals("rw-rw----", mode(page));
        assertEquals("rwxrwx---", mode(script));
    }

    @Test
    void equalsAndMinusClauses() throws Exception {
        Path f = file(dir.resolve("f"), "rwxrwxrwx");
        chmod.run(new FakeContext(dir).with("path", "f").with("mode", "u=rw,go=r"));
        assertEquals("rw-r--r--", mode(f));
        chmod.run(new FakeContext(dir).with("path", "f").with("mode", "a-r"));
        assertEquals("-w-------", mode(f));
        chmod.run(new FakeContext(dir).with("path", "f").with("mode", "+x"));
        assertEquals("-wx--x--x", mode(f));
    }

    @Test
    void aModeThatARerunWouldApplyAgainIsRefusedBeforeAnythingChanges() throws Exception {
        Path f = file(dir.resolve("f"), "rw-------");
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                () -> chmod.run(new FakeContext(dir).with("path", "f").with("mode", "a+rX,u+x")));
        assertEquals("parameter 'mode' is 'a+rX,u+x', which a rerun would apply again: a file with mode 0000 gets 0544,"
                + " then 0555 on a rerun (X tests execute bits that a later clause changes); move the clauses with X to the end,"
                + " or use an octal mode", e.getMessage());
        assertEquals("rw-------", mode(f));
        assertTrue(chmod.run(new FakeContext(dir).with("path", "f").with("mode", "u+x,a+rX")).succeeded());
        assertEquals("rwxr-xr-x", mode(f));
    }

    @Test
    void linksFoundWhileRecursingAreNotFollowed() throws Exception {
        Path outside = file(dir.resolve("outside/secret"), "rw-------");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("escape"), outside);
        Files.createSymbolicLink(tree.resolve("escape-dir"), outside.getParent());
        chmod.run(new FakeContext(dir).with("path", "tree").with("mode", "0777").with("recursive", true));
        assertEquals("rw-------", mode(outside));
        assertEquals("rwxrwxrwx", mode(tree));
    }

    @Test
    void badModesAndMissingPathsFail() throws Exception {
        file(dir.resolve("f"), "rw-------");
        for (String bad : new String[] {"4755", "u+s", "rwx", "999", "u+rw;"}) {
            Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                    () -> chmod.run(new FakeContext(dir).with("path", "f").with("mode", bad)), bad);
            assertEquals("mode", e.parameter());
        }
        assertEquals(StepResult.failed(dir.resolve("nope") + " does not exist"),
                chmod.run(new FakeContext(dir).with("path", "nope").with("mode", "0644")));
    }
}
