package dev.upbook.steps.internal;

import dev.upbook.steps.internal.SqlConnections.Dialect;
import java.io.IOException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.util.PGobject;

/**
 * Copies one batch of a table: the next {@code limit} rows after a key, in key order, written into
 * the target inside its open transaction (the caller commits). Two ways: PostgreSQL to PostgreSQL
 * through {@code COPY … TO STDOUT} streamed into {@code COPY … FROM STDIN} (binary when every
 * column has the same type on both sides, text otherwise), and any other pair through a keyset
 * {@code SELECT} and batched {@code INSERT}s.
 */
public abstract class SqlCopyBatches implements AutoCloseable {
    /** Rows written per {@code executeBatch} of the INSERT path. */
    private static final int INSERTS_PER_EXECUTE = 1000;

    /** One batch: how many rows were written and the last key among them (null when none). */
    public record Batch(long rows, Object lastKey) {}

    protected final SqlCopyTable table;
    protected final Connection source;
    protected final Connection target;
    protected final int limit;

    private SqlCopyBatches(SqlCopyTable table, Connection source, Connection target, int limit) {
        this.table = table;
        this.source = source;
        this.target = target;
        this.limit = limit;
    }

    /** The fastest way between these dialects. */
    public static SqlCopyBatches of(SqlCopyTable table, Connection source, Dialect sourceDialect, Connection target,
            Dialect targetDialect, int limit) {
        if (sourceDialect == Dialect.POSTGRESQL && targetDialect == Dialect.POSTGRESQL) return new PostgresCopy(table, source, target, limit);
        return new Inserts(table, source, target, targetDialect, limit);
    }

    /**
     * Writes the next rows after {@code after} (null: from the first) into the target without
     * committing; {@code timeoutSeconds} bounds each statement (0: none).
     */
    public abstract Batch next(Object after, int timeoutSeconds) throws SQLException, IOException;

    @Override
    public void close() throws SQLException {}

    /** {@code SELECT … ORDER BY key LIMIT n} after a bound key. */
    protected String keysetQuery(String columns, Object after) {
        return "SELECT " + columns + " FROM " + table.sourceTable() + (after == null ? "" : " WHERE " + table.sourceKey() + " > ?")
                + " ORDER BY " + table.sourceKey() + " LIMIT " + limit;
    }

    protected static void setTimeout(PreparedStatement statement, int seconds) {
        if (seconds <= 0) return;
        try {
            statement.setQueryTimeout(seconds);
        } catch (SQLException e) {
            // a driver without statement timeouts: the step checks its deadline between batches
        }
    }

    /** PostgreSQL to PostgreSQL: the batch's last key first, then COPY out of the source into COPY in the target. */
    private static final class PostgresCopy extends SqlCopyBatches {
        private static final int BUFFER_BYTES = 1 << 16;
        private final CopyManager out;
        private final PGConnection in;
        private final String format;

        PostgresCopy(SqlCopyTable table, Connection source, Connection target, int limit) {
            super(table, source, target, limit);
            try {
                this.out = source.unwrap(PGConnection.class).getCopyAPI();
                this.in = target.unwrap(PGConnection.class);
            } catch (SQLException e) {
                throw new IllegalStateException("a PostgreSQL connection that is not PgJDBC's", e);
            }
            this.format = table.sameColumnTypes() ? "binary" : "text";
        }

        @Override
        public Batch next(Object after, int timeoutSeconds) throws SQLException, IOException {
            Object last = lastKeyOfBatch(after, timeoutSeconds);
            if (last == null) return new Batch(0, null);
            String key = table.sourceKey();
            String rows = "SELECT " + String.join(", ", table.sourceColumns()) + " FROM " + table.sourceTable() + " WHERE "
                    + (after == null ? "" : key + " > " + SqlCopyTable.postgresLiteral(after) + " AND ")
                    + key + " <= " + SqlCopyTable.postgresLiteral(last) + " ORDER BY " + key;
            PGCopyOutputStream into = new PGCopyOutputStream(in, "COPY " + table.targetTable() + " ("
                    + String.join(", ", table.targetColumns()) + ") FROM STDIN (FORMAT " + format + ")", BUFFER_BYTES);
            try {
                out.copyOut("COPY (" + rows + ") TO STDOUT (FORMAT " + format + ")", into);
                return new Batch(into.endCopy(), last);
            } finally {
                if (into.isActive()) into.cancelCopy();
            }
        }

