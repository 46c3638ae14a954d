package dev.upbook.steps.internal;

import dev.upbook.steps.internal.Archives.Entry;
import dev.upbook.steps.internal.Archives.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Extracts an archive below a directory in two passes. The first reads every entry name and refuses
 * the whole archive, before anything is written, when an entry is absolute, contains {@code ..}, or
 * is a link pointing outside the target. The second writes, checking on disk before each entry that
 * its parent (following links that already exist there, from the archive or from before) is still
 * inside the target. Files are written atomically (temporary file and rename); directory modes are
 * set at the end so that read-only directories can still be filled.
 */
public final class SafeExtraction {
    private final Path archive;
    private final int strip;
    private final Predicate<String> excluded;

    /** One entry as it will land: its name below the target after stripping, what it is, and a file's SHA-256. */
    public record Planned(String name, Entry entry, String hardLinkSource, String sha256) {}

    /** What the second pass did. */
    public record Outcome(int files, int directories, int links, int kept, long bytes, Map<String, String> sha256) {}

    public SafeExtraction(Path archive, int strip, Predicate<String> excluded) {
        this.archive = archive;
        this.strip = strip;
        this.excluded = excluded;
    }

    /** Pass one: the entries that would be written, or an {@link FileTrees.EscapeException}. */
    public List<Planned> plan() throws IOException {
        List<Planned> planned = new ArrayList<>();
        Archives.read(archive, (entry, content) -> plan(entry, content).ifPresent(planned::add));
        return planned;
    }

    /** The entry as planned; with {@code content}, a file's SHA-256 is read from it. */
    private Optional<Planned> plan(Entry entry, java.io.InputStream content) throws IOException {
        String safe = FileTrees.safeName(entry.name());
        Optional<String> name = stripped(safe);
        if (name.isEmpty() || excluded.test(name.get()) || entry.kind() == Kind.OTHER) return Optional.empty();
        String hardLinkSource = null;
        if (entry.kind() == Kind.SYMLINK) FileTrees.checkLinkLexically(name.get(), entry.link());
        if (entry.kind() == Kind.HARDLINK) {
            hardLinkSource = stripped(FileTrees.safeName(entry.link())).orElseThrow(() -> new FileTrees.EscapeException(
                    "hard link '" + entry.name() + "' refers to '" + entry.link() + "', which is stripped away"));
        }
        String sha256 = null;
        if (content != null && entry.kind() == Kind.FILE) {
            java.security.MessageDigest digest = FileTrees.sha256();
            new java.security.DigestInputStream(content, digest).transferTo(java.io.OutputStream.nullOutputStream());
            sha256 = FileTrees.hex(digest);
        }
        return Optional.of(new Planned(name.get(), entry, hardLinkSource, sha256));
    }

    /** Empty for the root and for entries with no more than {@code strip} components (like tar). */
    private Optional<String> stripped(String safeName) {
        if (safeName.isEmpty()) return Optional.empty();
        String[] parts = safeName.split("/");
        if (parts.length <= strip) return Optional.empty();
        return Optional.of(String.join("/", java.util.Arrays.asList(parts).subList(strip, parts.length)));
    }

    /**
     * The planned entries missing at {@code root}: files by size and content (SHA-256; two releases'
     * files of equal size differ), links by target, directories by kind.
     */
    public static List<String> missing(Path root, List<Planned> planned, Predicate<String> kept) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Planned p : planned) {
            Path path = root.resolve(p.name());
            if (kept.test(p.name()) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) continue;
            boolean present = switch (p.entry().kind()) {
                case FILE -> p.sha256() == null
                        ? Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == p.entry().size()
                        : FileTrees.hasContent(path, p.entry().size(), p.sha256());
                case HARDLINK -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
                case DIRECTORY -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                case SYMLINK -> Files.isSymbolicLink(path) && Files.readSymbolicLink(path).toString().equals(p.entry().link());
                case OTHER -> true;
            };
            if (!present) missing.add(p.name());
        }
        return missing;
    }

    /**
     * Pass two: writes every planned entry below {@code root}, except those {@code kept} that exist.
     * The outcome holds each written file's SHA-256 (to verify it against a manifest).
     */
    public Outcome extract(Path root, Predicate<String> kept) throws IOException {
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        Map<String, Integer> directoryModes = new LinkedHashMap<>();
        Map<String, String> sha256 = new LinkedHashMap<>();
        int[] counts = new int[4];
        long[] bytes = {0};
        Archives.read(archive, (entry, content) -> {
            Optional<Planned> planned = plan(entry, null);
            if (planned.isEmpty()) return;
            Planned p = planned.get();
            Path path = realRoot.resolve(p.name());
            if (kept.test(p.name()) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                counts[3]++;
                return;
            }
            Files.createDirectories(path.getParent());
            FileTrees.checkOnDisk(realRoot, path, entry.kind() == Kind.SYMLINK ? entry.link() : null);
            switch (entry.kind()) {
                case DIRECTORY -> {
                    if (Files.isSymbolicLink(path) || (Files.exists(path) && !Files.isDirectory(path))) FileTrees.deleteRecursively(path);
                    Files.createDirectories(path);
                    directoryModes.put(p.name(), entry.mode());
                    counts[1]++;
                }
                case FILE -> {
                    replaceableOrFail(path);
                    sha256.put(p.name(), FileTrees.writeAtomically(content, path, entry.mode()));
                    bytes[0] += entry.size();
                    counts[0]++;
                }
                case HARDLINK -> {
                    Path source = realRoot.resolve(p.hardLinkSource());
                    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("hard link '" + entry.name() + "' refers to '" + entry.link() + "', which was not extracted before it");
                    }
                    replaceableOrFail(path);
                    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                        sha256.put(p.name(), FileTrees.writeAtomically(in, path, FileTrees.mode(source)));
                    }
                    counts[0]++;
                }
                case SYMLINK -> {
                    replaceableOrFail(path);
                    FileTrees.symlinkAtomically(path, entry.link());
                    counts[2]++;
                }
                case OTHER -> { }
            }
        });
        for (Map.Entry<String, Integer> d : directoryModes.entrySet()) {
            Files.setPosixFilePermissions(realRoot.resolve(d.getKey()), FileTrees.permissions(d.getValue()));
        }
        return new Outcome(counts[0], counts[1], counts[2], counts[3], bytes[0], sha256);
    }

    private static void replaceableOrFail(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(path + " is a directory; the archive has a file or link there. Remove it first");
        }
    }
}
