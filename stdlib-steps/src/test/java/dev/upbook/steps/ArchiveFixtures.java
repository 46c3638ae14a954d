package dev.upbook.steps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz and zip archives entry by entry, with any names, including malicious ones. */
final class ArchiveFixtures {
    private record Item(char kind, String name, String content, int mode) {}

    private final List<Item> items = new ArrayList<>();

    static ArchiveFixtures archive() {
        return new ArchiveFixtures();
    }

    ArchiveFixtures file(String name, String content) {
        return file(name, content, 0644);
    }

    ArchiveFixtures file(String name, String content, int mode) {
        items.add(new Item('f', name, content, mode));
        return this;
    }

    ArchiveFixtures dir(String name) {
        items.add(new Item('d', name, "", 0755));
        return this;
    }

    ArchiveFixtures symlink(String name, String target) {
        items.add(new Item('l', name, target, 0777));
        return this;
    }

    ArchiveFixtures hardlink(String name, String target) {
        items.add(new Item('h', name, target, 0644));
        return this;
    }

    Path tarGz(Path path) throws IOException {
        try (OutputStream file = Files.newOutputStream(path);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry e;
                byte[] bytes = item.content.getBytes(StandardCharsets.UTF_8);
                switch (item.kind) {
                    case 'd' -> {
                        e = new TarArchiveEntry(item.name.endsWith("/") ? item.name : item.name + "/", true);
                        e.setMode(040000 | item.mode);
                    }
                    case 'l' -> {
                        e = new TarArchiveEntry(item.name, TarConstants.LF_SYMLINK, true);
                        e.setLinkName(item.content);
                    }
                    case 'h' -> {
                        e = new TarArchiveEntry(item.name, TarConstants.LF_LINK, true);
                        e.setLinkName(item.content);
                    }
                    default -> {
                        e = new TarArchiveEntry(item.name, true);
                        e.setMode(0100000 | item.mode);
                        e.setSize(bytes.length);
                    }
                }
                tar.putArchiveEntry(e);
                if (item.kind == 'f') tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return path;
    }

    Path zip(Path path) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(path)) {
            for (Item item : items) {
                ZipArchiveEntry e = new ZipArchiveEntry(item.kind == 'd' && !item.name.endsWith("/") ? item.name + "/" : item.name);
                int flag = item.kind == 'd' ? UnixStat.DIR_FLAG : item.kind == 'l' ? UnixStat.LINK_FLAG : UnixStat.FILE_FLAG;
                e.setUnixMode(flag | item.mode);
                zip.putArchiveEntry(e);
                if (item.kind != 'd') zip.write(item.content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return path;
    }
}
