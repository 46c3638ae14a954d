package dev.upbook.journal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Opens journals: SQLite files (the default) and PostgreSQL databases. */
public final class Journals {
    private Journals() {}

    /**
     * Opens the journal named by {@code state} and migrates its schema forward:
     * <ul>
     *   <li>a path, {@code sqlite:PATH} or {@code jdbc:sqlite:PATH}: a SQLite file (its directory is
     *       created);</li>
     *   <li>{@code jdbc:postgresql://host:port/db?user=..&password=..}: a PostgreSQL database; the user
     *       and password may instead come from {@code UPBOOK_STATE_USER} and
     *       {@code UPBOOK_STATE_PASSWORD}.</li>
     * </ul>
     *
     * @throws JournalException when the store cannot be opened or its schema is newer than this upbook
     */
    public static Journal open(String state) {
        return open(state, System.getenv(), Clock.systemUTC());
    }

    static Journal open(String state, Map<String, String> env, Clock clock) {
        return SqlJournal.open(StoreLocation.parse(state, env), clock, Owners.hostName(env), Schema.MIGRATIONS);
    }

    /**
     * The default SQLite journal: {@code $UPBOOK_STATE_DIR/journal.db} if that is set, else
     * {@code ${XDG_STATE_HOME:-$HOME/.local/state}/upbook/journal.db}.
     */
    public static String defaultState() {
        return defaultState(System.getenv()).toString();
    }

    static Path defaultState(Map<String, String> env) {
        String stateDir = env.get("UPBOOK_STATE_DIR");
        if (present(stateDir)) return Path.of(stateDir, "journal.db");
        String xdg = env.get("XDG_STATE_HOME");
        Path base = present(xdg) ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("upbook").resolve("journal.db");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
