package dev.upbook.steps.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/** Replacing a whole file so that a reader (or a crash) sees the old content or the new one, never a mix. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes {@code content} to a temporary file beside {@code target}, gives it {@code mode} and,
     * when it replaces a file, that file's owner and group; flushes it to disk, renames it over
     * {@code target} and syncs the directory. Returns a note when the owner could not be kept (only
     * root may give a file away).
     */
    public static Optional<String> replace(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path directory = target.getParent();
        Optional<PosixFileAttributes> old = Files.exists(target)
                ? Optional.of(Files.readAttributes(target, PosixFileAttributes.class)) : Optional.empty();
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".upbook-tmp");
        Optional<String> ownerNote;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                Files.setPosixFilePermissions(temp, mode);
                ownerNote = old.isPresent() ? keepOwner(old.get(), temp) : Optional.empty();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(directory);
        return ownerNote;
    }

    /** Gives the new file the owner and group of the one it replaces (needs root when they differ from ours). */
    private static Optional<String> keepOwner(PosixFileAttributes old, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        PosixFileAttributes fresh = view.readAttributes();
        try {
            if (!fresh.owner().equals(old.owner())) view.setOwner(old.owner());
            if (!fresh.group().equals(old.group())) view.setGroup(old.group());
            return Optional.empty();
        } catch (FileSystemException e) {
            return Optional.of("owner is now " + fresh.owner().getName() + ":" + fresh.group().getName()
                    + " (could not keep " + old.owner().getName() + ":" + old.group().getName() + ")");
        }
    }

    /** Makes the rename durable. Best effort: some file systems cannot open a directory for syncing. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // The file itself is synced; only the rename may be lost on a crash, and a rerun redoes it.
        }
    }
}
