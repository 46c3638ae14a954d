package dev.upbook.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, user-facing descriptions of I/O failures (the JDK's messages are often just a path). */
final class IoMessages {
    private IoMessages() {}

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof NotDirectoryException n) return "not a directory: " + n.getFile();
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getReason() == null ? "cannot access " + f.getFile() : f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
