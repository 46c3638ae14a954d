package dev.upbook.steps.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The document-root swap of step type {@code maintenance}: a directory holding only the notice page
 * takes the place of the document root, and the live site is kept beside it, in the same parent
 * directory, under {@code .NAME.upbook-live}. That sibling is the state: while it exists,
 * maintenance is on.
 *
 * <p>A document root that is a symbolic link (the usual {@code current -> releases/x}) is
 * re-pointed atomically to the notice directory {@code .NAME.upbook-maintenance}, and the old
 * link is kept as the live sibling; the site's files stay where they are. A real directory is
 * renamed to the live sibling and the notice directory renamed into its place (two renames; a
 * crash between them is finished by the next run in either mode).
 */
public final class DocrootSwap {
    private static final String PAGE = "index.html";

    private final Path docroot;
    private final Path live;
    private final Path notice;

    public DocrootSwap(Path docroot) {
        this.docroot = docroot;
        String name = docroot.getFileName().toString();
        this.live = docroot.resolveSibling("." + name + ".upbook-live");
        this.notice = docroot.resolveSibling("." + name + ".upbook-maintenance");
    }

    /** What a call did: whether it changed anything, a message, and where the site's files are now. */
    public record Outcome(boolean changed, String message, Path siteFiles) {}

    public boolean isOn() {
        return exists(live);
    }

    /** Where the live site's files are while maintenance is on (or the document root when off). */
    public Path siteFiles() throws IOException {
        if (!isOn()) return docroot;
        return Files.isSymbolicLink(live) ? live.resolveSibling(Files.readSymbolicLink(live)).normalize() : live;
    }

    public Outcome on(String page) throws IOException {
        byte[] content = page.getBytes(StandardCharsets.UTF_8);
        if (isOn()) return alreadyOn(content);
        if (!exists(docroot)) throw new IOException("document root " + docroot + " does not exist");
        if (!Files.isDirectory(docroot)) throw new IOException("document root " + docroot + " is not a directory");
        prepareNotice(content);
        if (Files.isSymbolicLink(docroot)) {
            Files.createSymbolicLink(live, Files.readSymbolicLink(docroot));
            pointDocrootAtNotice();
        } else {
            Files.move(docroot, live, StandardCopyOption.ATOMIC_MOVE);
            Files.move(notice, docroot, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Outcome(true, "maintenance on: " + docroot + " serves the notice page; the site is at " + siteFiles(), siteFiles());
    }

    public Outcome off() throws IOException {
        if (!isOn()) {
            deleteTree(notice);
            return new Outcome(false, "already off: " + docroot + " serves the site", docroot);
        }
        if (Files.isSymbolicLink(live)) {
            Files.move(live, docroot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            if (exists(docroot) && !Files.isSymbolicLink(docroot)) {
                deleteTree(notice);
                Files.move(docroot, notice, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(docroot);
            }
            Files.move(live, docroot, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(notice);
        return new Outcome(true, "maintenance off: " + docroot + " serves the site again", docroot);
    }

    /** Already on: finishes an interrupted swap and brings the page up to date. */
    private Outcome alreadyOn(byte[] content) throws IOException {
        boolean linked = Files.isSymbolicLink(live);
        boolean swapped = linked ? Files.isSymbolicLink(docroot) && Files.readSymbolicLink(docroot).equals(notice.getFileName())
                : exists(docroot);
        if (!swapped) {
            if (!exists(notice)) prepareNotice(content);
            if (linked) pointDocrootAtNotice();
            else Files.move(notice, docroot, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(true, "maintenance on (finished an interrupted swap): " + docroot + " serves the notice page", siteFiles());
        }
        Path directory = linked ? notice : docroot;
        Path page = directory.resolve(PAGE);
        if (Files.isRegularFile(page) && Arrays.equals(Files.readAllBytes(page), content)) {
            return new Outcome(false, "already on: " + docroot + " serves the notice page; the site is at " + siteFiles(), siteFiles());
        }
        writePage(directory, content);
        return new Outcome(true, "already on; notice page updated in " + docroot, siteFiles());
    }

    /** Re-points the document root link at the notice directory in one rename. */
    private void pointDocrootAtNotice() throws IOException {
        Path swap = docroot.resolveSibling("." + docroot.getFileName() + ".upbook-swap");
        Files.deleteIfExists(swap);
        Files.createSymbolicLink(swap, notice.getFileName());
        Files.move(swap, docroot, StandardCopyOption.ATOMIC_MOVE);
    }

    private void prepareNotice(byte[] content) throws IOException {
        deleteTree(notice);
        Files.createDirectory(notice);
        Files.setPosixFilePermissions(notice, PosixFilePermissions.fromString("rwxr-xr-x"));
        writePage(notice, content);
    }

    private static void writePage(Path directory, byte[] content) throws IOException {
        Path temp = Files.createTempFile(directory, ".index.", ".upbook-tmp");
        Files.write(temp, content);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, directory.resolve(PAGE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes a directory tree without following symbolic links out of it. */
    private static void deleteTree(Path root) throws IOException {
        if (!exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
