package dev.upbook.journal;

import dev.upbook.journal.Journal.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a lock holder's process still runs, as far as this machine can tell. Only a holder on
 * this host can be proven dead; a holder elsewhere is never assumed dead, whatever its lease says.
 */
final class Liveness {

    enum Verdict {
        /** On this host, and its pid runs a process that may be it. */
        RUNNING_HERE,
        /** On this host, and its pid is gone or now belongs to a process started at another time. */
        GONE,
        /** On another host: this machine cannot tell. */
        ELSEWHERE
    }

    /** A verdict with the facts it rests on, for messages and the takeover decision. */
    record Assessment(Verdict verdict, String reason) {
        boolean gone() {
            return verdict == Verdict.GONE;
        }
    }

    /**
     * Start instants are compared with this tolerance so that rounding never makes a live holder
     * look like a reused pid; a reused pid starts far later than that.
     */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final String localHost;

    Liveness(String localHost) {
        this.localHost = localHost;
    }

    Assessment of(Owner holder) {
        if (!sameHost(holder.host())) {
            return new Assessment(Verdict.ELSEWHERE, "it runs on another host (" + holder.host() + ")");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return new Assessment(Verdict.GONE, "no process " + holder.pid() + " runs on " + holder.host());
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (holder.processStart() != null && started.isPresent() && differ(started.get(), holder.processStart())) {
            return new Assessment(Verdict.GONE, "pid " + holder.pid() + " now belongs to a process started at "
                    + LockMessages.time(started.get()) + ", the holder's started at "
                    + LockMessages.time(holder.processStart()));
        }
        return new Assessment(Verdict.RUNNING_HERE, "its process is still running on this host");
    }

    boolean sameHost(String host) {
        return host.toLowerCase(Locale.ROOT).equals(localHost.toLowerCase(Locale.ROOT));
    }

    private static boolean differ(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(START_TOLERANCE) > 0;
    }
}
