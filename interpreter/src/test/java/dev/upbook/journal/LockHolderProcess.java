package dev.upbook.journal;

import java.time.Duration;

/**
 * A separate upbook-like process for {@link SqliteJournalTests}: takes an installation's lock as
 * {@link Owners#current()}, prints {@code locked TOKEN}, and holds it until killed or its standard
 * input closes. Not a test.
 */
public final class LockHolderProcess {
    private LockHolderProcess() {}

    public static void main(String[] args) throws Exception {
        try (Journal journal = Journals.open(args[0])) {
            Journal.Lease lease = journal.acquire(args[1], Owners.current(), Duration.ofMinutes(5));
            System.out.println("locked " + lease.token());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input or kills us
            }
        }
    }
}
