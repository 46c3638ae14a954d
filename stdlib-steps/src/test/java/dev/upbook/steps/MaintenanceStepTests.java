package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maintenance with real directories, symbolic links and scripts. */
class MaintenanceStepTests {
    private static final String PAGE = "<h1>Back soon</h1>\n";
    private final MaintenanceStep step = new MaintenanceStep();

    @TempDir
    Path dir;

    private FakeContext docroot(String mode) {
        return new FakeContext(dir).with("mode", mode).with("method", "docroot").with("docroot", "www/html").with("page", PAGE);
    }

    private Path site() throws IOException {
        Path html = Files.createDirectories(dir.resolve("www/html"));
        Files.writeString(html.resolve("index.php"), "<?php echo 'live';");
        return html;
    }

    private Map<?, ?> value(StepResult result) {
        return (Map<?, ?>) result.value();
    }

    @Test
    void runsOnlyAsAStep() {
        assertTrue(step.canRun(Use.STEP));
        assertFalse(step.canRun(Use.CHECK));
    }

    @Test
    void aDocrootDirectoryIsSwappedForTheNoticeAndBack() throws Exception {
        Path html = site();
        Path live = dir.resolve("www/.html.upbook-live");
        StepResult on = step.run(docroot("on"));
        assertTrue(on.succeeded(), on.message());
        assertEquals(List.of("index.html"), list(html));
        assertEquals(PAGE, Files.readString(html.resolve("index.html")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(html.resolve("index.html"))));
        assertEquals("<?php echo 'live';", Files.readString(live.resolve("index.php")));
        assertEquals(Map.of("mode", "on", "changed", true, "site", live.toString()), on.value());

        StepResult off = step.run(docroot("off"));
        assertEquals(StepResult.succeeded("maintenance off: " + html + " serves the site again", "",
                Map.of("mode", "off", "changed", true, "site", html.toString())), off);
        assertEquals(List.of("index.php"), list(html));
        assertEquals(List.of("html"), list(dir.resolve("www")));
    }

    @Test
    void onAndOffAreIdempotent() throws Exception {
        Path html = site();
        step.run(docroot("on"));
        StepResult again = step.run(docroot("on"));
        assertEquals(false, value(again).get("changed"));
        assertTrue(again.message().startsWith("already on: " + html + " serves the notice page"), again.message());
        step.run(docroot("off"));
        StepResult offAgain = step.run(docroot("off"));
        assertEquals(StepResult.succeeded("already off: " + html + " serves the site", "",
                Map.of("mode", "off", "changed", false, "site", html.toString())), offAgain);
        assertEquals(List.of("index.php"), list(html));
    }

    @Test
    void turningOnAgainWithAnotherPageUpdatesIt() throws Exception {
        Path html = site();
        step.run(docroot("on"));
        StepResult result = step.run(docroot("on").with("page", "<p>Upgrading to 1.18</p>"));
        assertEquals("already on; notice page updated in " + html, result.message());
        assertEquals("<p>Upgrading to 1.18</p>", Files.readString(html.resolve("index.html")));
    }

    @Test
    void aSymlinkDocrootIsRepointedAndTheSiteStaysWhereItIs() throws Exception {
        Path release = Files.createDirectories(dir.resolve("www/releases/1.17"));
        Files.writeString(release.resolve("index.php"), "live");
        Path current = Files.createSymbolicLink(dir.resolve("www/current"), Path.of("releases/1.17"));
        FakeContext on = new FakeContext(dir).with("mode", "on").with("method", "docroot").with("docroot", "www/current").with("page", PAGE);
        StepResult result = step.run(on);
        assertEquals(Path.of(".current.upbook-maintenance"), Files.readSymbolicLink(current));
        assertEquals(PAGE, Files.readString(current.resolve("index.html")));
        assertEquals("live", Files.readString(release.resolve("index.php")));
        assertEquals(release.toString(), value(result).get("site"));
        assertFalse(value(step.run(on)).get("changed").equals(true));

        step.run(new FakeContext(dir).with("mode", "off").with("method", "docroot").with("docroot", "www/current"));
        assertEquals(Path.of("releases/1.17"), Files.readSymbolicLink(current));
        assertEquals(List.of("current", "releases"), list(dir.resolve("www")));
    }

    @Test
    void aSwapInterruptedBetweenItsRenamesIsFinished() throws Exception {
        Path html = site();
        Path live = dir.resolve("www/.html.upbook-live");
        Files.move(html, live); // as if killed after the first rename of "on"
        StepResult on = step.run(docroot("on"));
        assertTrue(on.message().startsWith("maintenance on (finished an interrupted swap)"), on.message());
        assertEquals(PAGE, Files.readString(html.resolve("index.html")));

        Files.move(html, dir.resolve("www/.html.upbook-maintenance")); // as if killed after the first rename of "off"
        step.run(docroot("off"));
        assertEquals(List.of("index.php"), list(html));
        assertEquals(List.of("html"), list(dir.resolve("www")));
    }

