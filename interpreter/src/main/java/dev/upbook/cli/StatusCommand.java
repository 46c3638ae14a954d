package dev.upbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.RunRecord;
import dev.upbook.journal.Journal.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook status}: where the installation's run stands, step by step. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Show where a run stands, step by step: state, attempts, passes, timings and the last message (masked).")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journalOptions;

    @Option(names = "--run", paramLabel = "ID", description = "A run id (default: the installation's newest run).")
    Long runId;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
    Format format;

    enum Format { text, json }

    @Override
    public Integer call() throws Exception {
        try (Journal journal = journalOptions.open()) {
            RunRecord run = runId == null ? journalOptions.latestRun(journal) : journal.run(runId).orElseThrow(
                    () -> new CommandException(ExitCode.USAGE, "there is no run #" + runId + " in " + journal.describe()));
            List<StepRecord> steps = journal.steps(run.id());
            Optional<Journal.LockInfo> lock = journal.lock(run.installation());
            List<Journal.Decision> decisions = journal.decisions(run.id());
            PrintWriter out = spec.commandLine().getOut();
            List<Journal.ReviewRecord> review = journal.review(run.id());
            if (format == Format.json) {
                Map<String, Object> m = json(run, steps, lock, decisions);
                m.put("review", review(review));
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
            } else {
                out.print(text(run, steps, lock, decisions));
                if (!review.isEmpty()) out.print("\n" + dev.upbook.run.ReviewTable.render(review) + "\n");
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    static String text(RunRecord run, List<StepRecord> steps, Optional<Journal.LockInfo> lock, List<Journal.Decision> decisions) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run #").append(run.id()).append(" on installation '").append(run.installation()).append("': ")
                .append(run.fromVersion()).append(" → ").append(run.toVersion()).append(", ")
                .append(run.status().label()).append('\n');
        sb.append("  playbook: ").append(run.playbookPath()).append(" (plan ").append(run.planHash(), 0, Math.min(12, run.planHash().length()))
                .append(")\n");
        sb.append("  started:  ").append(run.started()).append(" by ").append(run.owner().describe()).append('\n');
        run.ended().ifPresent(e -> sb.append("  ended:    ").append(e).append('\n'));
        if (!run.message().isEmpty()) sb.append("  message:  ").append(run.message().replace("\n", "\n            ")).append('\n');
        lock.ifPresent(l -> sb.append("  lock:     held by ").append(l.owner().describe()).append(" since ").append(l.acquired())
                .append(", lease until ").append(l.expires()).append('\n'));
        long done = steps.stream().filter(StepRecord::settled).count();
        sb.append("  steps:    ").append(done).append(" of ").append(steps.size()).append(" settled\n\n");
        Table table = new Table("  ").row("#", "STATE", "TRIES", "TIME", "STEP", "MESSAGE");
        for (StepRecord s : steps) {
            String time = s.started().isPresent() && s.ended().isPresent()
                    ? elapsed(Duration.between(s.started().get(), s.ended().get())) : "";
            String tries = s.attempts() == 0 ? "" : s.passes() > 0 ? s.attempts() + " (" + s.passes() + " passes)" : String.valueOf(s.attempts());
            table.row(String.valueOf(s.seq() + 1), word(s.state().name()), tries, time, s.instanceId(), firstLine(s.message()));
        }
        sb.append(table.render());
        if (!decisions.isEmpty()) {
            sb.append("\nOperator decisions:\n");
            for (Journal.Decision d : decisions) {
                sb.append("  ").append(d.at()).append("  ").append(word(d.kind().name())).append(d.instanceId().map(i -> " " + i).orElse(""))
                        .append(" by ").append(d.by().describe()).append(": ").append(firstLine(d.reason())).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, Object> json(RunRecord run, List<StepRecord> steps, Optional<Journal.LockInfo> lock,
            List<Journal.Decision> decisions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.id());
        m.put("installation", run.installation());
        m.put("from", run.fromVersion());
        m.put("to", run.toVersion());
        m.put("status", run.status().label());
        m.put("message", run.message());
        m.put("plan", run.planHash());
        m.put("playbook", run.playbookPath());
        m.put("started", run.started().toString());
        m.put("ended", run.ended().map(Object::toString).orElse(null));
        m.put("owner", run.owner().describe());
        m.put("lock", lock.map(l -> l.owner().describe()).orElse(null));
        List<Object> list = new ArrayList<>();
        for (StepRecord s : steps) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", s.seq());
            e.put("step", s.instanceId());
            e.put("phase", s.phase());
            e.put("type", s.type());
            e.put("state", word(s.state().name()));
            e.put("settled", s.settled());
            e.put("attempts", s.attempts());
            e.put("passes", s.passes());
            e.put("started", s.started().map(Object::toString).orElse(null));
            e.put("ended", s.ended().map(Object::toString).orElse(null));
            e.put("message", s.message());
            list.add(e);
        }
        m.put("steps", list);
        List<Object> ds = new ArrayList<>();
        for (Journal.Decision d : decisions) {
            ds.add(Map.of("kind", word(d.kind().name()), "step", d.instanceId().orElse(""), "reason", d.reason(),
                    "by", d.by().describe(), "at", d.at().toString()));
        }
        m.put("decisions", ds);
        return m;
    }

    /** The review items as JSON: state, severity, detail, the evidence compared, and the sign-off. */
    private static List<Object> review(List<Journal.ReviewRecord> items) {
        ObjectMapper json = new ObjectMapper();
        List<Object> list = new ArrayList<>();
        for (Journal.ReviewRecord r : items) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("item", r.itemId());
            e.put("title", r.title());
            e.put("hop", r.hop().orElse(null));
            e.put("severity", r.severity());
            e.put("kind", r.kind());
            e.put("state", r.state().label());
            e.put("detail", r.detail());
            try {
                e.put("evidence", json.readTree(r.evidenceJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                e.put("evidence", r.evidenceJson());
            }
            e.put("decidedBy", r.decidedBy().orElse(null));
            e.put("decided", r.decided().map(Object::toString).orElse(null));
            e.put("note", r.note());
            list.add(e);
        }
        return list;
    }

    static String word(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static String elapsed(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + "ms" : dev.upbook.spec.Durations.format(Duration.ofSeconds(Math.max(1, d.toSeconds())));
    }
}
