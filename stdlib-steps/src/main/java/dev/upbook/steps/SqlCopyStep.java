package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.SqlConnections;
import dev.upbook.steps.internal.SqlConnections.Dialect;
import dev.upbook.steps.internal.SqlCopyBatches;
import dev.upbook.steps.internal.SqlCopyCheckpoint;
import dev.upbook.steps.internal.SqlCopyTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code sql.copy}: copies tables between databases, resumably.
 *
 * <p>For imports such as Kayako 3 → 4: the {@code tables} are copied in order, each with all of the source table's columns (the
 * target table must exist and have them, matched by name ignoring case; a missing table or column
 * fails the step, naming it, before any row is written). Table and key names are case-sensitive
 * ({@code schema.table} works). The {@code key} column must be unique, not null and orderable in
 * the source (a primary key or a single-column unique index, or else values found distinct); a
 * table with null keys fails, since those rows would never be copied. A text key must sort the
 * same way in both databases (e.g. ASCII keys).
 *
 * <p>Each batch reads the next {@code batch-size} rows after the last copied key, in key order
 * ({@code WHERE key > ? ORDER BY key LIMIT n}), writes them in one target transaction, commits,
 * and then saves the checkpoint in the journal ({@code StepContext.saveCheckpoint}):
 * {@code {"table":"t","after":123,"rows":4000,"copied":{"a":100}}}: the current table, its last
 * copied key (a JSON number for an integer key, a string for any other, null before its first row),
 * the rows copied into it so far, and the finished tables with their row counts; once every table
 * is copied {@code {"complete":true,"copied":{…}}}. Before a table gets its first row, the
 * checkpoint already names it (with the target's highest key as {@code after} when the target
 * has rows, see {@code continue}).
 *
 * <p><b>Resume invariant.</b> Rows reach the target only in committed batches, in key order, and
 * only for the table the last checkpoint names; so at any moment the target holds exactly the
 * source rows with keys up to some position, which is at or past the checkpoint's {@code after}.
 * A crash between a batch's commit and its checkpoint leaves the checkpoint one batch behind; on
 * start the step therefore reads the target's {@code max(key)} above the checkpoint and continues
 * after it (adding the rows found above the checkpoint to the count). Every start is thus correct
 * after a kill at any point: no row is copied twice and none is skipped. Tables before the
 * checkpoint's are complete; tables after it have not been written by this step. A resume whose
 * {@code tables} no longer fit the checkpoint (its finished tables must be exactly those before
 * its current one) fails instead of guessing.
 *
 * <p>{@code if-target-not-empty} applies at the first start only (no checkpoint): {@code fail}
 * (default) fails before writing when a target table has rows, unless every target table already
 * holds as many rows as its source with the same highest key, in which case the step succeeds as
 * "already copied"; {@code truncate} empties every target table first (TRUNCATE; DELETE on SQLite);
 * {@code continue} takes a target's rows as copied and copies the source rows above its highest key.
 *
 * <p>PostgreSQL to PostgreSQL copies each batch with PgJDBC's CopyManager: the batch's last key is
 * read first, then {@code COPY (SELECT cols … WHERE key > a AND key <= b ORDER BY key) TO STDOUT}
 * is streamed into {@code COPY t (cols) FROM STDIN} in the target transaction (the keys inlined as
 * literals, since COPY takes no parameters: integers as digits, others as {@code E'…'} strings);
 * binary format when every column has the same type name on both sides, text format otherwise. Any
 * other pair (SQLite, PostgreSQL, MariaDB/MySQL) uses batched INSERTs with values moved through
 * {@code getObject}/{@code setObject} (LOBs as bytes or text, PostgreSQL-specific values as text,
 * timestamps as text into SQLite); PostgreSQL targets get {@code reWriteBatchedInserts=true}, and
 * MariaDB Connector/J 3 sends INSERT batches in bulk by default ({@code useBulkStmtsForInserts}).
 *
 * <p>{@code stopRequested} is checked after each batch's checkpoint: the step returns stopped, and
 * the next attempt continues there. The {@code timeout} bounds each statement (query timeout) and
 * is checked between batches; on expiry the step fails with its checkpoint saved, so a retry
 * continues. Progress is reported per batch, e.g.
 * {@code [#####-----] 52% t 520,000/1,000,000 rows, 81,000 rows/s} (the total is counted at the
 * table's start). Passwords and URLs are masked/redacted in every message; checkpoints hold keys
 * and counts only.
 */
@StepDefinition(name = "sql.copy", uses = Use.STEP, idempotent = true,
        summary = "Copies tables between databases in batches with keyset checkpoints; resumable without duplicates.",
        idempotency = "Resumes after the target's highest key at or past the journaled checkpoint; a complete checkpoint, or targets"
                + " already holding the source's row count and highest key, mean already copied.",
        registers = "`{tables: {NAME: rows, …}, rows: total}`: rows this step copied per table and in all, over all its attempts"
                + " (Longs); when found already copied, the target's row counts.")
public final class SqlCopyStep extends DeclaredStepType {
    private static final int BAR_WIDTH = 10;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "Source JDBC URL (postgresql, mariadb/mysql, sqlite).", example = "\"jdbc:mariadb://localhost/kayako3\"")
            String fromUrl,
            @Param("Source database user.") Optional<String> fromUser,
            @Param(value = "Source database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> fromPassword,
            @Param(value = "Target JDBC URL (postgresql, mariadb/mysql, sqlite).", example = "\"jdbc:mariadb://localhost/kayako4\"")
            String toUrl,
            @Param("Target database user.") Optional<String> toUser,
            @Param(value = "Target database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> toPassword,
            @Param(value = "Tables to copy, in order; each must exist in the target with the source's columns.", required = true,
                    example = "[\"swtickets\", \"swticketposts\"]") List<String> tables,
            @Param(value = "The keyset column: unique, not null and orderable in every table.", defaultValue = "id") String key,
            @Param(value = "Rows per batch, target transaction and checkpoint.", defaultValue = "10000") long batchSize,
            @Param(value = "At the first start, what to do with a target table that has rows.", oneOf = {"fail", "truncate", "continue"},
                    defaultValue = "fail") String ifTargetNotEmpty) {}

    public SqlCopyStep() {
        super(SqlCopyStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = SqlCopyStepBinding.bind(context.parameters());
        long batchSize = p.batchSize();
        if (batchSize < 1 || batchSize > Integer.MAX_VALUE) return StepResult.failed("batch-size must be at least 1, not " + batchSize);
        String mode = p.ifTargetNotEmpty();
        Optional<SqlCopyCheckpoint> checkpoint;
        try {
            checkpoint = context.checkpoint().map(SqlCopyCheckpoint::parse);
        } catch (IllegalArgumentException e) {
            return StepResult.failed(context.mask("cannot resume: " + e.getMessage() + "; the journal's checkpoint of this step is damaged"));
        }
        if (checkpoint.isPresent() && checkpoint.get().complete()) {
            Map<String, Long> copied = checkpoint.get().copied();
            return StepResult.succeeded(context.mask("already copied " + total(copied) + " rows in " + copied.size() + " tables"), "",
                    registered(copied));
        }
        long deadline = context.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        String fromUrl = p.fromUrl();
        String toUrl = p.toUrl();
        try (Connection source = SqlConnections.open(fromUrl, p.fromUser(), p.fromPassword(),
                    context.workingDirectory(), context.timeout(), true);
                Connection target = SqlConnections.open(toUrl, p.toUser(), p.toPassword(),
                    context.workingDirectory(), context.timeout(), false, Dialect.of(toUrl).filter(d -> d == Dialect.POSTGRESQL).isPresent()
                        ? Map.of("reWriteBatchedInserts", "true") : Map.of())) {
            Copy copy = new Copy(context, source, Dialect.of(fromUrl).orElseThrow(), target, Dialect.of(toUrl).orElseThrow(),
                    (int) batchSize, deadline);
            return copy.run(p.tables(), p.key(), mode, checkpoint);
        } catch (SqlConnections.ConnectException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        } catch (SQLException e) {
            return StepResult.failed(context.mask("closing a connection failed: " + SqlConnections.describe(e)));
        }
    }

    /** One attempt: the open connections and where the copy stands. */
    private static final class Copy {
        private final StepContext context;
        private final Connection source;
        private final Dialect sourceDialect;
        private final Connection target;
        private final Dialect targetDialect;
        private final int batchSize;
        private final long deadline;
        private final long started = System.nanoTime();
        private long rowsThisAttempt;
        private String resumedAt = "";

        Copy(StepContext context, Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect, int batchSize,
                long deadline) {
            this.context = context;
            this.source = source;
            this.sourceDialect = sourceDialect;
            this.target = target;
            this.targetDialect = targetDialect;
            this.batchSize = batchSize;
            this.deadline = deadline;
        }

        StepResult run(List<String> names, String key, String mode, Optional<SqlCopyCheckpoint> checkpoint) {
            List<SqlCopyTable> tables = new ArrayList<>();
            try {
                for (String name : names) tables.add(SqlCopyTable.resolve(source, sourceDialect, target, targetDialect, name, key));
                SqlCopyCheckpoint state;
                if (checkpoint.isPresent()) {
                    state = checkpoint.get();
                    int at = names.indexOf(state.table());
                    if (at < 0 || !new ArrayList<>(state.copied().keySet()).equals(names.subList(0, at))) {
                        return failed("cannot resume: the checkpoint has copied " + state.copied().keySet() + " and is at table '"
                                + state.table() + "', which does not fit tables " + names + " (changed since the copy started);"
                                + " restore the step's tables, or start the copy anew in a new run");
                    }
                } else {
                    Optional<StepResult> refused = firstStart(tables, mode);
                    if (refused.isPresent()) return refused.get();
                    state = SqlCopyCheckpoint.at(Map.of(), names.get(0), targetMaxKey(tables.get(0), null), 0);
                    context.saveCheckpoint(state.toJson());
                }
                return copyFrom(tables, state, checkpoint.isPresent());
            } catch (SqlCopyTable.Problem e) {
                return failed(e.getMessage());
            } catch (SQLException e) {
                rollback(target);
                return failed("sql.copy failed: " + SqlConnections.describe(e) + "; nothing after the last checkpoint was kept");
            } catch (IOException e) {
                rollback(target);
                return failed("sql.copy failed while streaming COPY data: " + e.getMessage());
            }
        }

        /** Checks or empties the target tables as {@code if-target-not-empty} says; a result when the step ends here. */
        private Optional<StepResult> firstStart(List<SqlCopyTable> tables, String mode) throws SQLException {
            if (mode.equals("continue")) return Optional.empty();
            if (mode.equals("truncate")) {
                for (SqlCopyTable table : tables) {
                    try (Statement statement = target.createStatement()) {
                        statement.executeUpdate((targetDialect == Dialect.SQLITE ? "DELETE FROM " : "TRUNCATE TABLE ") + table.targetTable());
                    }
                }
                target.commit();
                return Optional.empty();
            }
            Map<String, Long> present = new LinkedHashMap<>();
            SqlCopyTable nonEmpty = null;
            long[] nonEmptyCounts = null;
            boolean allCopied = true;
            for (SqlCopyTable table : tables) {
                long[] counts = {count(target, table.targetTable()), count(source, table.sourceTable())};
                present.put(table.name(), counts[0]);
                if (counts[0] > 0 && nonEmpty == null) {
                    nonEmpty = table;
                    nonEmptyCounts = counts;
                }
                allCopied &= counts[0] == counts[1] && (counts[0] == 0 || sameHighestKey(table));
            }
            if (nonEmpty == null) return Optional.empty();
            if (allCopied) {
                return Optional.of(StepResult.succeeded(context.mask("already copied: the target tables hold the source's "
                        + total(present) + " rows in " + present.size() + " tables"), "", registered(present)));
            }
            return Optional.of(failed("table '" + nonEmpty.name() + "' in the target already has " + nonEmptyCounts[0]
                    + " rows (the source has " + nonEmptyCounts[1] + "); empty it, or set if-target-not-empty: truncate"
                    + " (empties the target tables first) or continue (copies the source rows above the target's highest key)"));
        }

        private boolean sameHighestKey(SqlCopyTable table) throws SQLException {
            Object targetMax = targetMaxKey(table, null);
            try (Statement statement = source.createStatement();
                    ResultSet max = statement.executeQuery("SELECT max(" + table.sourceKey() + ") FROM " + table.sourceTable())) {
                max.next();
                return String.valueOf(table.key(max, 1)).equals(String.valueOf(targetMax));
            } finally {
                source.commit();
            }
        }

        /** Copies the checkpoint's table from where the target stands, then every later one. */
        private StepResult copyFrom(List<SqlCopyTable> tables, SqlCopyCheckpoint checkpoint, boolean resuming)
                throws SQLException, IOException, SqlCopyTable.Problem {
            Map<String, Long> copied = new LinkedHashMap<>(checkpoint.copied());
            SqlCopyCheckpoint state = recover(tables.get(indexOf(tables, checkpoint.table())), checkpoint, resuming);
            for (int i = indexOf(tables, state.table()); i < tables.size(); i++) {
                SqlCopyTable table = tables.get(i);
                if (i > indexOf(tables, checkpoint.table())) {
                    state = SqlCopyCheckpoint.at(copied, table.name(), targetMaxKey(table, null), 0);
                    context.saveCheckpoint(state.toJson());
                }
                Optional<StepResult> interrupted = copyTable(table, state, copied);
                if (interrupted.isPresent()) return interrupted.get();
            }
            context.saveCheckpoint(SqlCopyCheckpoint.completed(copied).toJson());
            return StepResult.succeeded(context.mask("copied " + total(copied) + " rows in " + copied.size() + " tables" + resumedAt), "",
                    registered(copied));
        }

        /** The checkpoint, moved to the target's highest key when a batch was committed after it (the crash window). */
        private SqlCopyCheckpoint recover(SqlCopyTable table, SqlCopyCheckpoint checkpoint, boolean resumed) throws SQLException {
            Object max = targetMaxKey(table, checkpoint.after());
            SqlCopyCheckpoint state = checkpoint;
            if (max != null && !max.equals(checkpoint.after())) {
                long uncounted = countAbove(table, checkpoint.after());
                state = checkpoint.advancedTo(max, uncounted);
                resumed = true;
            }
            if (resumed) {
                resumedAt = state.after() == null ? " (resumed at table " + table.name() + ")"
                        : " (resumed at table " + table.name() + " after key " + state.after() + ")";
            }
            return state;
        }

        /** Copies the rest of one table; empty when done, a result when stopped or out of time. */
        private Optional<StepResult> copyTable(SqlCopyTable table, SqlCopyCheckpoint start, Map<String, Long> copied)
                throws SQLException, IOException, SqlCopyTable.Problem {
            long[] totals = sourceCounts(table, start.after());
            if (totals[0] != totals[1]) {
                throw new SqlCopyTable.Problem("table '" + table.name() + "' has " + (totals[0] - totals[1]) + " row(s) with a null key '"
                        + table.sourceKey() + "' in the source, which a keyset copy never reaches; give key: a not-null unique column");
            }
            long done = totals[0] - totals[2];
            SqlCopyCheckpoint state = start;
            try (SqlCopyBatches batches = SqlCopyBatches.of(table, source, sourceDialect, target, targetDialect, batchSize)) {
                while (true) {
                    SqlCopyBatches.Batch batch = batches.next(state.after(), remainingSeconds());
                    if (batch.rows() == 0) break;
                    target.commit();
                    source.commit();
                    state = state.advancedTo(batch.lastKey(), batch.rows());
                    context.saveCheckpoint(state.toJson());
                    rowsThisAttempt += batch.rows();
                    done += batch.rows();
                    context.progress(context.mask(progress(table, done, totals[0])));
                    if (context.stopRequested()) {
                        return Optional.of(StepResult.stopped(context.mask("stopped on request at table " + table.name() + " after key "
                                + state.after() + " (" + (total(copied) + state.rows()) + " rows copied); the next attempt continues there")));
                    }
                    if (System.nanoTime() - deadline > 0) {
                        return Optional.of(failed("timed out at table " + table.name() + " after key " + state.after() + " with "
                                + (total(copied) + state.rows()) + " rows copied; the checkpoint is saved, a new attempt continues there"));
                    }
                    if (batch.rows() < batchSize) break; // the last rows of the table
                }
            }
            target.commit();
            source.commit();
            copied.put(table.name(), state.rows());
            return Optional.empty();
        }

        private String progress(SqlCopyTable table, long done, long total) {
            int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
            int filled = percent * BAR_WIDTH / 100;
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            return String.format(Locale.ROOT, "[%s%s] %d%% %s %,d/%,d rows, %,d rows/s", "#".repeat(filled), "-".repeat(BAR_WIDTH - filled),
                    percent, table.name(), done, total, Math.round(rowsThisAttempt / seconds));
        }

        /** The statement timeout left before the deadline, in whole seconds (at least 1); 0 without a timeout. */
        private int remainingSeconds() {
            if (deadline == Long.MAX_VALUE) return 0;
            long left = Duration.ofNanos(deadline - System.nanoTime()).toSeconds();
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }

        /** {count(*), count(key), count(key > after)} of the source table. */
        private long[] sourceCounts(SqlCopyTable table, Object after) throws SQLException {
            String key = table.sourceKey();
            String remaining = after == null ? "count(" + key + ")" : "count(CASE WHEN " + key + " > ? THEN 1 END)";
            try (PreparedStatement statement = source.prepareStatement("SELECT count(*), count(" + key + "), " + remaining
                    + " FROM " + table.sourceTable())) {
                if (after != null) table.bindKey(statement, 1, after);
                try (ResultSet counts = statement.executeQuery()) {
                    counts.next();
                    return new long[] {counts.getLong(1), counts.getLong(2), counts.getLong(3)};
                }
            } finally {
                source.commit();
            }
        }

        /** The target's highest key above {@code after} (all keys when null); null when there is none. */
        private Object targetMaxKey(SqlCopyTable table, Object after) throws SQLException {
            try (PreparedStatement statement = target.prepareStatement("SELECT max(" + table.targetKey() + ") FROM " + table.targetTable()
                    + (after == null ? "" : " WHERE " + table.targetKey() + " > ?"))) {
                if (after != null) table.bindKey(statement, 1, after);
                try (ResultSet max = statement.executeQuery()) {
                    return max.next() ? table.key(max, 1) : null;
                }
            } finally {
                target.commit();
            }
        }

        private long countAbove(SqlCopyTable table, Object after) throws SQLException {
            try (PreparedStatement statement = target.prepareStatement("SELECT count(*) FROM " + table.targetTable()
                    + (after == null ? "" : " WHERE " + table.targetKey() + " > ?"))) {
                if (after != null) table.bindKey(statement, 1, after);
                try (ResultSet count = statement.executeQuery()) {
                    count.next();
                    return count.getLong(1);
                }
            } finally {
                target.commit();
            }
        }

        private static long count(Connection connection, String quotedTable) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM " + quotedTable)) {
                count.next();
                return count.getLong(1);
            } finally {
                connection.commit();
            }
        }

        private static int indexOf(List<SqlCopyTable> tables, String name) {
            for (int i = 0; i < tables.size(); i++) if (tables.get(i).name().equals(name)) return i;
            throw new IllegalArgumentException("no table " + name);
        }

        private StepResult failed(String message) {
            return StepResult.failed(context.mask(message));
        }

        private static void rollback(Connection connection) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                // the connection is closed next; an open transaction is rolled back with it
            }
        }
    }

    private static long total(Map<String, Long> copied) {
        return copied.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Object> registered(Map<String, Long> copied) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tables", new LinkedHashMap<String, Object>(copied));
        value.put("rows", total(copied));
        return value;
    }

    @Override
    public String describe(Parameters parameters) {
        With p = SqlCopyStepBinding.bind(parameters);
        return "sql.copy from " + SqlConnections.redact(p.fromUrl()) + " to " + SqlConnections.redact(p.toUrl()) + ": tables "
                + String.join(", ", p.tables()) + " by key " + p.key() + " in batches of " + p.batchSize()
                + ", resuming after the last copied key";
    }
}
