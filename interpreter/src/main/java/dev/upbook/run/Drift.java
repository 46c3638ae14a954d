package dev.upbook.run;

import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.StepRecord;
import dev.upbook.journal.Journal.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the current playbook's plan differs from the steps a run journaled: steps that finished
 * but would now be different, remaining steps that changed, steps added and steps removed. Step
 * identity is the instance id; a step changes when its canonical hash does (parameters, type,
 * flags, {@code revision}; not titles, comments or formatting).
 */
record Drift(List<String> changedFinished, List<String> changedRemaining, List<String> added, List<String> removed) {
    /** How many ids of each kind the description names; the rest are counted. */
    private static final int LISTED = 20;

    static Drift between(List<StepRecord> journaled, List<NewStep> wanted) {
        Map<String, StepRecord> byId = new LinkedHashMap<>();
        for (StepRecord r : journaled) {
            if (r.state() != StepState.REMOVED) byId.put(r.instanceId(), r);
        }
        List<String> changedFinished = new ArrayList<>();
        List<String> changedRemaining = new ArrayList<>();
        List<String> added = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NewStep s : wanted) {
            seen.add(s.instanceId());
            StepRecord r = byId.get(s.instanceId());
            if (r == null) {
                added.add(s.instanceId());
            } else if (!r.stepHash().equals(s.stepHash())) {
                (r.settled() || r.state() == StepState.RUNNING ? changedFinished : changedRemaining).add(s.instanceId());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : byId.keySet()) {
            if (!seen.contains(id)) removed.add(id);
        }
        return new Drift(changedFinished, changedRemaining, added, removed);
    }

    boolean isEmpty() {
        return changedFinished.isEmpty() && changedRemaining.isEmpty() && added.isEmpty() && removed.isEmpty();
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        section(sb, "changed after it ran (or while it ran)", changedFinished);
        section(sb, "changed, not run yet", changedRemaining);
        section(sb, "added", added);
        section(sb, "removed", removed);
        return sb.toString().stripTrailing();
    }

    String summary() {
        return changedFinished.size() + " finished step(s) changed, " + changedRemaining.size() + " remaining changed, "
                + added.size() + " added, " + removed.size() + " removed";
    }

    private static void section(StringBuilder sb, String title, List<String> ids) {
        if (ids.isEmpty()) return;
        sb.append("  ").append(title).append(" (").append(ids.size()).append("):\n");
        for (String id : ids.subList(0, Math.min(LISTED, ids.size()))) sb.append("    ").append(id).append('\n');
        if (ids.size() > LISTED) sb.append("    … and ").append(ids.size() - LISTED).append(" more\n");
    }
}
