package dev.upbook.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool of a journal store and the one way to use it: {@link #read} on an auto-commit
 * connection, {@link #write} in a transaction that either commits whole or changes nothing.
 */
final class Database implements AutoCloseable {

    /** Work on a connection; may throw one checked exception of its own ({@code X}). */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run(Tx tx) throws SQLException, X;
    }

    private final StoreLocation location;
    private final HikariDataSource pool;
    private final Map<String, Map<String, Integer>> columnPositions = new ConcurrentHashMap<>();

    private Database(StoreLocation location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    static Database open(StoreLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("upbook-journal");
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(1); // fail now, with the cause, when the store is unreachable
        location.dialect().prepare(location);
        location.dialect().configure(config, location);
        try {
            return new Database(location, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new JournalException("cannot open the journal at " + location + ": " + rootMessage(e), e);
        }
    }

    Dialect dialect() {
        return location.dialect();
    }

    String describe() {
        return location.description();
    }

    <T, X extends Exception> T read(Work<T, X> work) throws X {
        try (Connection connection = pool.getConnection()) {
            return work.run(new Tx(connection, columnPositions));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction; any exception rolls it back and propagates. */
    <T, X extends Exception> T write(Work<T, X> work) throws X {
        try (Connection connection = pool.getConnection()) {
            dialect().begin(connection);
            try {
                T result = work.run(new Tx(connection, columnPositions));
                dialect().commit(connection);
                return result;
            } catch (Exception | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            dialect().rollback(connection);
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            pool.evictConnection(connection); // its transaction state is unknown: never hand it out again
        }
    }

    private JournalException failure(SQLException e) {
        return new JournalException("journal at " + location + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    @Override
    public void close() {
        pool.close();
    }
}
