package dev.upbook.journal;

import dev.upbook.journal.Journal.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The texts of lock refusals, lost locks and takeovers: who holds it, since when, and what to do. */
final class LockMessages {
    private LockMessages() {}

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A rough span for people: {@code 45 s}, {@code 2 min}, {@code 3 h}, {@code 2 days}. */
    static String span(Duration duration) {
        long seconds = duration.abs().getSeconds();
        if (seconds < 90) return seconds + " s";
        if (seconds < 90 * 60) return (seconds + 30) / 60 + " min";
        if (seconds < 48 * 3600) return (seconds + 1800) / 3600 + " h";
        return (seconds + 43_200) / 86_400 + " days";
    }

    /** {@code alice@web1 (pid 4242) since 2026-11-21T10:00:00Z, run #7}. */
    static String holder(LockInfo lock) {
        return lock.owner().describe() + " since " + time(lock.acquired())
                + lock.runId().map(id -> ", run #" + id).orElse("");
    }

    /** {@code lease expired 2 min ago} or {@code lease expires in 4 min}. */
    static String lease(LockInfo lock, Instant now) {
        return now.isAfter(lock.expires())
                ? "lease expired " + span(Duration.between(lock.expires(), now)) + " ago"
                : "lease expires in " + span(Duration.between(now, lock.expires()));
    }

    /** Why the holder keeps the lock, followed by {@code nextStep}. */
    static String locked(LockInfo lock, Liveness.Assessment liveness, Instant now, String nextStep) {
        String state = liveness.verdict() == Liveness.Verdict.RUNNING_HERE
                ? liveness.reason()
                : liveness.reason() + "; " + lease(lock, now);
        return "installation '" + lock.installation() + "' is locked by " + holder(lock) + "; " + state
                + ". " + nextStep;
    }

    static String acquireRefused(LockInfo lock, Liveness.Assessment liveness, Instant now) {
        String nextStep = liveness.verdict() == Liveness.Verdict.RUNNING_HERE
                ? "Wait for that run to end; '" + unlock(lock, true) + "' frees the lock anyway and makes that "
                        + "run's next write fail."
                : "upbook cannot see processes on " + lock.owner().host() + ": if that run is gone, free the lock "
                        + "with '" + unlock(lock, false) + "'" + (now.isAfter(lock.expires()) ? "." : " once its "
                        + "lease expired, or with --force now.");
        return locked(lock, liveness, now, nextStep);
    }

    static String unlockRefused(LockInfo lock, Liveness.Assessment liveness, Instant now) {
        return locked(lock, liveness, now, "Without --force, unlock frees only the lock of a dead holder or an "
                + "expired lease; '" + unlock(lock, true) + "' frees it anyway and makes that run's next write fail.");
    }

    static String decisionRefused(LockInfo lock, Liveness.Assessment liveness, Instant now) {
        return locked(lock, liveness, now, "A decision needs the lock to be free or yours: wait for that run to "
                + "end, or free the lock with '" + unlock(lock, false) + "' first.");
    }

    /** The command that frees the lock (the CLI's {@code unlock}). */
    private static String unlock(LockInfo lock, boolean force) {
        return "upbook unlock -i " + lock.installation() + (force ? " --force" : "") + " --reason TEXT";
    }

    static String takeover(LockInfo previous, Liveness.Assessment liveness) {
        return "took over the lock of " + previous.owner().describe() + " (token " + previous.token() + "): "
                + liveness.reason();
    }

    static String lost(String installation, long token, Optional<LockInfo> current) {
        String now = current
                .map(lock -> "was taken by " + lock.owner().describe() + " (token " + lock.token() + ")")
                .orElse("was released or freed by an operator");
        return "the lock of installation '" + installation + "' " + now + "; this run (token " + token
                + ") no longer holds it";
    }
}
