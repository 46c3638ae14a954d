package dev.upbook.steps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The checksum manifest of a {@code file.backup} archive: one line per directory, file and link, with
 * SHA-256, size and mode of files. It is the archive's first entry, {@value #ENTRY}; the archive's
 * other entries must be exactly the manifest's, with those checksums.
 */
public record BackupManifest(List<Item> items) {
    public static final String ENTRY = ".upbook-manifest";
    private static final String HEADER = "# upbook backup manifest v1";

    /** One archived path; {@code kind} is {@code file}, {@code dir} or {@code link}. */
    public record Item(String kind, String path, String sha256, long size, int mode, String link) {
        String line() {
            return switch (kind) {
                case "file" -> "file\t" + sha256 + "\t" + size + "\t" + FileTrees.octal(mode) + "\t" + path;
                case "dir" -> "dir\t-\t-\t" + FileTrees.octal(mode) + "\t" + path;
                default -> "link\t-\t-\t" + link + "\t" + path;
            };
        }
    }

    public BackupManifest {
        items = List.copyOf(items);
    }

    public String text() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Item item : items) sb.append(item.line()).append('\n');
        return sb.toString();
    }

    public Map<String, Item> byPath() {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item item : items) out.put(item.path(), item);
        return out;
    }

    public long files() {
        return items.stream().filter(i -> i.kind().equals("file")).count();
    }

    public long bytes() {
        return items.stream().mapToLong(Item::size).sum();
    }

    public static BackupManifest parse(String text) throws IOException {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) throw new IOException("not an upbook backup manifest (first line '" + lines[0] + "')");
        List<Item> items = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", 5);
            if (f.length != 5) throw new IOException("manifest line " + (i + 1) + " is malformed: " + lines[i]);
            try {
                items.add(switch (f[0]) {
                    case "file" -> new Item("file", f[4], f[1], Long.parseLong(f[2]), Integer.parseInt(f[3], 8), null);
                    case "dir" -> new Item("dir", f[4], null, 0, Integer.parseInt(f[3], 8), null);
                    case "link" -> new Item("link", f[4], null, 0, 0777, f[3]);
                    default -> throw new IOException("manifest line " + (i + 1) + " has an unknown kind '" + f[0] + "'");
                });
            } catch (NumberFormatException e) {
                throw new IOException("manifest line " + (i + 1) + " is malformed: " + lines[i], e);
            }
        }
        return new BackupManifest(items);
    }

    /**
     * The manifest of the sources as they are now. A source is stored under its own name (a link
     * given as source is followed); below it links are stored as links, never followed.
     * {@code excluded} sees both the archive path ({@code app/setup/x}) and the path below the source ({@code setup/x}).
     */
    public static BackupManifest of(Map<String, Path> sources, FileTrees.Globs excluded) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            String name = source.getKey();
            Path root = source.getValue().toRealPath();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String below = FileTrees.relative(root, dir);
                    String path = below.isEmpty() ? name : name + "/" + below;
                    if (!below.isEmpty() && (excluded.matches(path) || excluded.matches(below))) return FileVisitResult.SKIP_SUBTREE;
                    items.add(new Item("dir", checkedName(path), null, 0, FileTrees.mode(dir), null));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String below = FileTrees.relative(root, file);
                    String path = below.isEmpty() ? name : name + "/" + below;
                    if (!below.isEmpty() && (excluded.matches(path) || excluded.matches(below))) return FileVisitResult.CONTINUE;
                    if (attrs.isSymbolicLink()) {
                        items.add(new Item("link", checkedName(path), null, 0, 0777, Files.readSymbolicLink(file).toString()));
                    } else if (attrs.isRegularFile()) {
                        items.add(new Item("file", checkedName(path), FileTrees.sha256(file), attrs.size(), FileTrees.mode(file), null));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        items.sort(Comparator.comparing(Item::path));
        return new BackupManifest(items);
    }

    private static String checkedName(String path) throws IOException {
        if (path.contains("\n") || path.contains("\t")) throw new IOException("cannot archive a name with a tab or newline: " + path);
        return path;
    }

    /** Writes the manifest, then every item from its source, failing when a file changed meanwhile. */
    public void write(Archives.Writer writer, Map<String, Path> sources) throws IOException {
        writer.bytes(ENTRY, 0644, text().getBytes(StandardCharsets.UTF_8));
        for (Item item : items) {
            switch (item.kind()) {
                case "dir" -> writer.directory(item.path(), item.mode());
                case "link" -> writer.symlink(item.path(), item.link());
                default -> {
                    Path file = sourceOf(item.path(), sources);
                    MessageDigest digest = FileTrees.sha256();
                    try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
                        writer.file(item.path(), item.mode(), item.size(), in);
                    }
                    if (!FileTrees.hex(digest).equals(item.sha256())) throw new IOException(file + " changed while it was archived");
                }
            }
        }
    }

    private static Path sourceOf(String path, Map<String, Path> sources) throws IOException {
        int slash = path.indexOf('/');
        String name = slash < 0 ? path : path.substring(0, slash);
        Path root = sources.get(name).toRealPath();
        return slash < 0 ? root : root.resolve(path.substring(slash + 1));
    }

    /**
     * Reads an archive and checks it against its own manifest: the manifest comes first, and the
     * other entries are exactly its items with their checksums, sizes and link targets.
     *
     * @return the manifest
     * @throws IOException naming the first problems when the archive does not verify
     */
    public static BackupManifest verify(Path archive) throws IOException {
        BackupManifest[] manifest = {null};
        Map<String, Item> expected = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Archives.read(archive, (entry, content) -> {
            String name = entry.name().endsWith("/") ? entry.name().substring(0, entry.name().length() - 1) : entry.name();
            if (manifest[0] == null) {
                if (!name.equals(ENTRY)) throw new IOException(archive + " has no upbook manifest (first entry is '" + name + "'); it was not written by file.backup");
                manifest[0] = parse(new String(content.readAllBytes(), StandardCharsets.UTF_8));
                expected.putAll(manifest[0].byPath());
                return;
            }
            Item item = expected.remove(name);
            if (item == null) {
                problems.add("'" + name + "' is not in the manifest");
            } else if (item.kind().equals("file")) {
                MessageDigest digest = FileTrees.sha256();
                long size = new DigestInputStream(content, digest).transferTo(OutputStream.nullOutputStream());
                String sha = FileTrees.hex(digest);
                if (entry.kind() != Archives.Kind.FILE || size != item.size() || !sha.equals(item.sha256())) {
                    problems.add("'" + name + "' has " + size + " bytes with SHA-256 " + sha + ", the manifest says " + item.size() + " bytes with " + item.sha256());
                }
            } else if (item.kind().equals("link") && (entry.kind() != Archives.Kind.SYMLINK || !item.link().equals(entry.link()))) {
                problems.add("link '" + name + "' points to '" + entry.link() + "', the manifest says '" + item.link() + "'");
            } else if (item.kind().equals("dir") && entry.kind() != Archives.Kind.DIRECTORY) {
                problems.add("'" + name + "' should be a directory");
            }
        });
        if (manifest[0] == null) throw new IOException(archive + " is empty; it was not written by file.backup");
        for (String name : expected.keySet()) problems.add("'" + name + "' is in the manifest but not in the archive");
        if (!problems.isEmpty()) {
            throw new IOException(archive + " does not match its manifest (" + problems.size() + " problems): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        return manifest[0];
    }

    /** The manifest's items that are not at {@code root} as recorded (content, mode, link target). */
    public List<String> missingAt(Path root) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Item item : items) if (!presentAt(root, item)) missing.add(item.path());
        return missing;
    }

    public boolean presentAt(Path root, Item item) throws IOException {
        Path path = root.resolve(item.path());
        return switch (item.kind()) {
            case "file" -> FileTrees.hasContent(path, item.size(), item.sha256()) && FileTrees.mode(path) == item.mode();
            case "dir" -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && FileTrees.mode(path) == item.mode();
            default -> Files.isSymbolicLink(path) && Files.readSymbolicLink(path).toString().equals(item.link());
        };
    }

    /** A predicate for {@link SafeExtraction#extract}: the item is already at {@code root} as recorded. */
    public Predicate<String> alreadyAt(Path root) {
        Map<String, Item> byPath = byPath();
        return name -> {
            Item item = byPath.get(name);
            try {
                return item != null && !item.kind().equals("dir") && presentAt(root, item);
            } catch (IOException e) {
                return false;
            }
        };
    }
}
