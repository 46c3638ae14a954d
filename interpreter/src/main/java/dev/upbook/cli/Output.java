package dev.upbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's main output goes: the command line's {@code out}, or a file (UTF-8). */
final class Output {

    /** Writes one document. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private Output() {}

    /**
     * Writes {@code content} to {@code file}, creating its parent directories, or to {@code out}
     * when {@code file} is null. A file that cannot be written is a {@link ExitCode#IO_ERROR}.
     */
    static void write(Path file, PrintWriter out, Content content) {
        if (file == null) {
            try {
                content.writeTo(out);
            } catch (IOException e) {
                throw new CommandException(ExitCode.IO_ERROR, "cannot write the output: " + IoMessages.describe(e), e);
            }
            out.flush();
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
        } catch (IOException e) {
            throw new CommandException(ExitCode.IO_ERROR, "cannot write " + file + ": " + IoMessages.describe(e), e);
        }
    }
}
