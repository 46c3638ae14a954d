package dev.upbook.journal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the stores; everything else is the shared SQL of {@link Sql}. Both keep
 * instants as epoch milliseconds in BIGINT columns and booleans as 0/1 integers.
 */
enum Dialect {
    /**
     * One file shared by several processes. Every connection runs in WAL mode with
     * {@code synchronous=FULL} (a commit is on disk when it returns), foreign keys on and a busy
     * timeout, so a writer waits for another process's transaction instead of failing.
     *
     * <p>WAL is a property of the file, so it is switched on once, before the pool opens, and
     * retried while another process holds the lock that switch needs (setting it on every new
     * connection fails with {@code SQLITE_BUSY} when several processes open a new file at once).
     *
     * <p>Transactions are opened with an explicit {@code BEGIN IMMEDIATE}, which takes the write
     * lock up front: two writers can then never both read and then both try to upgrade. We do not
     * use {@code setAutoCommit(false)}: sqlite-jdbc starts the next transaction eagerly on it and
     * after every commit, so an idle pooled connection would sit on the write lock and block every
     * other process. The transaction mode is set to IMMEDIATE all the same, for any code path
     * that does.
     */
    SQLITE {
        @Override
        String identityColumn() {
            return "INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        @Override
        String forUpdate() {
            return ""; // BEGIN IMMEDIATE already serialises all writers
        }

        @Override
        void begin(Connection connection) throws SQLException {
            execute(connection, "BEGIN IMMEDIATE");
        }

        @Override
        void commit(Connection connection) throws SQLException {
            execute(connection, "COMMIT");
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            execute(connection, "ROLLBACK");
        }

        @Override
        void serializeMigrations(Connection connection) {
            // BEGIN IMMEDIATE already holds the database's only write lock
        }

        @Override
        void prepare(StoreLocation location) {
            long deadline = System.nanoTime() + BUSY_TIMEOUT_MILLIS * 1_000_000L;
            while (true) {
                try (Connection connection = connectionConfig().createConnection(location.jdbcUrl());
                        Statement statement = connection.createStatement();
                        ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (mode.next() && "wal".equalsIgnoreCase(mode.getString(1))) return;
                    throw new JournalException("the journal at " + location + " cannot use write-ahead logging "
                            + "(journal_mode stays " + mode.getString(1) + ")");
                } catch (SQLException e) {
                    if (!busy(e) || System.nanoTime() > deadline) {
                        throw new JournalException("cannot open the journal at " + location + ": " + e.getMessage(), e);
                    }
                    pause();
                }
            }
        }

        private SQLiteConfig connectionConfig() {
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            sqlite.enforceForeignKeys(true);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            return sqlite;
        }

        private boolean busy(SQLException e) {
            return e instanceof SQLiteException
                    && (((SQLiteException) e).getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
        }

        private void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalException("interrupted while waiting for the journal's lock", e);
            }
        }

        @Override
        void configure(HikariConfig config, StoreLocation location) {
            SQLiteDataSource dataSource = new SQLiteDataSource(connectionConfig());
            dataSource.setUrl(location.jdbcUrl());
            config.setDataSource(dataSource);
            // writes serialise on the file's lock anyway; a few connections let reads and the heartbeat
            // thread proceed while the main thread writes
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
        }
    },

    /** A shared store for teams and fleets: ordinary transactions, row locks for the lock table. */
    POSTGRESQL {
        /** Arbitrary but fixed: the advisory lock that serialises schema migrations ("upbook" in ASCII). */
        private static final long MIGRATION_LOCK_KEY = 0x7570626f6f6bL;

        @Override
        String identityColumn() {
            return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        }

        @Override
        String forUpdate() {
            return " FOR UPDATE";
        }

        @Override
        void begin(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            connection.rollback();
            connection.setAutoCommit(true);
        }

        @Override
        void serializeMigrations(Connection connection) throws SQLException {
            execute(connection, "SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
        }

        @Override
        void configure(HikariConfig config, StoreLocation location) {
            config.setDriverClassName("org.postgresql.Driver");
            config.setJdbcUrl(location.jdbcUrl());
            if (location.user() != null) config.setUsername(location.user());
            if (location.password() != null) config.setPassword(location.password());
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("ApplicationName", "upbook");
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
        }
    };

    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** The column type of an auto-generated {@code id} primary key. */
    abstract String identityColumn();

    /** Appended to a {@code SELECT} that must lock the rows it reads until the transaction ends. */
    abstract String forUpdate();

    abstract void begin(Connection connection) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /** Called first in the migration transaction so that concurrent opens migrate one at a time. */
    abstract void serializeMigrations(Connection connection) throws SQLException;

    /** Prepares the store before its pool opens. */
    void prepare(StoreLocation location) {
        // nothing by default
    }

    /** Sets the data source and pool size of the store's pool. */
    abstract void configure(HikariConfig config, StoreLocation location);

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
