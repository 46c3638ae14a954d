package dev.upbook.steps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Helpers of the file step types: glob patterns on relative paths, SHA-256, atomic file writes,
 * recursive deletion, POSIX modes as numbers, and resolution of archive paths that refuses
 * anything escaping a root directory.
 */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Glob patterns on relative paths written with {@code /}. A path matches when a pattern matches
     * it or one of its ancestors (so {@code setup}, {@code setup/} and {@code setup/**} all leave out
     * the whole directory, itself included); a pattern without {@code /} (e.g. {@code *.log}) is also tried on every single
     * name, at any depth, like a .gitignore line.
     */
    public static final class Globs {
        private final List<PathMatcher> whole = new ArrayList<>();
        private final List<PathMatcher> names = new ArrayList<>();

        public Globs(List<String> patterns) {
            for (String raw : patterns) {
                String pattern = raw.strip();
                while (pattern.startsWith("./")) pattern = pattern.substring(2);
                while (pattern.endsWith("/") && pattern.length() > 1) pattern = pattern.substring(0, pattern.length() - 1);
                if (pattern.endsWith("/**") && pattern.length() > 3) pattern = pattern.substring(0, pattern.length() - 3);
                if (pattern.isEmpty()) continue;
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                (pattern.contains("/") ? whole : names).add(matcher);
            }
        }

        public boolean isEmpty() {
            return whole.isEmpty() && names.isEmpty();
        }

        public boolean matches(String relative) {
            if (relative.isEmpty()) return false;
            Path path = Path.of(relative);
            for (Path p = path; p != null; p = p.getParent()) {
                for (PathMatcher m : whole) if (m.matches(p)) return true;
                for (PathMatcher m : names) if (m.matches(p) || m.matches(p.getFileName())) return true;
            }
            return false;
        }
    }

    /** {@code child} relative to {@code root}, with {@code /} separators. */
    public static String relative(Path root, Path child) {
        return root.relativize(child).toString().replace(java.io.File.separatorChar, '/');
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return hex(digest);
    }

    /** Whether {@code file} is a regular file (not a link) with this size and SHA-256. */
    public static boolean hasContent(Path file, long size, String sha256) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size && sha256(file).equals(sha256);
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, gives it {@code mode}, syncs it
     * and renames it over {@code target} (a link or file there is replaced, not followed).
     *
     * @return the SHA-256 of what was written
     */
    public static String writeAtomically(InputStream content, Path target, int mode) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".upbook-tmp");
        try {
            MessageDigest digest = sha256();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                new DigestInputStream(content, digest).transferTo(out);
                out.flush();
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, permissions(mode));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return hex(digest);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Replaces whatever is at {@code link} (a file or a link, not a directory) with a symbolic link. */
    public static void symlinkAtomically(Path link, String target) throws IOException {
        Path temp = link.resolveSibling("." + link.getFileName() + "." + System.nanoTime() + ".upbook-tmp");
        Files.createSymbolicLink(temp, Path.of(target));
        try {
            Files.move(temp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Deletes a file, a link (never its target) or a directory with its content; nothing when absent. */
    public static int deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return 0;
        int[] count = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                count[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                count[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    /** The permission bits (0777) of a path, not following links. */
    public static int mode(Path path) throws IOException {
        return bits(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static final PosixFilePermission[] ORDER = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    public static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < ORDER.length; i++) if (permissions.contains(ORDER[i])) mode |= 1 << i;
        return mode;
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < ORDER.length; i++) if ((mode & (1 << i)) != 0) out.add(ORDER[i]);
        return out;
    }

    public static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /** An archive entry that would land outside the target, or a link that would point outside it. */
    public static final class EscapeException extends IOException {
        public EscapeException(String message) {
            super(message);
        }
    }

    /**
     * Checks an entry name lexically: relative, no {@code ..}, no NUL; returns it normalized
     * ({@code ./a//b/} becomes {@code a/b}); empty for the root itself.
     */
    public static String safeName(String name) throws EscapeException {
        if (name.indexOf('\0') >= 0) throw new EscapeException("entry name contains a NUL character: " + name);
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new EscapeException("entry '" + name + "' has an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) throw new EscapeException("entry '" + name + "' leaves the target with '..'");
            parts.add(part);
        }
        return String.join("/", parts);
    }

    /**
     * Checks that a link at {@code linkName} (a safe name below the root) pointing to {@code target}
     * stays below the root, judging the names only (before anything is written).
     */
    public static void checkLinkLexically(String linkName, String target) throws EscapeException {
        if (target.startsWith("/")) throw new EscapeException("link '" + linkName + "' points to the absolute path " + target);
        List<String> parts = new ArrayList<>(List.of(linkName.split("/")));
        parts.remove(parts.size() - 1);
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) throw new EscapeException("link '" + linkName + "' -> '" + target + "' points outside the target");
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
    }

    /**
     * Checks on disk, just before writing, that {@code path}'s parent resolves (following links that
     * already exist) inside {@code realRoot}; for a link also where its target would resolve.
     */
    public static void checkOnDisk(Path realRoot, Path path, String linkTarget) throws IOException {
        Path parent = path.getParent().toRealPath();
        if (!parent.startsWith(realRoot)) {
            throw new EscapeException(path + " would be written through a link to " + parent + ", outside " + realRoot);
        }
        if (linkTarget != null) {
            Path resolved = resolveFollowing(parent, linkTarget, 0);
            if (resolved == null || !resolved.startsWith(realRoot)) {
                throw new EscapeException("link " + path + " -> '" + linkTarget + "' resolves outside " + realRoot);
            }
        }
    }

    /** Resolves {@code target} from {@code from} name by name, following existing links; null when too deep. */
    private static Path resolveFollowing(Path from, String target, int depth) throws IOException {
        if (depth > 40) return null;
        Path current = target.startsWith("/") ? Path.of("/") : from;
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                next = resolveFollowing(current, Files.readSymbolicLink(next).toString(), depth + 1);
                if (next == null) return null;
            }
            current = next;
        }
        return current;
    }
}
