package dev.upbook.steps;

import dev.upbook.spec.spi.StepResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The process {@link SqlCopyCrashTests} kills: runs one attempt of sql.copy with its checkpoint in
 * a file (written to a temporary file, fsync'ed, renamed over the old one, as a journal would keep
 * it durably), printing each progress line, then {@code RESULT STATUS message}.
 *
 * <p>Arguments: FROM-URL TO-URL CHECKPOINT-FILE BATCH-SIZE.
 */
public final class SqlCopyCrashChild {
    private SqlCopyCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[2]);
        FakeContext fake = new FakeContext(file.getParent()).with("from-url", args[0]).with("to-url", args[1])
                .with("tables", List.of("item")).with("batch-size", Long.parseLong(args[3]));
        Optional<String> checkpoint = Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        JournalContext context = new JournalContext(fake, checkpoint.orElse(null)) {
            @Override
            public void saveCheckpoint(String value) {
                durablyReplace(file, value);
            }

            @Override
            public void progress(String line) {
                System.out.println(line);
                System.out.flush();
            }
        };
        StepResult result = new SqlCopyStep().run(context);
        System.out.println("RESULT " + result.status() + " " + result.message());
        System.out.flush();
        System.exit(result.succeeded() ? 0 : 1);
    }

    private static void durablyReplace(Path file, String value) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
