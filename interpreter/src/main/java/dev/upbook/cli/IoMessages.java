package dev.upbook.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Short, user-facing descriptions of I/O failures, as {@code reason: path} (the JDK's messages
 * are often just a path, or the path then the reason).
 */
final class IoMessages {
    private IoMessages() {}

    static String describe(IOException e) {
        return describe(e, new Path[0]);
    }

    /**
     * The failure without its path when that path is one of {@code named}: the caller's message
     * names it already ({@code cannot write out.sarif: is a directory}).
     */
    static String describe(IOException e, Path... named) {
        if (!(e instanceof FileSystemException f) || f.getFile() == null) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String reason = reason(f);
        return isOneOf(f.getFile(), named) ? reason : reason + ": " + f.getFile();
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        return e.getReason() == null ? "cannot access" : Messages.lowerFirst(e.getReason());
    }

    private static boolean isOneOf(String file, Path... paths) {
        Path failed = Path.of(file).toAbsolutePath().normalize();
        for (Path p : paths) {
            if (p.toAbsolutePath().normalize().equals(failed)) return true;
        }
        return false;
    }
}
