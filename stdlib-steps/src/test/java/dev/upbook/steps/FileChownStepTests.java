package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.upbook.spec.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing owners needs root: those tests run as root only (as on CI here) and hand files to {@code daemon}. */
class FileChownStepTests {
    private final FileChownStep chown = new FileChownStep();
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path dir;

    private static String owner(Path path) throws IOException {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.owner().getName() + ":" + a.group().getName();
    }

    private static void assumeRoot() {
        assumeTrue(ME.equals("root"), "changing owners needs root");
    }

    @Test
    void recursiveChownToDaemonThenAlreadyUpToDate() throws Exception {
        assumeRoot();
        Path www = Files.createDirectories(dir.resolve("www/include"));
        Files.writeString(www.resolve("a.php"), "a");
        FakeContext context = new FakeContext(dir).with("path", "www").with("owner", "daemon").with("recursive", true);
        StepResult result = chown.run(context);
        assertEquals(StepResult.succeeded("owner daemon:daemon set on 3 paths (0 already had it)", "", Map.of("changed", 3L, "unchanged", 0L)), result);
        assertEquals("daemon:daemon", owner(www.resolve("a.php")));
        assertEquals("daemon:daemon", owner(dir.resolve("www")));
        assertEquals("already up to date: 3 paths owned by daemon:daemon", chown.run(context).message());
    }

    @Test
    void anExplicitGroupAndNonRecursiveTouchOnlyThePath() throws Exception {
        assumeRoot();
        Path www = Files.createDirectories(dir.resolve("www"));
        Path inner = Files.writeString(www.resolve("a.php"), "a");
        String before = owner(inner);
        assertTrue(chown.run(new FakeContext(dir).with("path", "www").with("owner", "daemon").with("group", "nogroup")).succeeded());
        assertEquals("daemon:nogroup", owner(www));
        assertEquals(before, owner(inner));
    }

    @Test
    void linksInsideTheTreeAreChangedThemselvesNeverTheirTargets() throws Exception {
        assumeRoot();
        Path outside = Files.writeString(dir.resolve("outside.txt"), "secret");
        String before = owner(outside);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("escape"), outside);
        assertTrue(chown.run(new FakeContext(dir).with("path", "tree").with("owner", "daemon").with("recursive", true)).succeeded());
        assertEquals("daemon:daemon", owner(tree.resolve("escape")));
        assertEquals(before, owner(outside));
    }

    @Test
    void theCurrentOwnerIsAlreadyUpToDate() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        String group = Files.readAttributes(f, PosixFileAttributes.class).group().getName();
        StepResult result = chown.run(new FakeContext(dir).with("path", "f").with("owner", ME).with("group", group));
        assertEquals("already up to date: 1 paths owned by " + ME + ":" + group, result.message());
    }

    @Test
    void unknownUsersAndGroupsFail() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(StepResult.failed("user 'no-such-user-upbook' does not exist"),
                chown.run(new FakeContext(dir).with("path", "f").with("owner", "no-such-user-upbook")));
        assertEquals(StepResult.failed("group 'no-such-group-upbook' does not exist"),
                chown.run(new FakeContext(dir).with("path", "f").with("owner", ME).with("group", "no-such-group-upbook")));
    }
}
