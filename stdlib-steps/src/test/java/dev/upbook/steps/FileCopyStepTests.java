package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCopyStepTests {
    private final FileCopyStep copy = new FileCopyStep();

    @TempDir
    Path dir;

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** An osTicket 1.18 release (upload/) and a 1.17 installation with its real config. */
    private void releaseAndInstallation() throws IOException {
        Path release = dir.resolve("release/upload");
        write(release.resolve("index.php"), "<?php // 1.18\n");
        write(release.resolve("include/class.ticket.php"), "<?php // tickets 1.18\n");
        write(release.resolve("include/ost-sampleconfig.php"), "<?php // sample\n");
        write(release.resolve("include/ost-config.php"), "<?php // empty config of the release\n");
        write(release.resolve("setup/install.php"), "<?php // installer\n");
        write(release.resolve("scripts/rewrite.sh"), "#!/bin/sh\n");
        write(release.resolve("bin/cron.sh"), "#!/bin/sh\necho 1.18\n");
        Files.setPosixFilePermissions(release.resolve("bin/cron.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(release.resolve("main.php"), Path.of("index.php"));

        Path www = dir.resolve("www");
        write(www.resolve("index.php"), "<?php // 1.17\n");
        write(www.resolve("include/class.ticket.php"), "<?php // tickets 1.17\n");
        write(www.resolve("include/ost-config.php"), "<?php define('DBPASS', 'real');\n");
        write(www.resolve("include/class.removed.php"), "<?php // gone in 1.18\n");
        write(www.resolve("attachments/a1.bin"), "upload");
    }

    private FakeContext osTicketCopy() {
        return new FakeContext(dir).with("source", "release/upload").with("to", "www")
                .with("exclude", List.of("setup/", "scripts/**"))
                .with("protect", List.of("include/ost-config.php"));
    }

    @Test
    void copiesTheReleaseKeepingTheConfigAndSkippingSetupAndScripts() throws Exception {
        releaseAndInstallation();
        StepResult result = copy.run(osTicketCopy());
        assertTrue(result.succeeded(), result.message());
        Path www = dir.resolve("www");
        assertEquals("<?php // 1.18\n", Files.readString(www.resolve("index.php")));
        assertEquals("<?php // tickets 1.18\n", Files.readString(www.resolve("include/class.ticket.php")));
        assertEquals("<?php define('DBPASS', 'real');\n", Files.readString(www.resolve("include/ost-config.php")));
        assertFalse(Files.exists(www.resolve("setup")));
        assertFalse(Files.exists(www.resolve("scripts")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(www.resolve("bin/cron.sh"))));
        assertEquals(Path.of("index.php"), Files.readSymbolicLink(www.resolve("main.php")));
        assertTrue(Files.exists(www.resolve("include/class.removed.php")), "without delete-extra extras stay");
        assertEquals(1L, ((Map<?, ?>) result.value()).get("kept"));
        assertEquals(0L, ((Map<?, ?>) result.value()).get("deleted"));
    }

    @Test
    void aSecondRunIsAlreadyUpToDateAndRewritesNothing() throws Exception {
        releaseAndInstallation();
        copy.run(osTicketCopy());
        Object inode = Files.getAttribute(dir.resolve("www/index.php"), "unix:ino");
        StepResult again = copy.run(osTicketCopy());
        assertTrue(again.message().startsWith("already up to date: "), again.message());
        assertEquals(0L, ((Map<?, ?>) again.value()).get("copied"));
        assertEquals(inode, Files.getAttribute(dir.resolve("www/index.php"), "unix:ino"));
    }

    @Test
    void onlyChangedFilesAreWritten() throws Exception {
        releaseAndInstallation();
        copy.run(osTicketCopy());
        Object unchanged = Files.getAttribute(dir.resolve("www/index.php"), "unix:ino");
        write(dir.resolve("release/upload/include/class.ticket.php"), "<?php // tickets 1.18.1\n");
        StepResult result = copy.run(osTicketCopy());
        assertEquals(1L, ((Map<?, ?>) result.value()).get("copied"));
        assertEquals("copied include/class.ticket.php", result.output());
        assertEquals(unchanged, Files.getAttribute(dir.resolve("www/index.php"), "unix:ino"));
    }

    @Test
    void aModeChangeAloneIsApplied() throws Exception {
        releaseAndInstallation();
        copy.run(osTicketCopy());
        Files.setPosixFilePermissions(dir.resolve("www/bin/cron.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        StepResult result = copy.run(osTicketCopy());
        assertEquals(1L, ((Map<?, ?>) result.value()).get("copied"));
        assertTrue(Files.isExecutable(dir.resolve("www/bin/cron.sh")));
    }

    @Test
    void deleteExtraSyncsButSparesProtectedAndExcludedPaths() throws Exception {
        releaseAndInstallation();
        write(dir.resolve("www/setup/leftover.php"), "<?php // excluded, kept\n");
        StepResult result = copy.run(osTicketCopy().with("delete-extra", true)
                .with("protect", List.of("include/ost-config.php", "attachments")));
        assertTrue(result.succeeded(), result.message());
        assertFalse(Files.exists(dir.resolve("www/include/class.removed.php")));
        assertTrue(Files.exists(dir.resolve("www/attachments/a1.bin")));
        assertTrue(Files.exists(dir.resolve("www/setup/leftover.php")));
        assertEquals("<?php define('DBPASS', 'real');\n", Files.readString(dir.resolve("www/include/ost-config.php")));
        assertEquals(1L, ((Map<?, ?>) result.value()).get("deleted"));
        assertTrue(copy.run(osTicketCopy().with("delete-extra", true)
                .with("protect", List.of("include/ost-config.php", "attachments"))).message().startsWith("already up to date"));
    }

    @Test
    void aProtectedFileAbsentFromTheTargetIsCopied() throws Exception {
        releaseAndInstallation();
        Files.delete(dir.resolve("www/include/ost-config.php"));
        copy.run(osTicketCopy());
        assertEquals("<?php // empty config of the release\n", Files.readString(dir.resolve("www/include/ost-config.php")));
    }

    @Test
    void aDirectoryThatIsALinkInTheTargetIsKeptAndFilledThroughIt() throws Exception {
        releaseAndInstallation();
        write(dir.resolve("release/upload/attachments/readme.txt"), "attachments live here\n");
        Path data = Files.createDirectories(dir.resolve("data/attachments"));
        Files.move(dir.resolve("www/attachments/a1.bin"), data.resolve("a1.bin"));
        Files.delete(dir.resolve("www/attachments"));
        Files.createSymbolicLink(dir.resolve("www/attachments"), data);
        assertTrue(copy.run(osTicketCopy().with("delete-extra", true)).succeeded());
        assertTrue(Files.isSymbolicLink(dir.resolve("www/attachments")));
        assertEquals("attachments live here\n", Files.readString(data.resolve("readme.txt")));
        assertTrue(Files.exists(data.resolve("a1.bin")), "delete-extra does not reach through the link");
    }

    @Test
    void overlappingTreesAreRefused() throws Exception {
        releaseAndInstallation();
        StepResult result = copy.run(new FakeContext(dir).with("source", "release").with("to", "release/upload"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("overlap"), result.message());
    }

    @Test
    void describeListsExcludesAndProtectedPaths() {
        assertEquals("file.copy: r over w, excluding setup/, keeping include/ost-config.php, deleting extra files",
                copy.describe(new dev.upbook.spec.spi.Parameters(Map.of("source", "r", "to", "w", "exclude", List.of("setup/"),
                        "protect", List.of("include/ost-config.php"), "delete-extra", true))));
    }
}
