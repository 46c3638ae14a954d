package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMoveStepTests {
    private final FileMoveStep move = new FileMoveStep();

    @TempDir
    Path dir;

    @Test
    void movesADirectoryAndARerunIsAlreadyMoved() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("www/osticket/include")).resolve("a.php"), "a");
        FakeContext context = new FakeContext(dir).with("source", "www/osticket").with("to", "old/osticket-1.17");
        StepResult result = move.run(context);
        assertEquals(StepResult.succeeded("moved " + dir.resolve("www/osticket") + " to " + dir.resolve("old/osticket-1.17"), "",
                Map.of("moved", true, "to", dir.resolve("old/osticket-1.17").toString())), result);
        assertEquals("a", Files.readString(dir.resolve("old/osticket-1.17/include/a.php")));
        assertFalse(Files.exists(dir.resolve("www/osticket")));
        StepResult again = move.run(context);
        assertTrue(again.message().startsWith("already moved: "), again.message());
        assertEquals(false, ((Map<?, ?>) again.value()).get("moved"));
    }

    @Test
    void anExistingTargetNeedsOverwrite() throws Exception {
        Files.writeString(dir.resolve("new.conf"), "new");
        Files.writeString(dir.resolve("app.conf"), "old");
        FakeContext context = new FakeContext(dir).with("source", "new.conf").with("to", "app.conf");
        StepResult refused = move.run(context);
        assertEquals(StepResult.Status.FAILED, refused.status());
        assertTrue(refused.message().contains("set overwrite: true"), refused.message());
        assertEquals("old", Files.readString(dir.resolve("app.conf")));
        assertTrue(move.run(context.with("overwrite", true)).succeeded());
        assertEquals("new", Files.readString(dir.resolve("app.conf")));
        assertFalse(Files.exists(dir.resolve("new.conf")));
    }

    @Test
    void aMissingSourceFailsUnlessMissingOk() throws Exception {
        FakeContext context = new FakeContext(dir).with("source", "nope").with("to", "there");
        assertEquals(StepResult.Status.FAILED, move.run(context).status());
        assertTrue(move.run(context.with("missing-ok", true)).succeeded());
    }

    @Test
    void aDirectoryCannotMoveIntoItself() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        StepResult result = move.run(new FakeContext(dir).with("source", "a").with("to", "a/b"));
        assertTrue(result.message().contains("into itself"), result.message());
    }

    @Test
    void aLinkIsMovedAsALink() throws Exception {
        Files.writeString(dir.resolve("target.txt"), "t");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
        assertTrue(move.run(new FakeContext(dir).with("source", "link").with("to", "renamed")).succeeded());
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(dir.resolve("renamed")));
    }
}
