package dev.upbook.journal;

/** A journal write found that its lease is no longer the installation's lock (fencing): nothing was written. */
public final class LostLockException extends Exception {
    public LostLockException(String message) {
        super(message);
    }
}
