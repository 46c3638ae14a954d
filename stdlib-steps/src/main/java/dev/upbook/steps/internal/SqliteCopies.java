package dev.upbook.steps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;

/**
 * Backups of SQLite databases for {@code sql.backup} and {@code sql.restore}: a SQLite database is a
 * file, so its backup is a consistent copy of that file made by SQLite itself ({@code VACUUM INTO},
 * which reads one snapshot and also works on a database in use), and a restore puts such a copy
 * back in place of the database file, atomically.
 */
public final class SqliteCopies {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteCopies() {}

    /** The database file a {@code jdbc:sqlite:} URL names (relative paths against {@code directory}); empty for in-memory ones. */
    public static Optional<Path> file(String url, Path directory) {
        String resolved = SqlConnections.dialectUrl(url, SqlConnections.Dialect.SQLITE, directory).substring("jdbc:sqlite:".length());
        int query = resolved.indexOf('?');
        String path = query < 0 ? resolved : resolved.substring(0, query);
        if (path.startsWith("file:")) path = path.substring("file:".length());
        if (path.isEmpty() || path.startsWith(":")) return Optional.empty();
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** Writes a consistent copy of {@code database} to {@code temp} (which must not exist). */
    public static void copy(Path database, Path temp) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1");
                Statement st = c.createStatement()) {
            st.execute("VACUUM INTO '" + temp.toString().replace("'", "''") + "'");
        }
    }

    /** Whether {@code file} is a whole SQLite database: its header is there and SQLite finds it intact. */
    public static boolean complete(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < HEADER.length) return false;
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(HEADER.length), HEADER)) return false;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
                Statement st = c.createStatement(); ResultSet r = st.executeQuery("PRAGMA quick_check")) {
            return r.next() && "ok".equalsIgnoreCase(r.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Puts {@code backup} in place of {@code database}: copied beside it, then renamed over it, and
     * the database's write-ahead log and shared-memory files removed (they belong to the replaced
     * file). The database must not be in use while this happens.
     */
    public static void restore(Path backup, Path database) throws IOException {
        Path temp = Files.createTempFile(database.toAbsolutePath().getParent(), "." + database.getFileName() + ".", ".upbook-tmp");
        try {
            Files.copy(backup, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(Path.of(database + "-wal"));
            Files.deleteIfExists(Path.of(database + "-shm"));
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
