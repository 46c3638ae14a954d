package dev.upbook.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of runs: per installation its lock, its runs (with the plan and its hash),
 * per step instance its state, attempts, timings, input hash, masked output and registered value,
 * and the operator's decisions. The store behind it is SQLite (embedded default) or PostgreSQL,
 * both through HikariCP; see {@link Journals#open(String)}.
 *
 * <p><b>Write-ahead.</b> Every write method returns only after its transaction is durable
 * (SQLite WAL with {@code synchronous=FULL}; PostgreSQL commit).
 *
 * <p><b>Fencing.</b> Every write that belongs to a run takes the {@link Lease} and checks, in the
 * same transaction, that the lease's token is still the installation's current token (and renews
 * the lease, as {@link #heartbeat} does); when it is not (the lock was forced away or taken over),
 * the write changes nothing and throws {@link LostLockException}.
 *
 * <p>Texts handed to the journal are already masked by the caller; the journal stores them as given.
 * Implementations are thread-safe (the heartbeat runs on its own thread).
 */
public interface Journal extends AutoCloseable {

    /** Where the journal lives, for messages (no password). */
    String describe();

    /** The journal schema version this store is at after opening (migrations run on open). */
    int schemaVersion();

    // ---- lock -------------------------------------------------------------------------------

    /**
     * Takes the installation's lock for {@code owner}, valid for {@code lease} unless renewed by
     * {@link #heartbeat}. When another owner holds it:
     * <ul>
     *   <li>the holder is on this host and its process is gone (no such pid, or a different start
     *       time): the lock is taken over, the new token is higher, and the takeover is recorded
     *       as a decision ({@code LOCK_TAKEN_OVER}) on the holder's run (run id 0 when the lock had
     *       none); {@link Lease#tookOver()} names the previous holder so the caller can say so;</li>
     *   <li>otherwise (alive, or on another host even with an expired lease): {@link LockedException}
     *       naming the holder and whether its lease expired; only {@link #unlock} frees it.</li>
     * </ul>
     * The lock is not re-entrant: a second acquire by the same process is refused the same way.
     * Process start times are compared with a tolerance of one second.
     */
    Lease acquire(String installation, Owner owner, Duration lease) throws LockedException;

    /** Extends the lease; throws {@link LostLockException} when the token is no longer current. */
    void heartbeat(Lease lease) throws LostLockException;

    /** Releases the lock if the lease still holds it; a no-op otherwise. */
    void release(Lease lease);

    /** The current holder of an installation's lock, if any. */
    Optional<LockInfo> lock(String installation);

    /**
     * Frees an installation's lock on the operator's request and records the decision
     * ({@code UNLOCK} or {@code FORCE_UNLOCK}) with its reason on the holder's run (if any). Without
     * {@code force} only a lock whose holder is dead or whose lease expired is freed; a live holder
     * gives {@link LockedException}. The token is bumped so the old holder's next write fails.
     *
     * @return the lock that was freed, or empty when there was none
     */
    Optional<LockInfo> unlock(String installation, Owner by, boolean force, String reason) throws LockedException;

    // ---- runs -------------------------------------------------------------------------------

    /**
     * Records a new run and all its step instances as {@code PENDING}, in one transaction.
     * Requires the lease. Returns the run with its id.
     */
    RunRecord createRun(Lease lease, NewRun run, List<NewStep> steps) throws LostLockException;

    Optional<RunRecord> run(long runId);

    /** The newest run of the installation (by id), if any; like {@link #history}, without the plan's JSON. */
    Optional<RunRecord> latestRun(String installation);

    /**
     * The installation's runs, newest first, at most {@code limit}. Their {@code planJson} is empty
     * (it can be megabytes); {@link #run(long)} has it.
     */
    List<RunRecord> history(String installation, int limit);

    /** The installation names that have runs or a lock, sorted. */
    List<String> installations();

    /** A run's step instances by {@code seq} (plan order; steps appended by {@link #acceptDrift} come last). */
    List<StepRecord> steps(long runId);

    /**
     * The steps of a run that are not {@link StepRecord#settled() settled}, the failed ones, and the
     * settled ones that hold a registered value, by {@code seq}: what resume needs when the playbook did not drift.
     * The store filters, so the cost is in the open steps, not in the run's size.
     */
    List<StepRecord> openSteps(long runId);

    /** How many step instances the run has (not counting removed ones). */
    int stepCount(long runId);

    /** One step instance by its instance id. */
    Optional<StepRecord> step(long runId, String instanceId);

    /** Marks a step {@code RUNNING}: attempts+1, started now, input hash; durable before the step runs. */
    void stepStarted(Lease lease, long runId, int seq, String inputHash, Instant at) throws LostLockException;

    /**
     * Records how a step ended: its state ({@code SUCCEEDED}, {@code FAILED}, {@code SKIPPED}, or
     * {@code PENDING} for a repeating step between passes or a step stopped at a safe point),
     * the time, a one-line message, the output excerpt and the registered value as JSON (or null).
     */
    void stepFinished(Lease lease, long runId, int seq, StepState state, Instant at, String message, String output,
            String registeredJson) throws LostLockException;

    /**
     * Records that a repeating step finished one more pass: passes+1, the time as its ended time,
     * the message, and the step is {@code PENDING} until its next pass starts.
     */
    void passFinished(Lease lease, long runId, int seq, Instant at, String message) throws LostLockException;

    /** Saves a step's checkpoint (resumable work such as a batched copy). */
    void saveCheckpoint(Lease lease, long runId, int seq, String checkpoint) throws LostLockException;

    /**
     * Sets a run's status with a message. Any status but {@code RUNNING} also sets the ended time to
     * {@code at} (a failed or waiting run has ended too: its process is gone); {@code RUNNING}
     * (a resume) clears it.
     */
    void runStatus(Lease lease, long runId, RunStatus status, Instant at, String message) throws LostLockException;

    /**
     * Rewrites a run's steps to the new plan after the operator accepted drift, matching steps by
     * {@link NewStep#instanceId()} (seqs shift when a plan changes): a step still in the plan gets
     * the new hash, phase, type and on-failure and keeps its seq and state (one {@code REMOVED}
     * earlier becomes {@code PENDING}); a step new in the plan is appended as {@code PENDING} after
     * the highest seq, in the new plan's order; a step no longer in the plan becomes
     * {@code REMOVED}. {@link #steps} then still returns them by seq. The run's plan hash is not
     * changed. Recorded together with the decision (whose run id must be {@code runId}), in one
     * transaction.
     */
    void acceptDrift(Lease lease, long runId, List<NewStep> newSteps, Decision decision) throws LostLockException;

    // ---- captures and review ----------------------------------------------------------------

    /** Records a value captured before the first step (once per run and capture; a second write replaces it). */
    void captured(Lease lease, long runId, CaptureRecord capture) throws LostLockException;

    /** The run's captured values, in the order they were captured. */
    List<CaptureRecord> captures(long runId);

    /**
     * Records an evaluation of a review item (inserting it the first time). A manual item's
     * sign-off or rejection is kept: evaluating it again leaves a decided item as it is.
     */
    void reviewed(Lease lease, long runId, ReviewRecord item) throws LostLockException;

    /** The run's review items, in plan order. */
    List<ReviewRecord> review(long runId);

    /**
     * An operator signs off (or rejects) a review item: the item's state, the signer's name, when and
     * the note, and {@code decision} ({@link DecisionKind#SIGN_OFF} / {@link DecisionKind#REJECT}),
     * in one transaction. Refused while another process holds the installation's lock.
     */
    ReviewRecord signReview(long runId, String itemId, boolean accepted, String signer, String note, Decision decision)
            throws LockedException;

    // ---- operator decisions -----------------------------------------------------------------

    /**
     * Records an operator decision. {@code MARK_DONE} / {@code MARK_RETRY} also set the step's state
     * ({@code SUCCEEDED} / {@code PENDING}) in the same transaction. Needs no lease: it is allowed
     * when the installation is not locked, is locked by {@code decision.by()} (same user, host and
     * pid), or by a holder on this host whose process is gone. Any other holder, including one on
     * another host whose lease expired, gives {@link LockedException} and nothing is recorded.
     */
    void decide(Decision decision) throws LockedException;

    /**
     * A run's decisions in the order they were made. Decisions made without a run (a takeover or
     * unlock of a lock that had no run) have run id 0, and {@code decisions(0)} lists them.
     */
    List<Decision> decisions(long runId);

    @Override
    void close();

    // ---- records ----------------------------------------------------------------------------

    /** Who runs: user, host, pid and the process start time (to tell a reused pid from the holder). */
    record Owner(String user, String host, long pid, Instant processStart) {
        public String describe() {
            return user + "@" + host + " (pid " + pid + ")";
        }
    }

    /** A held lock: the installation, the fencing token and the lease's expiry. */
    record Lease(String installation, long token, Owner owner, Instant expires, Optional<LockInfo> tookOver) {}

    record LockInfo(String installation, Owner owner, long token, Instant acquired, Instant heartbeat, Instant expires,
            Optional<Long> runId) {}

    enum RunStatus {
        /** Executing now, or crashed while executing (the lock tells which). */
        RUNNING,
        /** Ended cleanly before the last step (--max-steps, a signal); resume continues. */
        STOPPED,
        /** A step needs the operator's decision ({@code upbook mark}) or confirmation. */
        AWAITING_DECISION,
        /** A step failed with on-failure abort; resume retries it. */
        FAILED,
        /** A recovery ran after a failure; the run is over and cannot be resumed. */
        RECOVERED,
        /** Given up by the operator; cannot be resumed. */
        ABANDONED,
        /** Every step is done but a blocking review item failed or awaits sign-off; 'upbook review' continues. */
        NEEDS_REVIEW,
        /** Every step is done and every blocking review item passed or was signed off. */
        COMPLETE;

        public boolean isFinal() {
            return this == RECOVERED || this == ABANDONED || this == COMPLETE;
        }

        /** Every step of the run is done (the installation is at the target), whatever the review says. */
        public boolean stepsDone() {
            return this == COMPLETE || this == NEEDS_REVIEW;
        }

        /** How the status reads in output: {@code needs-review}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    enum StepState { PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, REMOVED }

    record NewRun(String installation, String playbookPath, String product, String fromVersion, String toVersion,
            String planHash, String planJson, String inputsJson, Owner owner, Instant started, String upbookVersion) {}

    /**
     * A step instance of a new run.
     *
     * @param seq position in the plan, from 0
     * @param stepHash hash of the step's canonical form (drift detection)
     * @param continueOnFailure whether on-failure is {@code continue} (a failed step is then settled)
     */
    record NewStep(int seq, String instanceId, String phase, String type, String stepHash, boolean continueOnFailure) {}

    record RunRecord(long id, String installation, String playbookPath, String product, String fromVersion,
            String toVersion, String planHash, String planJson, String inputsJson, Owner owner, Instant started,
            Optional<Instant> ended, RunStatus status, String message, String upbookVersion) {}

    record StepRecord(long runId, int seq, String instanceId, String phase, String type, String stepHash,
            boolean continueOnFailure, StepState state, int attempts, int passes, Optional<Instant> started,
            Optional<Instant> ended, String inputHash, String message, String output, String registeredJson,
            String checkpoint) {

        /** Settled steps are not run again on resume: succeeded, skipped, removed, or failed with on-failure continue. */
        public boolean settled() {
            return state == StepState.SUCCEEDED || state == StepState.SKIPPED || state == StepState.REMOVED
                    || (state == StepState.FAILED && continueOnFailure);
        }
    }

    enum DecisionKind { MARK_DONE, MARK_RETRY, ACCEPT_DRIFT, UNLOCK, FORCE_UNLOCK, LOCK_TAKEN_OVER, CONFIRM, ABANDON, SIGN_OFF, REJECT }

    /** A value captured before anything changed, as JSON (masked), with the check's detail. */
    record CaptureRecord(String captureId, String title, String valueJson, String detail, Instant at) {}

    /** Where a review item stands. */
    enum ReviewState {
        /** Not evaluated yet, or a manual item awaiting sign-off. */
        PENDING,
        PASSED,
        FAILED,
        SIGNED_OFF,
        REJECTED,
        /** Its {@code when} was false. */
        SKIPPED;

        /** Whether a blocking item in this state lets the run be complete. */
        public boolean satisfied() {
            return this == PASSED || this == SIGNED_OFF || this == SKIPPED;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One review item of a run: its plan position, id ({@code review/ID} or {@code review/HOP/ID}),
     * title, the hop it belongs to (empty for whole-run items), severity ({@code blocking} or
     * {@code advisory}), kind ({@code automated} or {@code manual}), state, the check's detail, the
     * evidence as JSON (the values compared), and for a decided manual item who decided, when and
     * their note.
     */
    record ReviewRecord(int seq, String itemId, String title, Optional<String> hop, String severity, String kind,
            ReviewState state, String detail, String evidenceJson, Optional<Instant> evaluated, Optional<String> decidedBy,
            Optional<Instant> decided, String note) {

        public boolean blocking() {
            return severity.equals("blocking");
        }
    }

    /**
     * An operator decision (or a takeover the tool made) with its reason, who and when.
     *
     * @param instanceId the step it is about, or empty
     */
    record Decision(long runId, String installation, Optional<String> instanceId, DecisionKind kind, String reason,
            Owner by, Instant at) {}
}
