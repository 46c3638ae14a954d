package dev.upbook.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a journal lives, parsed from the {@code --state} text: the dialect, the JDBC URL and the
 * credentials, and a description for messages that never contains a password.
 */
record StoreLocation(Dialect dialect, String jdbcUrl, String user, String password, String description) {

    static final String USER_VARIABLE = "UPBOOK_STATE_USER";
    static final String PASSWORD_VARIABLE = "UPBOOK_STATE_PASSWORD";

    private static final String JDBC_SQLITE = "jdbc:sqlite:";
    private static final String SQLITE = "sqlite:";
    private static final String JDBC_POSTGRESQL = "jdbc:postgresql:";

    @Override
    public String toString() {
        return description;
    }

    /**
     * Parses a plain path, {@code sqlite:PATH}, {@code jdbc:sqlite:PATH} or
     * {@code jdbc:postgresql://host:port/db?user=..&password=..}; for PostgreSQL the user and password
     * may come from the environment instead of the URL.
     */
    static StoreLocation parse(String state, Map<String, String> env) {
        if (state == null || state.isBlank()) throw new JournalException("no journal store given (empty state)");
        String text = state.strip();
        if (text.startsWith(JDBC_POSTGRESQL)) return postgres(text, env);
        if (text.startsWith(JDBC_SQLITE)) return sqlite(text.substring(JDBC_SQLITE.length()), env);
        if (text.startsWith(SQLITE)) return sqlite(text.substring(SQLITE.length()), env);
        if (text.startsWith("jdbc:")) {
            throw new JournalException("unsupported journal store '" + withoutQuery(text)
                    + "': use a SQLite path (sqlite:PATH) or jdbc:postgresql://host:port/db");
        }
        return sqlite(text, env);
    }

    private static StoreLocation sqlite(String pathText, Map<String, String> env) {
        if (pathText.isBlank() || pathText.startsWith(":memory:") || pathText.startsWith("file:")) {
            throw new JournalException("the SQLite journal needs a file path, not '" + pathText
                    + "' (an in-memory or URI database would not survive the run)");
        }
        Path path = expandHome(pathText, env).toAbsolutePath().normalize();
        createParent(path);
        return new StoreLocation(Dialect.SQLITE, JDBC_SQLITE + path, null, null, "sqlite:" + path);
    }

    private static Path expandHome(String pathText, Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (pathText.equals("~")) return Path.of(home);
        if (pathText.startsWith("~/")) return Path.of(home, pathText.substring(2));
        return Path.of(pathText);
    }

    private static void createParent(Path path) {
        Path parent = path.getParent();
        if (parent == null) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new JournalException("cannot create the journal's directory " + parent + ": " + e, e);
        }
    }

    private static StoreLocation postgres(String url, Map<String, String> env) {
        Map<String, String> query = queryParameters(url);
        String user = query.containsKey("user") ? null : env.get(USER_VARIABLE);
        String password = query.containsKey("password") ? null : env.get(PASSWORD_VARIABLE);
        String shownUser = query.getOrDefault("user", user);
        String description = withoutQuery(url) + (shownUser == null ? "" : " (user " + shownUser + ")");
        return new StoreLocation(Dialect.POSTGRESQL, url, user, password, description);
    }

    private static String withoutQuery(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    /** The URL's query parameters with lower-case keys (the driver treats them case-insensitively). */
    private static Map<String, String> queryParameters(String url) {
        int question = url.indexOf('?');
        if (question < 0) return Map.of();
        return Arrays.stream(url.substring(question + 1).split("&"))
                .filter(pair -> !pair.isEmpty())
                .collect(Collectors.toMap(
                        pair -> (pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair).toLowerCase(Locale.ROOT),
                        pair -> pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "",
                        (first, second) -> second));
    }
}
