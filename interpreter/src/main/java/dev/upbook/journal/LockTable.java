package dev.upbook.journal;

import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.LockInfo;
import dev.upbook.journal.Journal.Owner;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The installation locks and their fencing tokens, inside the caller's transaction.
 *
 * <p>Every lock decision first takes the installation's row of {@code upbook_installations}
 * ({@code FOR UPDATE} on PostgreSQL; SQLite's {@code BEGIN IMMEDIATE} already serialises writers),
 * so two processes racing for a lock are ordered and the second sees the first's lock. That row
 * also keeps the installation's last token, which only grows: every acquire and every unlock takes
 * the next one, so a lease from before an unlock can never match again.
 *
 * <p>A write of a run proves its lease with {@link #fence}: one {@code UPDATE} of the lock row
 * where the token matches, which also renews the lease; 0 rows means the lock is no longer this
 * lease's and the caller's transaction is rolled back.
 */
final class LockTable {
    private final Dialect dialect;
    private final Clock clock;
    private final Liveness liveness;

    LockTable(Dialect dialect, Clock clock, Liveness liveness) {
        this.dialect = dialect;
        this.clock = clock;
        this.liveness = liveness;
    }

    /** The store keeps milliseconds; so do the instants we hand out. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Lease acquire(Tx tx, String installation, Owner owner, Duration lease) throws SQLException, LockedException {
        Instant now = now();
        lockInstallation(tx, installation);
        Optional<LockInfo> held = current(tx, installation);
        if (held.isPresent()) takeOverFromDeadHolder(tx, held.get(), owner, now);
        long token = nextToken(tx, installation);
        Instant expires = now.plus(lease);
        tx.update(Sql.INSERT_LOCK, installation, owner, token, now, now, expires, lease.toMillis());
        return new Lease(installation, token, owner, expires, held);
    }

    private void takeOverFromDeadHolder(Tx tx, LockInfo holder, Owner owner, Instant now)
            throws SQLException, LockedException {
        Liveness.Assessment assessment = liveness.of(holder.owner());
        if (!assessment.gone()) {
            throw new LockedException(holder, now.isAfter(holder.expires()),
                    LockMessages.acquireRefused(holder, assessment, now));
        }
        tx.update(Sql.DELETE_LOCK, holder.installation());
        record(tx, new Decision(holder.runId().orElse(0L), holder.installation(), Optional.empty(),
                DecisionKind.LOCK_TAKEN_OVER, LockMessages.takeover(holder, assessment), owner, now));
    }

    /** Proves {@code lease} and renews it; {@code runId} (or null) is the run the write is about. */
    void fence(Tx tx, Lease lease, Long runId) throws SQLException, LostLockException {
        Instant now = now();
        if (tx.update(Sql.TOUCH_LOCK, now, now, runId, lease.installation(), lease.token()) == 1) return;
        throw new LostLockException(LockMessages.lost(lease.installation(), lease.token(),
                current(tx, lease.installation())));
    }

    void release(Tx tx, Lease lease) throws SQLException {
        tx.update(Sql.RELEASE_LOCK, lease.installation(), lease.token());
    }

    Optional<LockInfo> unlock(Tx tx, String installation, Owner by, boolean force, String reason)
            throws SQLException, LockedException {
        lockInstallation(tx, installation);
        Optional<LockInfo> held = current(tx, installation);
        if (held.isEmpty()) return held;
        LockInfo holder = held.get();
        Instant now = now();
        Liveness.Assessment assessment = liveness.of(holder.owner());
        if (!force && !assessment.gone() && !now.isAfter(holder.expires())) {
            throw new LockedException(holder, false, LockMessages.unlockRefused(holder, assessment, now));
        }
        tx.update(Sql.DELETE_LOCK, installation);
        nextToken(tx, installation);
        record(tx, new Decision(holder.runId().orElse(0L), installation, Optional.empty(),
                force ? DecisionKind.FORCE_UNLOCK : DecisionKind.UNLOCK, reason, by, now));
        return held;
    }

    /**
     * Refuses an operator's decision while someone else's run may still be writing: the lock must be
     * free, held by {@code by} (same user, host and pid), or held by a holder proven dead.
     */
    void checkMayDecide(Tx tx, String installation, Owner by) throws SQLException, LockedException {
        lockInstallation(tx, installation);
        Optional<LockInfo> held = current(tx, installation);
        if (held.isEmpty() || sameProcess(held.get().owner(), by)) return;
        LockInfo holder = held.get();
        Liveness.Assessment assessment = liveness.of(holder.owner());
        if (assessment.gone()) return;
        Instant now = now();
        throw new LockedException(holder, now.isAfter(holder.expires()),
                LockMessages.decisionRefused(holder, assessment, now));
    }

    Optional<LockInfo> current(Tx tx, String installation) throws SQLException {
        return tx.one(Sql.LOCK, Rows::lock, installation);
    }

    static void record(Tx tx, Decision decision) throws SQLException {
        tx.update(Sql.INSERT_DECISION, Rows.decisionParameters(decision));
    }

    private static boolean sameProcess(Owner a, Owner b) {
        return a.user().equals(b.user()) && a.host().equalsIgnoreCase(b.host()) && a.pid() == b.pid();
    }

    private void lockInstallation(Tx tx, String installation) throws SQLException {
        tx.update(Sql.ENSURE_INSTALLATION, installation);
        tx.one(String.format(Sql.LAST_TOKEN, dialect.forUpdate()), row -> row.longValue("last_token"), installation);
    }

    private static long nextToken(Tx tx, String installation) throws SQLException {
        return tx.one(Sql.NEXT_TOKEN, row -> row.longValue("last_token"), installation)
                .orElseThrow(() -> new SQLException("installation row of '" + installation + "' is missing"));
    }
}
