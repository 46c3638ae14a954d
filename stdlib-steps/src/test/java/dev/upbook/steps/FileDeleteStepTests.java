package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeleteStepTests {
    private final FileDeleteStep delete = new FileDeleteStep();

    @TempDir
    Path dir;

    @Test
    void deletesAFileAndThenIsAlreadyAbsent() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        FakeContext context = new FakeContext(dir).with("path", "a.txt");
        assertEquals(StepResult.succeeded("deleted 1 of 1 paths", "deleted " + file, Map.of("deleted", 1L, "absent", 0L)), delete.run(context));
        assertFalse(Files.exists(file));
        assertEquals("already absent: " + file, delete.run(context).message());
    }

    @Test
    void aNonEmptyDirectoryNeedsRecursive() throws Exception {
        Path setup = Files.createDirectories(dir.resolve("www/setup/inc"));
        Files.writeString(setup.resolve("install.php"), "x");
        StepResult refused = delete.run(new FakeContext(dir).with("path", "www/setup"));
        assertEquals(StepResult.Status.FAILED, refused.status());
        assertTrue(refused.message().endsWith("set recursive: true to delete its content"), refused.message());
        assertTrue(delete.run(new FakeContext(dir).with("path", "www/setup").with("recursive", true)).succeeded());
        assertFalse(Files.exists(dir.resolve("www/setup")));
        assertTrue(Files.isDirectory(dir.resolve("www")));
    }

    @Test
    void linksAreDeletedNeverWhatTheyPointTo() throws Exception {
        Path keep = Files.createDirectories(dir.resolve("data"));
        Files.writeString(keep.resolve("precious.txt"), "keep me");
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.createSymbolicLink(app.resolve("data"), keep);
        Files.createSymbolicLink(dir.resolve("top-link"), keep);
        assertTrue(delete.run(new FakeContext(dir).with("path", List.of("app", "top-link", "never-there")).with("recursive", true)).succeeded());
        assertFalse(Files.exists(app, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("top-link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(keep.resolve("precious.txt")));
    }

    @Test
    void severalPathsReportWhatWasAlreadyAbsent() throws Exception {
        Files.writeString(dir.resolve("a"), "a");
        StepResult result = delete.run(new FakeContext(dir).with("path", List.of("a", "b")));
        assertEquals("deleted 1 of 2 paths (1 already absent)", result.message());
    }
}
