package dev.upbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Where a command's main output goes: the command line's {@code out}, or a file (UTF-8). */
final class Output {

    /** Writes one document. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private Output() {}

    /**
     * Writes {@code content} to {@code file}, creating its parent directories, or to {@code out}
     * when {@code file} is null. The file is replaced whole or not at all: a reader never sees a
     * half-written report, and a failure leaves the previous one in place. A file that cannot be
     * written is a {@link ExitCode#IO_ERROR}.
     */
    static void write(Path file, PrintWriter out, Content content) {
        if (file == null) {
            writeTo(out, content);
            return;
        }
        Path target = followLink(file.toAbsolutePath());
        Path temp = tempBeside(target);
        try {
            replace(target, temp, content);
        } catch (IOException e) {
            throw new CommandException(ExitCode.IO_ERROR,
                    "cannot write " + file + ": " + IoMessages.describe(e, target, temp), e);
        }
    }

    private static void writeTo(PrintWriter out, Content content) {
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new CommandException(ExitCode.IO_ERROR, "cannot write the output: " + IoMessages.describe(e), e);
        }
        out.flush();
    }

    /** A link is followed, so that the rename replaces the file it points to rather than the link. */
    private static Path followLink(Path path) {
        try {
            return Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path; // a dangling link: replace the link itself
        }
    }

    /** A hidden name in the target's directory, so that the rename cannot cross file systems. */
    private static Path tempBeside(Path target) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return target.resolveSibling("." + target.getFileName() + "." + random + ".tmp");
    }

    /** Writes {@code temp}, then renames it over the target; the temporary file never outlives a failure. */
    private static void replace(Path target, Path temp, Content content) throws IOException {
        if (Files.isDirectory(target)) throw new FileSystemException(target.toString(), null, "is a directory");
        createDirectories(target.getParent());
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(writer);
            }
            move(temp, target);
        } catch (Throwable failure) {
            deleteAfter(failure, temp);
            throw failure;
        }
    }

    /** A file where a directory should be is reported as such, not as "already exists". */
    private static void createDirectories(Path directory) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new NotDirectoryException(e.getFile());
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteAfter(Throwable failure, Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
