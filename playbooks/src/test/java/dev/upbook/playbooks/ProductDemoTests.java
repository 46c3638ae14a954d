package dev.upbook.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.demo.DemoSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code upbook demo PRODUCT} for every product, as a newcomer runs it: a sandbox on the embedded
 * default (SQLite), the plan, the run, the review table and the report, and the sandbox's secrets
 * nowhere in what the demo printed or wrote.
 */
class ProductDemoTests {
    private static final Path PLAYBOOKS = Path.of(System.getProperty("upbook.playbooks", ".")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"arctyk-itsm", "ixp-manager", "kayako", "mattermost", "osticket"})
    void theDemoUpgradesTheProductsSandboxToTheNewestVersionAndEndsAtTheReview(String product) throws Exception {
        DemoSandbox demo = DemoSandbox.load(product, PLAYBOOKS.resolve(product).resolve("sandbox"));
        Path sandbox = tmp.resolve("sandbox");

        Upbooks.Started run = Upbooks.start(tmp, Map.of("UPBOOK_HOME", PLAYBOOKS.getParent().toString()),
                List.of("demo", product, "--dir", sandbox.toString()));
        int exit = run.await(Duration.ofMinutes(3));
        String out = run.output();

        assertEquals(0, exit, out);
        assertTrue(out.startsWith("upbook demo: " + demo.title() + " " + demo.from() + " → " + demo.to()), out);
        assertTrue(out.contains("Plan for "), "the plan is shown\n" + out);
        assertTrue(out.contains("is at " + demo.to()), "the installation reached the target\n" + out);
        assertTrue(out.contains("\nReview:\n"), "the review table is shown\n" + out);
        assertTrue(out.contains("pending"), "manual review items wait for an operator\n" + out);
        assertTrue(out.contains("Report: " + sandbox.toRealPath().resolve("report.html")), out);
        String report = Files.readString(sandbox.resolve("report.html"));
        assertTrue(report.contains("review/") && report.contains("<svg"), "the report has the review and the timeline");

        List<String> secrets = demo.env().entrySet().stream().filter(e -> e.getKey().endsWith("PASSWORD"))
                .map(Map.Entry::getValue).toList();
        assertFalse(secrets.isEmpty(), "the sandbox has a secret to keep");
        for (String secret : secrets) {
            assertFalse(out.contains(secret), "the secret is printed\n" + out);
            for (Path file : filesUnder(sandbox.resolve("state"))) {
                assertFalse(contains(file, secret), "the secret is in the journal " + file);
            }
            assertFalse(contains(sandbox.resolve("report.html"), secret), "the secret is in the report");
        }
    }

    @Test
    void aMissingToolIsNamedBeforeAnythingIsBuilt() throws Exception {
        Path emptyPath = Files.createDirectories(tmp.resolve("empty-bin"));
        Path sandbox = tmp.resolve("sandbox");
        Upbooks.Started run = Upbooks.start(tmp, Map.of("UPBOOK_HOME", PLAYBOOKS.getParent().toString(), "PATH", emptyPath.toString()),
                List.of("demo", "ixp-manager", "--dir", sandbox.toString()));
        assertEquals(2, run.await(Duration.ofMinutes(1)), run.output());
        assertTrue(run.output().contains("demo ixp-manager: the IXP Manager v6 sandbox needs 'bash' on the PATH (not found)"), run.output());
        assertFalse(Files.exists(sandbox), "nothing is built");
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean contains(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }
}