        private Object lastKeyOfBatch(Object after, int timeoutSeconds) throws SQLException {
            String sql = "SELECT max(k) FROM (" + keysetQuery(table.sourceKey() + " AS k", after) + ") AS batch";
            try (PreparedStatement statement = source.prepareStatement(sql)) {
                if (after != null) table.bindKey(statement, 1, after);
                setTimeout(statement, timeoutSeconds);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? table.key(result, 1) : null;
                }
            }
        }
    }

    /** Any pair: read a keyset page, write it through batched INSERTs on one prepared statement. */
    private static final class Inserts extends SqlCopyBatches {
        private static final DateTimeFormatter SQLITE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
        private final Dialect targetDialect;
        private PreparedStatement insert;

        Inserts(SqlCopyTable table, Connection source, Connection target, Dialect targetDialect, int limit) {
            super(table, source, target, limit);
            this.targetDialect = targetDialect;
        }

        @Override
        public Batch next(Object after, int timeoutSeconds) throws SQLException {
            if (insert == null) {
                insert = target.prepareStatement("INSERT INTO " + table.targetTable() + " (" + String.join(", ", table.targetColumns())
                        + ") VALUES (" + "?, ".repeat(table.targetColumns().size() - 1) + "?)");
            }
            setTimeout(insert, timeoutSeconds);
            long rows = 0;
            Object last = null;
            int columns = table.sourceColumns().size();
            try (PreparedStatement read = source.prepareStatement(keysetQuery(String.join(", ", table.sourceColumns()), after))) {
                if (after != null) table.bindKey(read, 1, after);
                setTimeout(read, timeoutSeconds);
                read.setFetchSize(INSERTS_PER_EXECUTE); // streamed (PostgreSQL: a cursor, auto-commit is off): memory stays bounded whatever the batch size
                try (ResultSet page = read.executeQuery()) {
                    while (page.next()) {
                        for (int c = 1; c <= columns; c++) bind(insert, c, page.getObject(c));
                        insert.addBatch();
                        last = table.key(page, table.keyColumn());
                        if (++rows % INSERTS_PER_EXECUTE == 0) insert.executeBatch();
                    }
                }
            }
            if (rows % INSERTS_PER_EXECUTE != 0) insert.executeBatch();
            return new Batch(rows, last);
        }

        /** A source value into the target: LOBs as bytes or text, driver-specific objects as text, dates as text into SQLite. */
        private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof Blob blob) {
                statement.setBytes(index, blob.getBytes(1, (int) blob.length()));
            } else if (value instanceof Clob clob) {
                statement.setString(index, clob.getSubString(1, (int) clob.length()));
            } else if (value instanceof PGobject || value instanceof UUID) {
                statement.setString(index, value.toString());
            } else if (targetDialect == Dialect.SQLITE && value instanceof Timestamp timestamp) {
                statement.setString(index, SQLITE_TIMESTAMP.format(timestamp.toLocalDateTime()));
            } else if (targetDialect == Dialect.SQLITE && value instanceof LocalDateTime timestamp) {
                statement.setString(index, SQLITE_TIMESTAMP.format(timestamp));
            } else if (targetDialect == Dialect.SQLITE && (value instanceof java.util.Date || value instanceof OffsetDateTime)) {
                statement.setString(index, value.toString());
            } else {
                statement.setObject(index, value);
            }
        }

        @Override
        public void close() throws SQLException {
            if (insert != null) insert.close();
        }
    }
}
