package dev.upbook.journal;

import dev.upbook.journal.Schema.Migration;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The journal on a SQL store (SQLite or PostgreSQL). Each method is one transaction on a pooled
 * connection, so the heartbeat thread and the main thread never share a connection. Reads are
 * single statements: {@link #steps} is one range scan of the {@code (run_id, seq)} primary key,
 * {@link #step} one probe of the {@code (run_id, instance_id)} unique index, and every single-step
 * write one update by primary key after the one-row fencing update.
 *
 * <p>A decision made without a run (a takeover or unlock of a lock that had none) is stored with a NULL run
 * and read back with run id 0; {@code decisions(0)} lists those.
 */
final class SqlJournal implements Journal {
    private static final Set<StepState> FINISHED_STATES =
            Set.of(StepState.SUCCEEDED, StepState.FAILED, StepState.SKIPPED, StepState.PENDING);

    private final Database database;
    private final LockTable locks;
    private final int schemaVersion;

    private SqlJournal(Database database, LockTable locks, int schemaVersion) {
        this.database = database;
        this.locks = locks;
        this.schemaVersion = schemaVersion;
    }

    /** Opens the pool and brings the schema to the newest of {@code migrations}. */
    static SqlJournal open(StoreLocation location, Clock clock, String localHost, List<Migration> migrations) {
        Database database = Database.open(location);
        try {
            int version = new Schema(migrations).migrate(database, clock.instant());
            return new SqlJournal(database, new LockTable(location.dialect(), clock, new Liveness(localHost)), version);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The store itself, for tests that inspect connection settings. */
    Database database() {
        return database;
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    // ---- lock ---------------------------------------------------------------------------------------

    @Override
    public Lease acquire(String installation, Owner owner, Duration lease) throws LockedException {
        Objects.requireNonNull(owner, "owner");
        if (installation == null || installation.isBlank()) throw new IllegalArgumentException("no installation");
        if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("lease must be positive: " + lease);
        return database.write(tx -> locks.acquire(tx, installation, owner, lease));
    }

    @Override
    public void heartbeat(Lease lease) throws LostLockException {
        database.write(tx -> {
            locks.fence(tx, lease, null);
            return null;
        });
    }

    @Override
    public void release(Lease lease) {
        database.write(tx -> {
            locks.release(tx, lease);
            return null;
        });
    }

    @Override
    public Optional<LockInfo> lock(String installation) {
        return database.read(tx -> locks.current(tx, installation));
    }

    @Override
    public Optional<LockInfo> unlock(String installation, Owner by, boolean force, String reason)
            throws LockedException {
        return database.write(tx -> locks.unlock(tx, installation, by, force, reason));
    }

    // ---- runs ---------------------------------------------------------------------------------------

    @Override
    public RunRecord createRun(Lease lease, NewRun run, List<NewStep> steps) throws LostLockException {
        if (!run.installation().equals(lease.installation())) {
            throw new IllegalArgumentException("the run is for installation '" + run.installation()
                    + "' but the lease is for '" + lease.installation() + "'");
        }
        return database.write(tx -> {
            locks.fence(tx, lease, null); // first: a lost lock costs no inserts
            long id = tx.insertReturningId(Sql.INSERT_RUN, run.installation(), run.playbookPath(), run.product(),
                    run.fromVersion(), run.toVersion(), run.planHash(), "", run.inputsJson(), run.owner(),
                    run.started(), RunStatus.RUNNING, run.upbookVersion());
            tx.update(Sql.INSERT_PLAN, id, run.planJson());
            List<Object[]> rows = new ArrayList<>(steps.size());
            for (NewStep step : steps) {
                rows.add(new Object[] {id, step.seq(), step.instanceId(), step.phase(), step.type(), step.stepHash(),
                    step.continueOnFailure(), StepState.PENDING});
            }
            tx.batch(Sql.INSERT_STEP, rows);
            locks.fence(tx, lease, id); // names the new run as the lock's run
            return tx.one(Sql.RUN, Rows::run, id).orElseThrow();
        });
    }

    @Override
    public Optional<RunRecord> run(long runId) {
        return database.read(tx -> tx.one(Sql.RUN, Rows::run, runId));
    }

    @Override
    public Optional<RunRecord> latestRun(String installation) {
        return history(installation, 1).stream().findFirst();
    }

    @Override
    public List<RunRecord> history(String installation, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative: " + limit);
        return database.read(tx -> tx.list(Sql.HISTORY, Rows::run, installation, limit));
    }

    @Override
    public List<String> installations() {
        return database.read(tx -> tx.list(Sql.INSTALLATIONS, row -> row.text("installation")));
    }

    @Override
    public List<StepRecord> steps(long runId) {
        return database.read(tx -> tx.list(Sql.STEPS, Rows::step, runId));
    }

    @Override
    public List<StepRecord> openSteps(long runId) {
        return database.read(tx -> tx.list(Sql.OPEN_STEPS, Rows::step, runId));
    }

    @Override
    public int stepCount(long runId) {
        return database.read(tx -> tx.one(Sql.STEP_COUNT, row -> row.intValue("n"), runId)).orElse(0);
    }

    @Override
    public Optional<StepRecord> step(long runId, String instanceId) {
        return database.read(tx -> tx.one(Sql.STEP, Rows::step, runId, instanceId));
    }

    @Override
    public void stepStarted(Lease lease, long runId, int seq, String inputHash, Instant at) throws LostLockException {
        updateStep(lease, runId, seq, Sql.STEP_STARTED, StepState.RUNNING, at, inputHash);
    }

    @Override
    public void stepFinished(Lease lease, long runId, int seq, StepState state, Instant at, String message,
            String output, String registeredJson) throws LostLockException {
        if (!FINISHED_STATES.contains(state)) {
            throw new IllegalArgumentException("a step cannot finish as " + state + "; expected one of "
                    + FINISHED_STATES);
        }
        updateStep(lease, runId, seq, Sql.STEP_FINISHED, state, at, message, output, registeredJson);
    }

    @Override
    public void passFinished(Lease lease, long runId, int seq, Instant at, String message) throws LostLockException {
        updateStep(lease, runId, seq, Sql.PASS_FINISHED, at, message);
    }

    @Override
    public void saveCheckpoint(Lease lease, long runId, int seq, String checkpoint) throws LostLockException {
        updateStep(lease, runId, seq, Sql.CHECKPOINT, checkpoint);
    }

    @Override
    public void runStatus(Lease lease, long runId, RunStatus status, Instant at, String message)
            throws LostLockException {
        Instant ended = status == RunStatus.RUNNING ? null : at;
        database.write(tx -> {
            fenceRun(tx, lease, runId);
            tx.update(Sql.RUN_STATUS, status, ended, message, runId);
            return null;
        });
    }

    @Override
    public void acceptDrift(Lease lease, long runId, List<NewStep> newSteps, Decision decision)
            throws LostLockException {
        if (decision.runId() != runId) {
            throw new IllegalArgumentException("the decision is about run #" + decision.runId() + ", not #" + runId);
        }
        database.write(tx -> {
            fenceRun(tx, lease, runId);
            DriftAcceptance.apply(tx, runId, newSteps);
            LockTable.record(tx, decision);
            return null;
        });
    }

    // ---- captures and review ------------------------------------------------------------------------

    @Override
    public void captured(Lease lease, long runId, CaptureRecord capture) throws LostLockException {
        database.write(tx -> {
            fenceRun(tx, lease, runId);
            tx.update(Sql.DELETE_CAPTURE, runId, capture.captureId());
            tx.update(Sql.INSERT_CAPTURE, runId, capture.captureId(), capture.title(), capture.valueJson(), capture.detail(),
                    capture.at());
            return null;
        });
    }

    @Override
    public List<CaptureRecord> captures(long runId) {
        return database.read(tx -> tx.list(Sql.CAPTURES, Rows::capture, runId));
    }

    @Override
    public void reviewed(Lease lease, long runId, ReviewRecord item) throws LostLockException {
        database.write(tx -> {
            fenceRun(tx, lease, runId);
            Optional<ReviewRecord> known = tx.one(Sql.REVIEW_ITEM, Rows::review, runId, item.itemId());
            if (known.isEmpty()) {
                tx.update(Sql.INSERT_REVIEW, runId, item.seq(), item.itemId(), item.title(), item.hop().orElse(null), item.severity(),
                        item.kind(), item.state(), item.detail(), item.evidenceJson(), item.evaluated().orElse(null),
                        item.decidedBy().orElse(null), item.decided().orElse(null), item.note());
            } else if (known.get().decidedBy().isEmpty()) {
                tx.update(Sql.UPDATE_REVIEW, item.seq(), item.title(), item.hop().orElse(null), item.severity(), item.kind(),
                        item.state(), item.detail(), item.evidenceJson(), item.evaluated().orElse(null), runId, item.itemId());
            }
            return null;
        });
    }

    @Override
    public List<ReviewRecord> review(long runId) {
        return database.read(tx -> tx.list(Sql.REVIEW, Rows::review, runId));
    }

    @Override
    public ReviewRecord signReview(long runId, String itemId, boolean accepted, String signer, String note, Decision decision)
            throws LockedException {
        return database.write(tx -> {
            locks.checkMayDecide(tx, decision.installation(), decision.by());
            requireRunOf(tx, runId, decision.installation());
            ReviewRecord item = tx.one(Sql.REVIEW_ITEM, Rows::review, runId, itemId).orElseThrow(() -> new JournalException(
                    "run #" + runId + " has no review item '" + itemId + "'"));
            ReviewState state = accepted ? ReviewState.SIGNED_OFF : ReviewState.REJECTED;
            tx.update(Sql.SIGN_REVIEW, state, signer, decision.at(), note, runId, itemId);
            LockTable.record(tx, decision);
            return tx.one(Sql.REVIEW_ITEM, Rows::review, runId, itemId).orElseThrow();
        });
    }

    // ---- operator decisions -------------------------------------------------------------------------

    @Override
    public void decide(Decision decision) throws LockedException {
        database.write(tx -> {
            locks.checkMayDecide(tx, decision.installation(), decision.by());
            if (decision.runId() != 0) requireRunOf(tx, decision.runId(), decision.installation());
            applyToStep(tx, decision);
            LockTable.record(tx, decision);
            return null;
        });
    }

    private static void applyToStep(Tx tx, Decision decision) throws SQLException {
        boolean done = decision.kind() == DecisionKind.MARK_DONE;
        if (!done && decision.kind() != DecisionKind.MARK_RETRY) return;
        String instanceId = decision.instanceId().orElseThrow(() -> new IllegalArgumentException(
                decision.kind() + " needs the step it is about"));
        String message = (done ? "marked done by " : "marked for retry by ") + decision.by().describe() + ": "
                + decision.reason();
        int changed = tx.update(Sql.DECIDED_STATE, done ? StepState.SUCCEEDED : StepState.PENDING,
                done ? decision.at() : null, message, decision.runId(), instanceId);
        if (changed != 1) throw new JournalException("run #" + decision.runId() + " has no step '" + instanceId + "'");
    }

    @Override
    public List<Decision> decisions(long runId) {
        if (runId == 0) return database.read(tx -> tx.list(Sql.RUNLESS_DECISIONS, Rows::decision));
        return database.read(tx -> tx.list(Sql.DECISIONS, Rows::decision, runId));
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "journal " + describe();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** One fenced update of one step by primary key; {@code leading} parameters precede run id and seq. */
    private void updateStep(Lease lease, long runId, int seq, String sql, Object... leading) throws LostLockException {
        Object[] parameters = new Object[leading.length + 2];
        System.arraycopy(leading, 0, parameters, 0, leading.length);
        parameters[leading.length] = runId;
        parameters[leading.length + 1] = seq;
        database.write(tx -> {
            fenceRun(tx, lease, runId);
            if (tx.update(sql, parameters) != 1) throw new JournalException("run #" + runId + " has no step " + seq);
            return null;
        });
    }

    /** Proves the lease and that the run belongs to the lease's installation. */
    private void fenceRun(Tx tx, Lease lease, long runId) throws SQLException, LostLockException {
        locks.fence(tx, lease, runId);
        requireRunOf(tx, runId, lease.installation());
    }

    private static void requireRunOf(Tx tx, long runId, String installation) throws SQLException {
        String owner = tx.one(Sql.RUN_INSTALLATION, row -> row.text("installation"), runId)
                .orElseThrow(() -> new JournalException("there is no run #" + runId + " in the journal"));
        if (!owner.equals(installation)) {
            throw new JournalException("run #" + runId + " belongs to installation '" + owner + "', not '"
                    + installation + "'");
        }
    }
}
