package dev.upbook.journal;

/** The journal store failed (cannot open, SQL error, schema newer than this upbook). */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
