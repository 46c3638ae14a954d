package dev.upbook.steps.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Reading and writing tar.gz and zip archives (Apache Commons Compress) through one small model:
 * entries with a name, a kind, a size, permission bits and, for links, a target. Modes keep only
 * the permission bits (0777): setuid, setgid and sticky bits are never restored from an archive.
 */
public final class Archives {
    private Archives() {}

    public enum Format {
        TAR_GZ("tar.gz"), ZIP("zip");

        private final String text;

        Format(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Format ofText(String text) {
            return text.equals("zip") ? ZIP : TAR_GZ;
        }

        /** By the first bytes (gzip or zip magic); the name decides only for an empty or unknown file. */
        public static Format detect(Path archive) throws IOException {
            byte[] head = new byte[2];
            try (InputStream in = Files.newInputStream(archive)) {
                int n = in.readNBytes(head, 0, 2);
                if (n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return TAR_GZ;
                if (n == 2 && head[0] == 'P' && head[1] == 'K') return ZIP;
            }
            String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip")) return ZIP;
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return TAR_GZ;
            throw new IOException(archive + " is neither a tar.gz nor a zip archive");
        }
    }

    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    /**
     * One entry as stored.
     *
     * @param link the target of a symbolic link, or the entry name a hard link refers to; null otherwise
     */
    public record Entry(String name, Kind kind, long size, int mode, String link) {}

    /** Called once per entry, in archive order; {@code content} is readable for files only. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Entry entry, InputStream content) throws IOException;
    }

    public static void read(Path archive, Visitor visitor) throws IOException {
        if (Format.detect(archive) == Format.ZIP) readZip(archive, visitor);
        else readTarGz(archive, visitor);
    }

    private static void readTarGz(Path archive, Visitor visitor) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Kind kind = e.isSymbolicLink() ? Kind.SYMLINK : e.isLink() ? Kind.HARDLINK
                        : e.isDirectory() ? Kind.DIRECTORY : e.isFile() ? Kind.FILE : Kind.OTHER;
                String link = kind == Kind.SYMLINK || kind == Kind.HARDLINK ? e.getLinkName() : null;
                visitor.visit(new Entry(e.getName(), kind, kind == Kind.FILE ? e.getSize() : 0, e.getMode() & 0777, link), tar);
            }
        }
    }

    private static void readZip(Path archive, Visitor visitor) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                int unix = e.getUnixMode();
                if (e.isUnixSymlink()) {
                    visitor.visit(new Entry(e.getName(), Kind.SYMLINK, 0, 0777, zip.getUnixSymlink(e)), InputStream.nullInputStream());
                } else if (e.isDirectory()) {
                    visitor.visit(new Entry(e.getName(), Kind.DIRECTORY, 0, unix == 0 ? 0755 : unix & 0777, null), InputStream.nullInputStream());
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        visitor.visit(new Entry(e.getName(), Kind.FILE, e.getSize(), unix == 0 ? 0644 : unix & 0777, null), in);
                    }
                }
            }
        }
    }

    /** Writes entries one after another; {@link #close} finishes the archive and syncs it. */
    public abstract static class Writer implements Closeable {
        public static Writer open(Path file, Format format) throws IOException {
            return format == Format.ZIP ? new ZipWriter(file) : new TarGzWriter(file);
        }

        public abstract void directory(String name, int mode) throws IOException;

        public abstract void file(String name, int mode, long size, InputStream content) throws IOException;

        public abstract void symlink(String name, String target) throws IOException;

        public void bytes(String name, int mode, byte[] content) throws IOException {
            file(name, mode, content.length, new java.io.ByteArrayInputStream(content));
        }

        public void file(String name, int mode, Path source) throws IOException {
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                file(name, mode, Files.size(source), in);
            }
        }
    }

    private static final class TarGzWriter extends Writer {
        private final OutputStream file;
        private final TarArchiveOutputStream tar;

        TarGzWriter(Path path) throws IOException {
            file = Files.newOutputStream(path);
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(new BufferedOutputStream(file)));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        @Override
        public void directory(String name, int mode) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name + "/");
            e.setMode(040000 | mode);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }

        @Override
        public void file(String name, int mode, long size, InputStream content) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(0100000 | mode);
            e.setSize(size);
            tar.putArchiveEntry(e);
            long copied = content.transferTo(tar);
            if (copied != size) throw new IOException(name + " changed while archiving: " + copied + " bytes, expected " + size);
            tar.closeArchiveEntry();
        }

        @Override
        public void symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            tar.finish();
            tar.close();
        }
    }

    private static final class ZipWriter extends Writer {
        private final ZipArchiveOutputStream zip;

        ZipWriter(Path path) throws IOException {
            zip = new ZipArchiveOutputStream(path);
        }

        @Override
        public void directory(String name, int mode) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(name + "/");
            e.setUnixMode(UnixStat.DIR_FLAG | mode);
            zip.putArchiveEntry(e);
            zip.closeArchiveEntry();
        }

        @Override
        public void file(String name, int mode, long size, InputStream content) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setUnixMode(UnixStat.FILE_FLAG | mode);
            e.setSize(size);
            zip.putArchiveEntry(e);
            long copied = content.transferTo(zip);
            if (copied != size) throw new IOException(name + " changed while archiving: " + copied + " bytes, expected " + size);
            zip.closeArchiveEntry();
        }

        @Override
        public void symlink(String name, String target) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(e);
            zip.write(target.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            zip.finish();
            zip.close();
        }
    }
}
