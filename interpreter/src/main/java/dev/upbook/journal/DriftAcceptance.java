package dev.upbook.journal;

import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.StepState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a run's steps to a new plan after the operator accepted drift. Steps are matched by
 * instance id, not by seq (seqs shift when the plan changes): a step still in the plan gets the new
 * hash, phase, type and on-failure and keeps its seq and state (a step removed earlier and now back
 * is pending again); a new step is appended as pending after the highest seq, in the new plan's
 * order; a step no longer in the plan becomes {@code REMOVED}. Three batches, one per kind of row.
 */
final class DriftAcceptance {
    private DriftAcceptance() {}

    private record Existing(String instanceId, int seq, StepState state) {}

    static void apply(Tx tx, long runId, List<NewStep> newSteps) throws SQLException {
        Map<String, Existing> existing = new HashMap<>();
        int nextSeq = 0;
        for (Existing step : tx.list(Sql.STEP_KEYS, DriftAcceptance::existing, runId)) {
            existing.put(step.instanceId(), step);
            nextSeq = Math.max(nextSeq, step.seq() + 1);
        }
        List<NewStep> plan = new ArrayList<>(newSteps);
        plan.sort(Comparator.comparingInt(NewStep::seq));
        Set<String> inPlan = new HashSet<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (NewStep step : plan) {
            if (!inPlan.add(step.instanceId())) {
                throw new IllegalArgumentException("the new plan has step '" + step.instanceId() + "' twice");
            }
            Existing old = existing.get(step.instanceId());
            if (old == null) {
                inserts.add(new Object[] {runId, nextSeq++, step.instanceId(), step.phase(), step.type(),
                    step.stepHash(), step.continueOnFailure(), StepState.PENDING});
            } else {
                StepState state = old.state() == StepState.REMOVED ? StepState.PENDING : old.state();
                updates.add(new Object[] {step.phase(), step.type(), step.stepHash(), step.continueOnFailure(), state,
                    runId, old.seq()});
            }
        }
        List<Object[]> removals = new ArrayList<>();
        existing.forEach((instanceId, old) -> {
            if (!inPlan.contains(instanceId) && old.state() != StepState.REMOVED) {
                removals.add(new Object[] {StepState.REMOVED, runId, old.seq()});
            }
        });
        tx.batch(Sql.DRIFTED_STEP, updates);
        tx.batch(Sql.INSERT_STEP, inserts);
        tx.batch(Sql.REMOVED_STEP, removals);
    }

    private static Existing existing(Tx.Row row) throws SQLException {
        return new Existing(row.text("instance_id"), row.intValue("seq"), row.enumValue("state", StepState.class));
    }
}
