package dev.upbook.steps;

import static dev.upbook.steps.ArchiveFixtures.archive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExtractStepTests {
    private final FileExtractStep extract = new FileExtractStep();

    @TempDir
    Path dir;

    private FakeContext extract(Path archive, String to) {
        return new FakeContext(dir).with("archive", archive.toString()).with("to", to);
    }

    private ArchiveFixtures release() {
        return archive().dir("osTicket-1.18/").dir("osTicket-1.18/upload/")
                .file("osTicket-1.18/upload/index.php", "<?php // 1.18\n")
                .file("osTicket-1.18/upload/bin/cron.sh", "#!/bin/sh\n", 0755)
                .file("osTicket-1.18/upload/include/ost-config.php", "<?php // sample config\n", 0600)
                .symlink("osTicket-1.18/upload/latest", "index.php")
                .file("osTicket-1.18/upload/setup/install.php", "<?php // installer\n");
    }

    private long countFiles(Path root) throws Exception {
        if (!Files.exists(root)) return 0;
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).count();
        }
    }

    @Test
    void extractsATarGzStrippingComponentsWithModesAndLinks() throws Exception {
        Path tgz = release().tarGz(dir.resolve("release.tar.gz"));
        StepResult result = extract.run(extract(tgz, "www").with("strip-components", 2L));
        assertTrue(result.succeeded(), result.message());
        Path www = dir.resolve("www");
        assertEquals("<?php // 1.18\n", Files.readString(www.resolve("index.php")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(www.resolve("bin/cron.sh"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(www.resolve("include/ost-config.php"))));
        assertEquals(Path.of("index.php"), Files.readSymbolicLink(www.resolve("latest")));
        assertEquals(Map.of("files", 4L, "directories", 0L, "links", 1L, "kept", 0L, "bytes", 66L), result.value());
    }

    @Test
    void extractsAZipWithTheSameResult() throws Exception {
        Path zip = release().zip(dir.resolve("release.zip"));
        StepResult result = extract.run(extract(zip, "www").with("strip-components", 1L));
        assertTrue(result.succeeded(), result.message());
        assertEquals("#!/bin/sh\n", Files.readString(dir.resolve("www/upload/bin/cron.sh")));
        assertTrue(Files.isExecutable(dir.resolve("www/upload/bin/cron.sh")));
        assertEquals(Path.of("index.php"), Files.readSymbolicLink(dir.resolve("www/upload/latest")));
    }

    @Test
    void aSecondRunIsAlreadyUpToDate() throws Exception {
        Path tgz = release().tarGz(dir.resolve("release.tar.gz"));
        extract.run(extract(tgz, "www"));
        Path index = dir.resolve("www/osTicket-1.18/upload/index.php");
        Object inode = Files.getAttribute(index, "unix:ino");
        StepResult again = extract.run(extract(tgz, "www"));
        assertEquals("already up to date: all 7 entries present in " + dir.resolve("www"), again.message());
        assertEquals(inode, Files.getAttribute(index, "unix:ino"));
    }

    @Test
    void aNewReleaseWithFilesOfTheSameSizeIsExtractedNotSkipped() throws Exception {
        Path old = new ArchiveFixtures().file("mattermost/bin/platform", "Version: 1.3.0\n", 0755).tarGz(dir.resolve("1.3.tar.gz"));
        Path next = new ArchiveFixtures().file("mattermost/bin/platform", "Version: 1.4.0\n", 0755).tarGz(dir.resolve("1.4.tar.gz"));
        extract.run(extract(old, "opt"));
        StepResult upgrade = extract.run(extract(next, "opt"));
        assertTrue(upgrade.message().startsWith("extracted 1 files"), "same size, other content: " + upgrade.message());
        assertEquals("Version: 1.4.0\n", Files.readString(dir.resolve("opt/mattermost/bin/platform")));
    }

    @Test
    void excludesAndProtectedFilesAreNotWritten() throws Exception {
        Path tgz = release().tarGz(dir.resolve("release.tar.gz"));
        Path config = Files.createDirectories(dir.resolve("www/include")).resolve("ost-config.php");
        Files.writeString(config, "<?php // the real config\n");
        StepResult result = extract.run(extract(tgz, "www").with("strip-components", 2L)
                .with("exclude", java.util.List.of("setup/**")).with("protect", java.util.List.of("include/ost-config.php")));
        assertTrue(result.succeeded(), result.message());
        assertEquals("<?php // the real config\n", Files.readString(config));
        assertFalse(Files.exists(dir.resolve("www/setup")));
        assertTrue(result.message().endsWith("kept 1 protected"), result.message());
        assertEquals("already up to date", extract.run(extract(tgz, "www").with("strip-components", 2L)
                .with("exclude", java.util.List.of("setup")).with("protect", java.util.List.of("include/ost-config.php")))
                .message().substring(0, 18));
    }

    @Test
    void aDotDotEntryRefusesTheWholeArchiveBeforeWritingAnything() throws Exception {
        for (Path archive : new Path[] {
                archive().file("ok.txt", "fine").file("../evil.txt", "pwned").tarGz(dir.resolve("slip.tar.gz")),
                archive().file("ok.txt", "fine").file("a/../../evil.txt", "pwned").zip(dir.resolve("slip.zip"))}) {
            StepResult result = extract.run(extract(archive, "out/target"));
            assertEquals(StepResult.Status.FAILED, result.status());
            assertTrue(result.message().contains("leaves the target with '..'"), result.message());
            assertEquals(0, countFiles(dir.resolve("out")));
        }
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void anAbsoluteEntryIsRefused() throws Exception {
        Path outside = dir.resolve("outside.txt");
        Path tgz = archive().file(outside.toString(), "pwned").tarGz(dir.resolve("abs.tar.gz"));
        StepResult result = extract.run(extract(tgz, "out"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("has an absolute path"), result.message());
        assertFalse(Files.exists(outside));
        Path zip = archive().file("/etc/upbook-evil", "pwned").zip(dir.resolve("abs.zip"));
        assertTrue(extract.run(extract(zip, "out")).message().contains("has an absolute path"));
    }

    @Test
    void aSymlinkPointingOutsideIsRefused() throws Exception {
        String[] targets = {"../../etc", "/etc/passwd", "sub/../../.."};
        for (String target : targets) {
            Path tgz = archive().symlink("sub/link", target).file("sub/link/x", "pwned").tarGz(dir.resolve("link.tar.gz"));
            StepResult result = extract.run(extract(tgz, "out"));
            assertEquals(StepResult.Status.FAILED, result.status(), target);
            assertTrue(result.message().contains("link 'sub/link'"), result.message());
            assertEquals(0, countFiles(dir.resolve("out")));
        }
    }

    @Test
    void aLinkChainThatOnlyEscapesOnDiskIsRefused() throws Exception {
        // "a -> ." is harmless, but "a/b -> .." then means "<target>/.." : only the on-disk check sees it.
        Path tgz = archive().symlink("a", ".").symlink("a/b", "..").file("a/b/evil.txt", "pwned").tarGz(dir.resolve("chain.tar.gz"));
        StepResult result = extract.run(extract(tgz, "out"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("resolves outside"), result.message());
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertFalse(Files.exists(dir.resolve("out/b"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anEntryIsNotWrittenThroughALinkAlreadyInTheTarget() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("data"), outside);
        Path tgz = archive().file("data/evil.txt", "pwned").tarGz(dir.resolve("through.tar.gz"));
        StepResult result = extract.run(extract(tgz, "out"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("would be written through a link"), result.message());
        assertEquals(0, countFiles(outside));
    }

    @Test
    void aHardLinkIsExtractedAsACopyInsideTheTarget() throws Exception {
        Path tgz = archive().file("a.txt", "same").hardlink("b.txt", "a.txt").tarGz(dir.resolve("hard.tar.gz"));
        assertTrue(extract.run(extract(tgz, "out")).succeeded());
        assertEquals("same", Files.readString(dir.resolve("out/b.txt")));
        Path evil = archive().hardlink("b.txt", "../../etc/passwd").tarGz(dir.resolve("evil-hard.tar.gz"));
        assertTrue(extract.run(extract(evil, "out2")).message().contains("leaves the target"));
    }

    @Test
    void aMissingArchiveFails() throws Exception {
        assertEquals(StepResult.failed("archive " + dir.resolve("nope.zip") + " does not exist"),
                extract.run(extract(dir.resolve("nope.zip"), "out")));
    }

    @Test
    void describeNamesArchiveTargetAndStrip() {
        assertEquals("file.extract: r.tgz into /var/www (strip 1)", extract.describe(new dev.upbook.spec.spi.Parameters(
                Map.of("archive", "r.tgz", "to", "/var/www", "strip-components", 1L))));
    }
}
