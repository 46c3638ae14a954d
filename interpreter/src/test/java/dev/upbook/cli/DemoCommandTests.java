package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTests {

    @TempDir
    Path dir;

    @Test
    void theDemoUpgradesItsSandboxAndTheSecretNeverShows() throws Exception {
        Path sandbox = dir.resolve("sandbox");
        CliTests.Run r = upbook("demo", "hello", "--dir", sandbox.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("1.2.0\n", Files.readString(sandbox.resolve("hello-site/VERSION")));
        assertTrue(r.out().contains("Run #1 complete: installation 'demo' is at 1.2.0; the review passed."), r.out());
        assertTrue(r.out().contains("✔ review/version"), "the review table is shown: " + r.out());
        assertTrue(r.out().contains("Report: " + sandbox.resolve("report.html")), r.out());
        String html = Files.readString(sandbox.resolve("report.html"));
        assertTrue(html.contains("review/version") && html.contains("<svg"), "the report has the review and the timeline");
        assertTrue(r.out().contains("8 of 8 settled"), r.out());
        Matcher prefix = Pattern.compile("admin_token is in admin-token.txt \\(demo-…\\)").matcher(r.out());
        assertTrue(prefix.find(), r.out());
        Pattern token = Pattern.compile("demo-[0-9a-f]{12}");
        assertFalse(token.matcher(r.out()).find(), "the generated secret is printed nowhere");
        try (Stream<Path> files = Files.list(sandbox)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("journal.db")).toList()) {
                assertFalse(token.matcher(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)).find(),
                        "the secret is in " + f);
            }
        }
    }

    @Test
    void theDemoStopsAfterMaxStepsAndResumeFinishesIt() throws Exception {
        Path sandbox = dir.resolve("sandbox");
        CliTests.Run r = upbook("demo", "hello", "--dir", sandbox.toString(), "--max-steps", "2");
        assertEquals(ExitCode.STOPPED.code(), r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("bin/upbook resume --state"), r.out());
        assertTrue(r.out().contains("2 of 8 settled"), r.out());
        CliTests.Run resumed = upbook("resume", "--state", sandbox.resolve("journal.db").toString(), "-i", "demo");
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertEquals("1.2.0\n", Files.readString(sandbox.resolve("hello-site/VERSION")));
    }

    @Test
    void listNamesTheProductsWithASandboxAndTheDefault() {
        CliTests.Run r = upbook("demo", "--list");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("hello  (the example product"), r.out());
        for (String product : new String[] {"arctyk-itsm", "ixp-manager", "kayako", "mattermost", "osticket"}) {
            assertTrue(r.out().contains("\n" + product + "  ("), product + " is listed\n" + r.out());
        }
        assertTrue(r.out().contains("ixp-manager  (IXP Manager v6 6.0.0 → 6.4.2; needs bash, git, sqlite3)  [default]"), r.out());
    }

    @Test
    void anUnknownProductIsAUsageErrorNamingTheKnownOnes() {
        CliTests.Run r = upbook("demo", "wordpress", "--dir", dir.resolve("x").toString());
        assertEquals(ExitCode.USAGE.code(), r.exitCode());
        assertTrue(r.err().contains("no demo for 'wordpress'; the demo knows: hello, arctyk-itsm, ixp-manager, kayako, mattermost, osticket"), r.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing is built");
    }

    @Test
    void aProductDemoNeedsANewOrEmptyDirectory() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliTests.Run r = upbook("demo", "ixp-manager", "--dir", dir.toString());
        assertEquals(ExitCode.USAGE.code(), r.exitCode());
        assertTrue(r.err().contains(dir + " is not empty; give a new or empty --dir"), r.err());
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
    }

    @Test
    void aSandboxIsNotReused() {
        upbook("demo", "hello", "--dir", dir.toString(), "--max-steps", "1");
        CliTests.Run again = upbook("demo", "hello", "--dir", dir.toString());
        assertEquals(ExitCode.USAGE.code(), again.exitCode());
        assertTrue(again.err().contains("already has a demo journal"), again.err());
    }
}