    @Test
    void anInterruptedLinkSwapNeverWritesThePageIntoTheSite() throws Exception {
        Path release = Files.createDirectories(dir.resolve("www/releases/1.17"));
        Files.writeString(release.resolve("index.html"), "the real home page");
        Path current = Files.createSymbolicLink(dir.resolve("www/current"), Path.of("releases/1.17"));
        Files.createSymbolicLink(dir.resolve("www/.current.upbook-live"), Path.of("releases/1.17")); // killed before re-pointing
        step.run(new FakeContext(dir).with("mode", "on").with("method", "docroot").with("docroot", "www/current").with("page", PAGE));
        assertEquals("the real home page", Files.readString(release.resolve("index.html")));
        assertEquals(PAGE, Files.readString(current.resolve("index.html")));
    }

    @Test
    void docrootProblemsAreNamed() throws Exception {
        assertEquals("docroot", assertThrows(Parameters.ParameterException.class,
                () -> step.run(new FakeContext(dir).with("mode", "on").with("method", "docroot").with("page", PAGE))).parameter());
        site();
        assertEquals("page", assertThrows(Parameters.ParameterException.class,
                () -> step.run(docroot("on").with("page", null))).parameter());
        IOException missing = assertThrows(IOException.class, () -> step.run(docroot("on").with("docroot", "www/nothing")));
        assertEquals("document root " + dir.resolve("www/nothing") + " does not exist", missing.getMessage());
        assertFalse(Files.exists(dir.resolve("www/.nothing.upbook-live"), LinkOption.NOFOLLOW_LINKS));
    }

    /** A stand-in for Laravel's artisan: down/up create/delete storage/framework/down and log each call. */
    private Path artisan() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app/storage/framework"));
        Path script = dir.resolve("app/artisan");
        Files.writeString(script, "cd \"$(dirname \"$0\")\"\necho \"$1\" >> calls.log\n"
                + "case \"$1\" in down) touch storage/framework/down; echo 'Application is now in maintenance mode.';;\n"
                + " up) rm -f storage/framework/down; echo 'Application is now live.';; *) exit 1;; esac\n");
        return app;
    }

    private FakeContext artisan(String mode, String action) {
        return new FakeContext(dir).with("mode", mode).with("command", List.of("sh", "app/artisan", action));
    }

    @Test
    void laravelsArtisanRunsOnlyWhenTheModeDiffers() throws Exception {
        artisan();
        Path down = dir.resolve("app/storage/framework/down");
        StepResult on = step.run(artisan("on", "down"));
        assertEquals(StepResult.succeeded("maintenance on: ran sh app/artisan down", "Application is now in maintenance mode.",
                Map.of("mode", "on", "changed", true)), on);
        assertTrue(Files.exists(down));
        StepResult again = step.run(artisan("on", "down"));
        assertEquals("already on: " + down + " exists; did not run sh app/artisan down", again.message());
        assertEquals(Map.of("mode", "on", "changed", false), again.value());
        assertTrue(step.run(artisan("off", "up")).succeeded());
        assertEquals("already off: " + down + " does not exist; did not run sh app/artisan up",
                step.run(artisan("off", "up")).message());
        assertEquals(List.of("down", "up"), Files.readAllLines(dir.resolve("app/calls.log")));
    }

    @Test
    void anyOtherCommandRunsAndMustExitZero() throws Exception {
        FakeContext fails = new FakeContext(dir).with("mode", "on")
                .with("command", List.of("sh", "-c", "echo 'maintenance: permission denied' >&2; exit 3"));
        StepResult result = step.run(fails);
        assertFalse(result.succeeded());
        assertEquals("sh -c 'echo '\\''maintenance: permission denied'\\'' >&2; exit 3' exited 3: maintenance: permission denied",
                result.message());
        FakeContext works = new FakeContext(dir).with("mode", "off").with("command", List.of("sh", "-c", "echo up >> log"));
        assertTrue(step.run(works).succeeded());
        assertTrue(step.run(works).succeeded());
        assertEquals(List.of("up", "up"), Files.readAllLines(dir.resolve("log")));
    }

    @Test
    void commandMethodNeedsACommand() {
        assertEquals("command", assertThrows(Parameters.ParameterException.class,
                () -> step.run(new FakeContext(dir).with("mode", "on"))).parameter());
    }

    @Test
    void describeSaysWhatWouldHappen() {
        assertEquals("maintenance on: swap /var/www/html for a notice page",
                step.describe(new Parameters(Map.of("mode", "on", "method", "docroot", "docroot", "/var/www/html"))));
        assertEquals("maintenance off: run php artisan up",
                step.describe(new Parameters(Map.of("mode", "off", "command", List.of("php", "artisan", "up")))));
    }

    private static List<String> list(Path directory) throws IOException {
        try (var stream = Files.list(directory)) {
            return stream.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
