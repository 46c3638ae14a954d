package dev.upbook.journal;

import dev.upbook.journal.Journal.CaptureRecord;
import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.LockInfo;
import dev.upbook.journal.Journal.ReviewRecord;
import dev.upbook.journal.Journal.ReviewState;
import dev.upbook.journal.Journal.RunRecord;
import dev.upbook.journal.Journal.RunStatus;
import dev.upbook.journal.Journal.StepRecord;
import dev.upbook.journal.Journal.StepState;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/** Reads the journal's records from rows selected with the column lists of {@link Sql}. */
final class Rows {
    private Rows() {}

    static LockInfo lock(Tx.Row row) throws SQLException {
        return new LockInfo(row.text("installation"), row.owner(), row.longValue("token"), row.instant("acquired"),
                row.instant("heartbeat"), row.instant("expires"), row.optionalLong("run_id"));
    }

    static RunRecord run(Tx.Row row) throws SQLException {
        return new RunRecord(row.longValue("id"), row.text("installation"), row.text("playbook_path"),
                row.text("product"), row.text("from_version"), row.text("to_version"), row.text("plan_hash"),
                row.text("plan_json"), row.text("inputs_json"), row.owner(), row.instant("started"),
                row.optionalInstant("ended"), row.enumValue("status", RunStatus.class), row.text("message"),
                row.text("upbook_version"));
    }

    static StepRecord step(Tx.Row row) throws SQLException {
        return new StepRecord(row.longValue("run_id"), row.intValue("seq"), row.text("instance_id"),
                row.text("phase"), row.text("type"), row.text("step_hash"), row.flag("continue_on_failure"),
                row.enumValue("state", StepState.class), row.intValue("attempts"), row.intValue("passes"),
                row.optionalInstant("started"), row.optionalInstant("ended"), row.text("input_hash"),
                row.text("message"), row.text("output"), row.text("registered_json"), row.text("checkpoint"));
    }

    /** A decision; one recorded without a run reads back with run id 0. */
    static Decision decision(Tx.Row row) throws SQLException {
        return new Decision(row.optionalLong("run_id").orElse(0L), row.text("installation"),
                Optional.ofNullable(row.text("instance_id")), row.enumValue("kind", DecisionKind.class),
                row.text("reason"), row.owner(), row.instant("at"));
    }

    /** The parameters of {@link Sql#INSERT_DECISION}; run id 0 is stored as NULL (no run), no reason as "". */
    static Object[] decisionParameters(Decision decision) {
        return new Object[] {decision.runId() == 0 ? null : decision.runId(), decision.installation(),
                decision.instanceId().orElse(null), decision.kind(), Objects.requireNonNullElse(decision.reason(), ""),
                decision.by(), decision.at()};
    }

    static CaptureRecord capture(Tx.Row row) throws SQLException {
        return new CaptureRecord(row.text("capture_id"), row.text("title"), row.text("value_json"), row.text("detail"),
                row.instant("at"));
    }

    static ReviewRecord review(Tx.Row row) throws SQLException {
        return new ReviewRecord(row.intValue("seq"), row.text("item_id"), row.text("title"), Optional.ofNullable(row.text("hop")),
                row.text("severity"), row.text("kind"), row.enumValue("state", ReviewState.class),
                Objects.requireNonNullElse(row.text("detail"), ""), Objects.requireNonNullElse(row.text("evidence_json"), "{}"),
                row.optionalInstant("evaluated"), Optional.ofNullable(row.text("decided_by")), row.optionalInstant("decided"),
                Objects.requireNonNullElse(row.text("note"), ""));
    }
}
