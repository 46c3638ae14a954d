package dev.upbook.journal;

/** The installation is locked by another owner (alive, or not provably dead). */
public final class LockedException extends Exception {
    private final Journal.LockInfo holder;
    private final boolean leaseExpired;

    public LockedException(Journal.LockInfo holder, boolean leaseExpired, String message) {
        super(message);
        this.holder = holder;
        this.leaseExpired = leaseExpired;
    }

    public Journal.LockInfo holder() {
        return holder;
    }

    public boolean leaseExpired() {
        return leaseExpired;
    }
}
