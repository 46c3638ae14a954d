package dev.upbook.report.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in headless Chromium: the rendered DOM has the review items with their
 * states and the timeline's bars, and a screenshot is a real picture, not a blank page. Skipped,
 * with the reason, where no Chromium is installed.
 */
class HtmlReportBrowserTests {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    static Path dir;
    static Path chromium;
    static Path html;

    @BeforeAll
    static void writeTheReport() throws Exception {
        chromium = findChromium().orElse(null);
        if (chromium == null) return;
        html = Files.writeString(dir.resolve("report.html"),
                RunReportFixture.render(RunReportFixture.report(dir), RunReportWriter.html()));
    }

    /** Per test, so that each is reported as skipped with the reason. */
    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null,
                "no Chromium installed (Debian: apt-get install chromium); the HTML report was not rendered");
    }

    @Test
    void theRenderedPageShowsTheReviewItemsTheirStatesAndTheTimelineBars() throws Exception {
        String dom = chromium(dir.resolve("dom.out"), "--dump-dom", html.toUri().toString());
        for (String text : List.of("No ticket lost", "Health page answers", "Staff can log in", "Agents see their queues",
                "Attachments open", "Custom theme &lt;kept&gt;", ">failed<", ">passed<", ">pending<", ">signed-off<", ">rejected<",
                "actual 1203, expected at least 1205 (captured tickets)", "Bob Reviewer")) {
            assertTrue(dom.contains(text), "the rendered DOM lacks " + text + ":\n" + dom);
        }
        assertEquals(3, RunReportFormatsTests.count(dom, "<rect class=\"bar "), "a bar per started step in:\n" + dom);
        assertTrue(dom.contains("<svg class=\"timeline\""), dom);
    }

    @Test
    void aScreenshotIsAPictureWithManyColours() throws Exception {
        Path png = dir.resolve("report.png");
        chromium(dir.resolve("shot.out"), "--screenshot=" + png, "--window-size=1280,1600", "--hide-scrollbars",
                html.toUri().toString());
        assertTrue(Files.size(png) > 0, "no screenshot written");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "the screenshot does not decode as PNG");
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) colours.add(image.getRGB(x, y));
        }
        assertTrue(colours.size() > 50, "the screenshot has only " + colours.size() + " colours: a blank page?");
        assertTrue(colours.contains(0xFFC62828) || colours.contains(0xFF2E7D32),
                "the timeline's failed (red) or succeeded (green) bars are in the picture");
    }

    /** Runs Chromium headless with a fresh profile; returns its standard output. Killed after the timeout. */
    private static String chromium(Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(ended, "Chromium did not end within " + TIMEOUT_SECONDS + " s; stderr:\n" + Files.readString(stderr));
            assertEquals(0, process.exitValue(), "Chromium failed; stderr:\n" + Files.readString(stderr));
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Optional<Path> findChromium() {
        Path debian = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(debian)) return Optional.of(debian);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            Optional<Path> found = Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                    .findFirst();
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }
}
