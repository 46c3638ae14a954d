package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.checkout on real repositories made with the git program. */
class GitCheckoutStepTests {
    private final GitCheckoutStep step = new GitCheckoutStep();

    @TempDir
    Path dir;
    private Path upstream;
    private Path tree;

    /** An upstream with tags v1.0 and v1.1 on main, cloned into {@code tree} (HEAD at v1.1). */
    @BeforeEach
    void repositories() throws Exception {
        upstream = dir.resolve("upstream");
        Files.createDirectories(upstream);
        git(upstream, "init", "--quiet", "--initial-branch=main");
        commit(upstream, "VERSION", "1.0\n", "release 1.0");
        git(upstream, "tag", "v1.0");
        commit(upstream, "VERSION", "1.1\n", "release 1.1");
        git(upstream, "tag", "-a", "-m", "annotated", "v1.1");
        tree = dir.resolve("tree");
        git(dir, "clone", "--quiet", upstream.toString(), tree.toString());
    }

    private static String git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                "-c", "advice.detachedHead=false"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) throw new IllegalStateException(argv + " failed: " + out);
        return out.strip();
    }

    private static void commit(Path repo, String file, String content, String message) throws Exception {
        Files.writeString(repo.resolve(file), content);
        git(repo, "add", file);
        git(repo, "commit", "--quiet", "-m", message);
    }

    private FakeContext checkout(String ref) {
        return new FakeContext(dir).with("path", "tree").with("ref", ref);
    }

    private String head() throws Exception {
        return git(tree, "rev-parse", "HEAD");
    }

    @Test
    void runsOnlyAsAStep() {
        assertTrue(step.canRun(Use.STEP));
        assertFalse(step.canRun(Use.CHECK));
    }

    @Test
    void checksOutATagAndRegistersTheCommits() throws Exception {
        String before = head();
        String v10 = git(tree, "rev-parse", "v1.0^{commit}");
        StepResult result = step.run(checkout("v1.0"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("checked out v1.0 (" + v10.substring(0, 12) + "), was " + before.substring(0, 12) + " (fetched)", result.message());
        assertEquals(v10, head());
        assertEquals("1.0\n", Files.readString(tree.resolve("VERSION")));
        assertEquals(Map.of("ref", "v1.0", "commit", v10, "previous", before), result.value());
    }

    @Test
    void whenHeadIsAlreadyAtTheTagNothingHappens() throws Exception {
        step.run(checkout("v1.0"));
        Files.writeString(tree.resolve("untracked.txt"), "x");
        StepResult again = step.run(checkout("v1.0").with("fetch", false));
        assertTrue(again.succeeded());
        assertTrue(again.message().startsWith("already at v1.0 ("), again.message());
    }

    @Test
    void anAnnotatedTagResolvesToItsCommit() throws Exception {
        step.run(checkout("v1.0"));
        StepResult result = step.run(checkout("v1.1"));
        assertTrue(result.succeeded(), result.message());
        assertEquals(git(tree, "rev-parse", "v1.1^{commit}"), head());
    }

    @Test
    void aDirtyTreeIsRefusedAndLeftAsItIs() throws Exception {
        String before = head();
        Files.writeString(tree.resolve("VERSION"), "locally patched\n");
        StepResult result = step.run(checkout("v1.0"));
        assertEquals(StepResult.failed("working tree " + tree + " has uncommitted changes; commit, stash or discard them first:"
                + " M VERSION", " M VERSION\n"), result);
        assertEquals(before, head());
        assertEquals("locally patched\n", Files.readString(tree.resolve("VERSION")));
    }

    @Test
    void stagedChangesCountAsDirty() throws Exception {
        Files.writeString(tree.resolve("NEW"), "new\n");
        git(tree, "add", "NEW");
        StepResult result = step.run(checkout("v1.0"));
        assertFalse(result.succeeded());
        assertTrue(result.message().endsWith("first: A  NEW"), result.message());
    }

    @Test
    void untrackedFilesDoNotMakeTheTreeDirty() throws Exception {
        Files.writeString(tree.resolve("config.php"), "<?php // local\n");
        assertTrue(step.run(checkout("v1.0")).succeeded());
        assertTrue(Files.exists(tree.resolve("config.php")));
    }

    @Test
    void fetchBringsANewUpstreamTag() throws Exception {
        commit(upstream, "VERSION", "1.2\n", "release 1.2");
        git(upstream, "tag", "v1.2");
        assertFalse(step.run(checkout("v1.2").with("fetch", false)).succeeded());
        StepResult result = step.run(checkout("v1.2"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("1.2\n", Files.readString(tree.resolve("VERSION")));
    }

    @Test
    void aBranchIsCheckedOutAsThatBranch() throws Exception {
        step.run(checkout("v1.0"));
        assertTrue(step.run(checkout("main")).succeeded());
        assertEquals("main", git(tree, "rev-parse", "--abbrev-ref", "HEAD"));
    }

    @Test
    void anUnknownRefIsNamed() throws Exception {
        assertEquals(StepResult.failed("ref 'v9.9' is not a tag, branch or commit in " + tree + " (fetched)"),
                step.run(checkout("v9.9")));
    }

    @Test
    void aDirectoryThatIsNoWorkingTreeIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        StepResult result = step.run(new FakeContext(dir).with("path", "plain").with("ref", "v1.0"));
        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith(dir.resolve("plain") + " is not a git working tree: exit 128"), result.message());
    }

    @Test
    void aDirectoryInsideAWorkingTreeIsRefused() throws Exception {
        Files.createDirectories(tree.resolve("sub"));
        StepResult result = step.run(new FakeContext(dir).with("path", "tree/sub").with("ref", "v1.0"));
        assertEquals(StepResult.failed(tree.resolve("sub") + " is not the top of a git working tree but lies inside " + tree
                + "; give path: " + tree + " to check out that tree"), result);
    }

    @Test
    void aRefThatLooksLikeAnOptionIsRefused() {
        Parameters.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(Parameters.ParameterException.class,
                () -> step.run(checkout("--orphan=x")));
        assertEquals("ref", e.parameter());
    }

    @Test
    void describeSaysWhatWouldHappen() {
        assertEquals("git.checkout: v6.1.0 in /srv/app, fetching first; refuses a dirty tree",
                step.describe(new Parameters(Map.of("path", "/srv/app", "ref", "v6.1.0"))));
    }
}
