package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriteStepTests {
    private final FileWriteStep write = new FileWriteStep();

    @TempDir
    Path dir;

    private FakeContext write(String path, String content) {
        return new FakeContext(dir).with("path", path).with("content", content);
    }

    private String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void writesTheContentWithTheDefaultModeCreatingParentDirectories() throws Exception {
        StepResult result = write.run(write("public/maintenance/index.html", "<h1>Back soon</h1>\n"));
        Path file = dir.resolve("public/maintenance/index.html");
        assertEquals(StepResult.succeeded("wrote 19 bytes to " + file + " (mode 0644)"), result);
        assertEquals("<h1>Back soon</h1>\n", Files.readString(file));
        assertEquals("rw-r--r--", mode(file));
    }

    @Test
    void theModeIsSetExactlyRegardlessOfTheUmask() throws Exception {
        write.run(write("secret.env", "KEY=1").with("mode", "0600"));
        assertEquals("rw-------", mode(dir.resolve("secret.env")));
        write.run(write("script.sh", "#!/bin/sh").with("mode", "755"));
        assertEquals("rwxr-xr-x", mode(dir.resolve("script.sh")));
    }

    @Test
    void replacingLeavesNoTemporaryFileBehind() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old");
        write.run(write("a.txt", "new"));
        assertEquals("new", Files.readString(dir.resolve("a.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("a.txt")), files.toList());
        }
    }

    @Test
    void theSameContentAndModeAreNotRewritten() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "same");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, past);
        Object inode = Files.getAttribute(file, "unix:ino");
        assertEquals(StepResult.succeeded("already up to date"), write.run(write("a.txt", "same")));
        assertEquals(past, Files.getLastModifiedTime(file));
        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
    }

    @Test
    void theSameContentWithAnotherModeOnlyGetsTheMode() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "same");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Object inode = Files.getAttribute(file, "unix:ino");
        StepResult result = write.run(write("a.txt", "same").with("mode", "0640"));
        assertEquals(StepResult.succeeded("content already up to date; mode set to 0640"), result);
        assertEquals("rw-r-----", mode(file));
        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
    }

    @Test
    void newContentReplacesTheFileAtomicallyByRename() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "old");
        Object inode = Files.getAttribute(file, "unix:ino");
        write.run(write("a.txt", "new"));
        assertTrue(!inode.equals(Files.getAttribute(file, "unix:ino")), "a new file was renamed over the old one");
    }

    @Test
    void aSymbolicLinkIsFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("real.conf"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), target.getFileName());
        write.run(write("link.conf", "new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aDirectoryIsNotReplaced() throws Exception {
        Files.createDirectory(dir.resolve("public"));
        assertEquals(StepResult.failed(dir.resolve("public") + " is a directory"), write.run(write("public", "x")));
    }

    @Test
    void specialBitsAndNonOctalModesAreRefused() {
        for (String mode : List.of("4755", "rw-r--r--", "0988")) {
            Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                    () -> write.run(write("a", "x").with("mode", mode)));
            assertTrue(e.getMessage().startsWith("parameter 'mode' must be octal permissions such as 0644"), e.getMessage());
        }
    }

    @Test
    void describeSaysWhatWouldBeWritten() {
        assertEquals("file.write: public/index.html (5 bytes, mode 0644)",
                write.describe(new Parameters(Map.of("path", "public/index.html", "content", "hello"))));
    }
}
