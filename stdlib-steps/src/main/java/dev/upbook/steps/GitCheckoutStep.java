package dev.upbook.steps;

/** Step type {@code git.checkout}: Checks out a tag or commit in a working tree, refusing a dirty tree. */
public final class GitCheckoutStep extends DeclaredStepType {
    public GitCheckoutStep() {
        super("git.checkout", "Checks out a tag or commit in a working tree, refusing a dirty tree.", STEP,
                "Done when HEAD is already at the ref.",
                req("path", TEXT, "The working tree."),
                req("ref", TEXT, "Tag, branch or commit, e.g. v{{ edge.to }}."),
                opt("fetch", BOOL, "true", "Fetch all remotes first."));
    }
}
