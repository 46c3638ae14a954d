package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.Archives;
import dev.upbook.steps.internal.BackupManifest;
import dev.upbook.steps.internal.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileBackupStepTests {
    private final FileBackupStep backup = new FileBackupStep();
    private final FileRestoreStep restore = new FileRestoreStep();
    private final FileDeleteStep delete = new FileDeleteStep();

    @TempDir
    Path dir;

    /** An installation: a PHP app with a config, an executable, a private file, a link and a log. */
    private Path installation() throws IOException {
        Path app = Files.createDirectories(dir.resolve("www/osticket"));
        Files.writeString(Files.createDirectories(app.resolve("include")).resolve("ost-config.php"), "<?php define('SECRET', 'x');\n");
        Files.setPosixFilePermissions(app.resolve("include/ost-config.php"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(app.resolve("index.php"), "<?php // 1.17\n");
        Files.writeString(Files.createDirectories(app.resolve("bin")).resolve("cron.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(app.resolve("bin/cron.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(app.resolve("current"), Path.of("index.php"));
        Files.writeString(Files.createDirectories(app.resolve("logs")).resolve("app.log"), "noise\n");
        Files.createDirectories(app.resolve("empty"));
        return app;
    }

    private FakeContext backup(String format) {
        return new FakeContext(dir).with("source", "www/osticket").with("to", "backups/osticket." + format).with("format", format);
    }

    private List<String> entryNames(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        Archives.read(archive, (entry, content) -> names.add(entry.name()));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tar.gz", "zip"})
    void backupDeleteRestoreGivesBackTheSameTree(String format) throws Exception {
        Path app = installation();
        BackupManifest before = BackupManifest.of(Map.of("osticket", app), new FileTrees.Globs(List.of()));
        StepResult written = backup.run(backup(format));
        assertTrue(written.succeeded(), written.message());
        Path archive = dir.resolve("backups/osticket." + format);
        assertEquals("wrote " + archive + " (4 files, 59 bytes, verified)", written.message());
        assertEquals(BackupManifest.ENTRY, entryNames(archive).get(0));

        assertTrue(delete.run(new FakeContext(dir).with("path", "www/osticket").with("recursive", true)).succeeded());
        assertFalse(Files.exists(app));
        StepResult restored = restore.run(new FakeContext(dir).with("archive", archive.toString()).with("to", "www"));
        assertTrue(restored.succeeded(), restored.message());
        assertEquals(before, BackupManifest.of(Map.of("osticket", app), new FileTrees.Globs(List.of())));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("include/ost-config.php"))));
        assertEquals(Path.of("index.php"), Files.readSymbolicLink(app.resolve("current")));
        assertTrue(Files.isDirectory(app.resolve("empty")));
        assertEquals(Map.of("to", dir.resolve("www").toString(), "files", 4L, "bytes", 59L, "written", 4L), restored.value());
    }

    @Test
    void theSameSourcesAgainAreAlreadyUpToDateAndTheArchiveIsNotRewritten() throws Exception {
        installation();
        StepResult first = backup.run(backup("tar.gz"));
        Path archive = dir.resolve("backups/osticket.tar.gz");
        Object inode = Files.getAttribute(archive, "unix:ino");
        StepResult second = backup.run(backup("tar.gz"));
        assertEquals("already up to date: " + archive + " holds the same 4 files", second.message());
        assertEquals(first.value(), second.value());
        assertEquals(inode, Files.getAttribute(archive, "unix:ino"));
    }

    @Test
    void anExistingArchiveWithOtherContentIsNeverOverwritten() throws Exception {
        Path app = installation();
        backup.run(backup("tar.gz"));
        Path archive = dir.resolve("backups/osticket.tar.gz");
        byte[] original = Files.readAllBytes(archive);
        Files.writeString(app.resolve("index.php"), "<?php // half-upgraded\n");
        StepResult result = backup.run(backup("tar.gz"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("already exists with other content (1 paths differ, e.g. osticket/index.php)"), result.message());
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(archive)));
    }

    @Test
    void excludedPathsAreLeftOut() throws Exception {
        installation();
        StepResult result = backup.run(backup("zip").with("exclude", List.of("logs", "*.sh")));
        assertTrue(result.succeeded(), result.message());
        List<String> names = entryNames(dir.resolve("backups/osticket.zip"));
        assertFalse(names.stream().anyMatch(n -> n.contains("logs") || n.endsWith(".sh")), names.toString());
        assertTrue(names.contains("osticket/index.php"), names.toString());
    }

    @Test
    void severalSourcesAreStoredUnderTheirNames() throws Exception {
        installation();
        Files.writeString(dir.resolve("nginx.conf"), "server {}\n");
        StepResult result = backup.run(new FakeContext(dir).with("source", List.of("www/osticket", "nginx.conf")).with("to", "b.tar.gz"));
        assertTrue(result.succeeded(), result.message());
        assertTrue(entryNames(dir.resolve("b.tar.gz")).contains("nginx.conf"));
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/nginx.conf"), "x");
        StepResult clash = backup.run(new FakeContext(dir).with("source", List.of("nginx.conf", "other/nginx.conf")).with("to", "c.tar.gz"));
        assertTrue(clash.message().contains("have the same name 'nginx.conf'"), clash.message());
    }

    @Test
    void noTemporaryFileIsLeftNextToTheArchive() throws Exception {
        installation();
        backup.run(backup("tar.gz"));
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            assertEquals(List.of(dir.resolve("backups/osticket.tar.gz")), files.toList());
        }
    }

    @Test
    void aMissingSourceFails() throws Exception {
        assertEquals(StepResult.failed("source " + dir.resolve("nope") + " does not exist"),
                backup.run(new FakeContext(dir).with("source", "nope").with("to", "x.tar.gz")));
    }

    @Test
    void restoreRefusesATamperedArchiveBeforeWritingAnything() throws Exception {
        installation();
        backup.run(backup("zip"));
        Path good = dir.resolve("backups/osticket.zip");
        // Rebuild the archive with the same manifest but one file changed.
        Path bad = dir.resolve("tampered.zip");
        try (Archives.Writer writer = Archives.Writer.open(bad, Archives.Format.ZIP)) {
            Archives.read(good, (entry, content) -> copyEntry(writer, entry, content));
        }
        StepResult result = restore.run(new FakeContext(dir).with("archive", bad.toString()).with("to", "restored"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("nothing restored: "), result.message());
        assertTrue(result.message().contains("'osticket/index.php' has 15 bytes"), result.message());
        assertFalse(Files.exists(dir.resolve("restored")));
    }

    private static void copyEntry(Archives.Writer writer, Archives.Entry entry, InputStream content) throws IOException {
        String name = entry.name().replaceAll("/$", "");
        switch (entry.kind()) {
            case DIRECTORY -> writer.directory(name, entry.mode());
            case SYMLINK -> writer.symlink(name, entry.link());
            default -> writer.bytes(name, entry.mode(), name.endsWith("index.php")
                    ? "<?php // evil!\n".getBytes(StandardCharsets.UTF_8) : content.readAllBytes());
        }
    }

    @Test
    void restoreRefusesAnArchiveWithoutManifest() throws Exception {
        Path plain = ArchiveFixtures.archive().file("a.txt", "a").tarGz(dir.resolve("plain.tar.gz"));
        StepResult result = restore.run(new FakeContext(dir).with("archive", plain.toString()).with("to", "out"));
        assertTrue(result.message().contains("has no upbook manifest"), result.message());
    }

    @Test
    void restoreRewritesOnlyWhatDiffersAndThenIsAlreadyUpToDate() throws Exception {
        Path app = installation();
        backup.run(backup("tar.gz"));
        Path archive = dir.resolve("backups/osticket.tar.gz");
        Files.writeString(app.resolve("index.php"), "<?php // broken upgrade\n");
        Files.writeString(app.resolve("new-file.php"), "left alone");
        Object configInode = Files.getAttribute(app.resolve("include/ost-config.php"), "unix:ino");
        FakeContext restoring = new FakeContext(dir).with("archive", archive.toString()).with("to", "www");
        StepResult result = restore.run(restoring);
        assertTrue(result.succeeded(), result.message());
        assertEquals(1L, ((Map<?, ?>) result.value()).get("written"));
        assertEquals("<?php // 1.17\n", Files.readString(app.resolve("index.php")));
        assertEquals(configInode, Files.getAttribute(app.resolve("include/ost-config.php"), "unix:ino"));
        assertEquals("left alone", Files.readString(app.resolve("new-file.php")));
        assertTrue(restore.run(restoring).message().startsWith("already up to date: all 4 files"));
    }
}
