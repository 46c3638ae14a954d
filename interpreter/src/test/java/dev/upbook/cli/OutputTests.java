package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Output} replaces a file whole or not at all; {@link IoMessages} names a path once. */
class OutputTests {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndRemovesTheTemporaryOne() throws IOException {
        Path report = Files.writeString(dir.resolve("report.sarif"), "previous");
        CommandException e = assertThrows(CommandException.class, () -> Output.write(report, null, out -> {
            out.write("half a rep");
            throw new IOException("No space left on device");
        }));
        assertEquals(ExitCode.IO_ERROR, e.exitCode());
        assertEquals("cannot write " + report + ": No space left on device", e.getMessage());
        assertEquals("previous", Files.readString(report));
        assertEquals(List.of(report), files());
    }

    @Test
    void anErrorWhileWritingAlsoRemovesTheTemporaryFile() throws IOException {
        Path report = dir.resolve("report.sarif");
        assertThrows(StackOverflowError.class, () -> Output.write(report, null, out -> {
            throw new StackOverflowError();
        }));
        assertEquals(List.of(), files());
    }

    @Test
    void writesNewFilesInNewDirectories() throws IOException {
        Path report = dir.resolve("a/b/report.txt");
        Output.write(report, null, out -> out.write("ok\n"));
        assertEquals("ok\n", Files.readString(report));
    }

    @Test
    void aFileInThePlaceOfADirectoryIsNamed() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("reports"), "");
        Path report = notADirectory.resolve("report.sarif");
        CommandException e = assertThrows(CommandException.class, () -> Output.write(report, null, out -> out.write("x")));
        assertEquals("cannot write " + report + ": not a directory: " + notADirectory, e.getMessage());
    }

    @Test
    void aLinkStaysALinkToTheReplacedFile() throws IOException {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        Output.write(link, null, out -> out.write("new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aMessageNamesThePathOnlyWhenTheCallerDoesNot() {
        Path file = dir.resolve("rv");
        FileSystemException isADirectory = new FileSystemException(file.toString(), null, "Is a directory");
        assertEquals("is a directory", IoMessages.describe(isADirectory, file));
        assertEquals("is a directory: " + file, IoMessages.describe(isADirectory));
        AccessDeniedException denied = new AccessDeniedException(dir.toString());
        assertEquals("permission denied: " + dir, IoMessages.describe(denied, file));
    }
}
