package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upbook run} ending in need of review (exit 9), {@code review}, {@code review sign|reject}, and status. */
class ReviewCommandTests {

    @TempDir
    Path dir;
    String playbook;
    String state;

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("journal.db").toString();
        Files.writeString(dir.resolve("items.txt"), "42\n");
        playbook = Files.writeString(dir.resolve("app.playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                capture:
                  - id: items
                    check: { type: file.read, with: { path: "%s/items.txt" } }
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: touch
                        type: file.write
                        with: { path: "%s/VERSION", content: "1.1.0" }
                review:
                  - id: items-kept
                    title: No item lost
                    check: { type: file.read, with: { path: "%s/items.txt" } }
                    expect: { captured: items, compare: at-least }
                  - id: smoke-test
                    title: Open the application
                    manual: Open the application and log in.
                """.formatted(dir, dir, dir)).toString();
    }

    private CliTests.Run run() {
        return upbook("run", playbook, "--from", "1.0.0", "--to", "1.1.0", "--state", state, "-i", "app");
    }

    @Test
    void aRunEndsNeedingReviewUntilTheManualItemIsSignedOff() {
        CliTests.Run ran = run();
        assertEquals(9, ran.exitCode(), ran.out() + ran.err());
        assertTrue(ran.out().contains("review/smoke-test"), ran.out());
        assertTrue(ran.out().contains("✔ review/items-kept"), ran.out());
        assertTrue(ran.out().contains("upbook review sign"), ran.out());
        CliTests.Run status = upbook("status", "--state", state, "-i", "app");
        assertTrue(status.out().contains("needs-review"), status.out());

        CliTests.Run again = upbook("run", playbook, "--from", "1.0.0", "--to", "1.1.0", "--state", state, "-i", "app");
        assertEquals(6, again.exitCode(), "a run that needs review is unfinished: " + again.out() + again.err());

        CliTests.Run unknown = upbook("review", "sign", "smoke", "--by", "Dana", "--state", state, "-i", "app");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("did you mean") || unknown.err().contains("review/smoke-test"), unknown.err());

        CliTests.Run signed = upbook("review", "sign", "smoke-test", "--by", "Dana Ops", "--note", "logged in", "--state", state,
                "-i", "app");
        assertEquals(0, signed.exitCode(), signed.out() + signed.err());
        assertTrue(signed.out().contains("review/smoke-test signed-off by Dana Ops (journaled); run #1 is complete."), signed.out());
        assertTrue(upbook("status", "--state", state, "-i", "app").out().contains("complete"));
    }

    @Test
    void aDroppedCountFailsTheReviewAndReviewEvaluatesAgainAfterTheFix() throws Exception {
        CliTests.Run ran = run();
        assertEquals(9, ran.exitCode());
        upbook("review", "sign", "smoke-test", "--by", "Dana", "--state", state, "-i", "app");
        Files.writeString(dir.resolve("items.txt"), "40\n");
        CliTests.Run review = upbook("review", "--state", state, "-i", "app");
        assertEquals(9, review.exitCode(), review.out() + review.err());
        assertTrue(review.out().contains("✘ review/items-kept") && review.out().contains("40 < 42 (at-least) (captured items)"),
                review.out());
        Files.writeString(dir.resolve("items.txt"), "43\n");
        CliTests.Run fixed = upbook("review", "--state", state, "-i", "app");
        assertEquals(0, fixed.exitCode(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("the review passed"), fixed.out());
    }

    @Test
    void rejectNeedsANoteAndKeepsTheRunInNeedOfReview() {
        run();
        CliTests.Run noNote = upbook("review", "reject", "smoke-test", "--by", "Dana", "--state", state, "-i", "app");
        assertEquals(2, noNote.exitCode(), noNote.err());
        CliTests.Run rejected = upbook("review", "reject", "smoke-test", "--by", "Dana", "--note", "login page is blank",
                "--state", state, "-i", "app");
        assertEquals(9, rejected.exitCode(), rejected.out() + rejected.err());
        assertTrue(rejected.out().contains("rejected by Dana: login page is blank"), rejected.out());
        CliTests.Run history = upbook("history", "--state", state, "-i", "app");
        assertTrue(history.out().contains("needs-review"), history.out());
    }

    @Test
    void allPendingManualItemsAreSignedOffAtOnce() {
        run();
        CliTests.Run none = upbook("review", "sign", "--by", "Dana", "--state", state, "-i", "app");
        assertEquals(2, none.exitCode(), none.err());
        CliTests.Run all = upbook("review", "sign", "--all-pending", "--by", "Dana", "--note", "walked through the app",
                "--state", state, "-i", "app");
        assertEquals(0, all.exitCode(), all.out() + all.err());
        assertTrue(all.out().contains("review/smoke-test signed-off by Dana (journaled); run #1 is complete."), all.out());
        CliTests.Run again = upbook("review", "sign", "--all-pending", "--by", "Dana", "--state", state, "-i", "app");
        assertEquals(2, again.exitCode(), "nothing left to sign: " + again.err());
    }
}
