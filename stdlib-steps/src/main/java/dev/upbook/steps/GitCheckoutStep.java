package dev.upbook.steps;

import dev.upbook.spec.Durations;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ProcessRunner;
import dev.upbook.steps.internal.ProgramNotStartedException;
import dev.upbook.steps.internal.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code git.checkout}: Checks out a tag or commit in a working tree, refusing a dirty tree.
 *
 * <p>Runs the {@code git} program; {@code path} must be the top of a working tree (a directory
 * inside a larger repository is refused rather than checking out the outer one). With {@code fetch} (and at least one remote) it first runs
 * {@code git fetch --all --tags}, with terminal prompts off so a missing credential fails
 * instead of waiting. When HEAD already is the ref's commit nothing else happens ("already at").
 * Otherwise a tree with changes to tracked files (staged or not) is refused, listing them; untracked
 * files do not count (git itself refuses to overwrite one). A local branch is checked out as
 * that branch (not pulled); a tag or commit is checked out as a detached HEAD.
 */
@StepDefinition(name = "git.checkout", uses = Use.STEP,
        summary = "Checks out a tag or commit in a working tree, refusing a dirty tree.",
        idempotency = "Done when HEAD is already at the ref.",
        idempotent = true,
        registers = "`{ref: String, commit: String, previous: String}`: the ref, the full commit HEAD is at now, and the commit "
                + "it was at before (empty in a repository without commits).")
public final class GitCheckoutStep extends DeclaredStepType {
    private static final Duration GIT_CAP = Duration.ofMinutes(10);
    private static final int OUTPUT_LIMIT = 65_536;
    private static final int SHOWN_LINES = 10;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The working tree.", example = "\"/srv/ixpmanager\"") String path,
            @Param(value = "Tag, branch or commit, e.g. v{{ edge.to }}.", example = "\"v{{ edge.to }}\"") String ref,
            @Param(value = "Fetch all remotes first.", defaultValue = "true") boolean fetch) {}

    public GitCheckoutStep() {
        super(GitCheckoutStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = GitCheckoutStepBinding.bind(context.parameters());
        Path tree = context.workingDirectory().resolve(p.path()).toAbsolutePath().normalize();
        String ref = p.ref().strip();
        if (ref.isEmpty() || ref.startsWith("-")) throw new Parameters.ParameterException("ref", "must name a tag, branch or commit, not '" + ref + "'");
        if (!Files.isDirectory(tree)) return StepResult.failed("working tree " + tree + " does not exist");
        Git git = new Git(tree, context);
        try {
            Git.Result top = git.run("rev-parse", "--show-toplevel");
            if (!top.ok() || top.out.isBlank()) return StepResult.failed(tree + " is not a git working tree: " + top.problem());
            Path topLevel = Path.of(top.out.strip());
            if (!Files.isSameFile(topLevel, tree)) {
                return StepResult.failed(tree + " is not the top of a git working tree but lies inside " + topLevel
                        + "; give path: " + topLevel + " to check out that tree");
            }
            String fetchNote = "";
            if (p.fetch() && !git.run("remote").out.isBlank()) {
                Git.Result fetch = git.run("fetch", "--all", "--tags", "--quiet");
                if (!fetch.ok()) return StepResult.failed(context.mask("git fetch in " + tree + " failed: " + fetch.problem()), context.mask(fetch.all()));
                fetchNote = " (fetched)";
            }
            Git.Result target = git.run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
            if (!target.ok()) return StepResult.failed(context.mask("ref '" + ref + "' is not a tag, branch or commit in " + tree + fetchNote));
            String commit = target.out.strip();
            Git.Result head = git.run("rev-parse", "--verify", "--quiet", "HEAD");
            String previous = head.ok() ? head.out.strip() : "";
            Map<String, Object> value = registered(ref, commit, previous);
            if (commit.equals(previous)) {
                return StepResult.succeeded(context.mask("already at " + ref + " (" + shortId(commit) + ")" + fetchNote), "", value);
            }
            Git.Result status = git.run("status", "--porcelain", "--untracked-files=no");
            if (!status.ok()) return StepResult.failed("git status in " + tree + " failed: " + status.problem());
            if (!status.out.isBlank()) {
                return StepResult.failed(context.mask("working tree " + tree + " has uncommitted changes; commit, stash or"
                        + " discard them first: " + firstLines(status.out)), context.mask(status.out));
            }
            boolean branch = git.run("show-ref", "--verify", "--quiet", "refs/heads/" + ref).ok();
            Git.Result checkout = branch ? git.run("checkout", "--quiet", ref, "--")
                    : git.run("checkout", "--quiet", "--detach", commit, "--");
            if (!checkout.ok()) return StepResult.failed(context.mask("git checkout " + ref + " in " + tree + " failed: " + checkout.problem()), context.mask(checkout.all()));
            return StepResult.succeeded(context.mask("checked out " + ref + " (" + shortId(commit) + "), was "
                    + (previous.isEmpty() ? "no commit" : shortId(previous)) + fetchNote), "", value);
        } catch (ProgramNotStartedException e) {
            return StepResult.failed(e.getMessage() + (e.notFound() ? " (git.checkout needs git installed)" : ""));
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = GitCheckoutStepBinding.bind(parameters);
        return "git.checkout: " + p.ref() + " in " + p.path() + (p.fetch() ? ", fetching first" : "") + "; refuses a dirty tree";
    }

    private static Map<String, Object> registered(String ref, String commit, String previous) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("ref", ref);
        value.put("commit", commit);
        value.put("previous", previous);
        return value;
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String firstLines(String text) {
        String[] lines = text.strip().split("\\R");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN_LINES, lines.length); i++) shown.add(lines[i].strip());
        return String.join(", ", shown) + (lines.length > SHOWN_LINES ? " and " + (lines.length - SHOWN_LINES) + " more" : "");
    }

    /** Runs git in one working tree, never prompting, with messages in English for parsing-free display. */
    private static final class Git {
        private final Path tree;
        private final StepContext context;
        private final Duration timeout;

        Git(Path tree, StepContext context) {
            this.tree = tree;
            this.context = context;
            this.timeout = context.timeout().filter(t -> t.compareTo(GIT_CAP) < 0).orElse(GIT_CAP);
        }

        record Result(int exitCode, boolean timedOut, String out, String err, Duration timeout) {
            boolean ok() {
                return exitCode == 0 && !timedOut;
            }

            String problem() {
                if (timedOut) return "timed out after " + Durations.format(timeout);
                String last = Texts.lastLine(err.isBlank() ? out : err, 300);
                return "exit " + exitCode + (last.isEmpty() ? "" : ": " + last);
            }

            String all() {
                return (out + err).strip();
            }
        }

        Result run(String... args) throws IOException {
            List<String> argv = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
            argv.addAll(List.of(args));
            ProcessRunner.Outcome o = ProcessRunner.run(new ProcessRunner.Request(argv,
                    Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C"), tree, null, timeout, OUTPUT_LIMIT), context);
            return new Result(o.exitCode(), o.timedOut(), o.stdout().text(), o.stderr().text(), timeout);
        }
    }
}
