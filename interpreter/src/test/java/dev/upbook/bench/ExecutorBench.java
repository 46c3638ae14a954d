package dev.upbook.bench;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.journal.Owners;
import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.plan.Planner;
import dev.upbook.plan.StepInstance;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the executor benchmarks of {@code bench/executor}; prints what it made, times nothing.
 *
 * <ul>
 *   <li>{@code noop.playbook.yaml}: 1.0.0 → 1.10.0 in 10 hops of 100 {@code exec /bin/true} steps (1,000 steps);</li>
 *   <li>{@code big.playbook.yaml}: 1.0.0 → 1.1000.0 in 1,000 hops of 100 {@code assert} steps (100,000 steps), and
 *       {@code big-journal.db}: a run of it stopped with 99,998 steps succeeded, so that {@code upbook resume}
 *       continues at step 99,999.</li>
 * </ul>
 *
 * <p>Usage: {@code ExecutorBench DIR}.
 */
public final class ExecutorBench {
    private ExecutorBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/executor").toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("noop.playbook.yaml"), playbook(10, 100, "{ argv: [/bin/true] }", "exec"));
        Path big = dir.resolve("big.playbook.yaml");
        Files.writeString(big, playbook(1000, 100, "{ that: \"true\" }", "assert"));
        System.out.println("wrote " + dir.resolve("noop.playbook.yaml") + " (1,000 exec /bin/true steps)");

        Compilation c = PlaybookCompiler.standard().compile(big);
        if (c.hasErrors()) throw new IllegalStateException("big playbook has errors: " + c.diagnostics());
        VersionGraph graph = c.graph().orElseThrow();
        Plan plan = Planner.plan(c.playbook().orElseThrow(), graph,
                new Resolver(graph).resolve(graph.scheme().parse("1.0.0"), graph.scheme().parse("1.1000.0")).found().orElseThrow());
        List<Journal.NewStep> steps = new ArrayList<>();
        for (StepInstance s : plan.steps()) {
            if (s.isReview()) continue;
            steps.add(new Journal.NewStep(steps.size(), s.id(), s.phase().keyword(), s.type(), s.hash(), false));
        }
        Path db = dir.resolve("big-journal.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
        long runId;
        try (Journal journal = Journals.open(db.toString())) {
            Journal.Lease lease = journal.acquire("bench", Owners.current(), Duration.ofMinutes(5));
            Journal.RunRecord run = journal.createRun(lease, new Journal.NewRun("bench", big.toString(), plan.product(), "1.0.0",
                    "1.1000.0", plan.hash(), PlanPrinter.json(plan, false, null), "{}", Owners.current(), Instant.now(), "bench"),
                    steps);
            runId = run.id();
            journal.runStatus(lease, runId, Journal.RunStatus.STOPPED, Instant.now(), "prepared by ExecutorBench");
            journal.release(lease);
        }
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = conn.prepareStatement(
                        "UPDATE upbook_steps SET state = 'SUCCEEDED', attempts = 1 WHERE run_id = ? AND seq < ?")) {
            ps.setLong(1, runId);
            ps.setInt(2, steps.size() - 2);
            System.out.println("wrote " + db + ": run #" + runId + " of " + steps.size() + " steps, " + ps.executeUpdate()
                    + " succeeded; resume continues at step " + (steps.size() - 1));
        }
    }

    /** Releases 1.0.0 .. 1.HOPS.0, one rule with STEPS steps of TYPE per hop. */
    static String playbook(int hops, int stepsPerHop, String with, String type) {
        StringBuilder sb = new StringBuilder("upbook: 1\nproduct: { name: bench }\nversions:\n  scheme: semver\n  releases: [");
        for (int i = 0; i <= hops; i++) sb.append(i == 0 ? "" : ", ").append("1.").append(i).append(".0");
        sb.append("]\nrules:\n  - id: minors\n    sequence: minor\n    within: \">=1.0.0 <2.0.0\"\n    steps:\n");
        for (int i = 0; i < stepsPerHop; i++) {
            sb.append("      - { id: s").append(i).append(", type: ").append(type).append(", with: ").append(with).append(" }\n");
        }
        return sb.toString();
    }
}
