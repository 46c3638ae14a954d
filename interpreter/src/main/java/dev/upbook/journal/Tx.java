package dev.upbook.journal;

import dev.upbook.journal.Journal.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Statements on one connection with positional parameters. Parameters are bound by their Java
 * type: an {@link Instant} as epoch milliseconds, a boolean as 0/1, an enum by name, an
 * {@link Owner} as its four columns (user, host, pid, process start), {@code null} as SQL NULL.
 */
final class Tx {

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    /** Rows per {@code executeBatch}: bounds the driver's buffer without costing round trips. */
    private static final int BATCH_SIZE = 1_000;

    private final Connection connection;
    private final Map<String, Map<String, Integer>> columnPositions;

    /** {@code columnPositions} caches each query's column positions by its SQL, shared by a pool's transactions. */
    Tx(Connection connection, Map<String, Map<String, Integer>> columnPositions) {
        this.connection = connection;
        this.columnPositions = columnPositions;
    }

    Connection connection() {
        return connection;
    }

    /** Executes an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** Executes an {@code INSERT … RETURNING id} and returns the generated id. */
    long insertReturningId(String sql, Object... parameters) throws SQLException {
        return one(sql, row -> row.longValue("id"), parameters)
                .orElseThrow(() -> new SQLException("no id returned by " + sql));
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet resultSet = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                Row row = new Row(resultSet, positions(sql, resultSet));
                while (resultSet.next()) rows.add(mapper.map(row));
                return rows;
            }
        }
    }

    private Map<String, Integer> positions(String sql, ResultSet resultSet) throws SQLException {
        Map<String, Integer> positions = columnPositions.get(sql);
        if (positions != null) return positions;
        positions = new HashMap<>();
        ResultSetMetaData metaData = resultSet.getMetaData();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            // interned: the mappers ask with string literals, so a lookup is a hash and an identity check
            positions.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT).intern(), i);
        }
        positions = Collections.unmodifiableMap(positions);
        columnPositions.put(sql, positions);
        return positions;
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        List<T> rows = list(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Executes {@code sql} once per parameter list, in batches; returns the total rows changed. */
    long batch(String sql, List<Object[]> parameterLists) throws SQLException {
        long changed = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] parameters : parameterLists) {
                bind(statement, parameters);
                statement.addBatch();
                if (++pending == BATCH_SIZE) {
                    changed += sum(statement.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) changed += sum(statement.executeBatch());
        }
        return changed;
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int count : counts) total += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
        return total;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Owner) {
                Owner owner = (Owner) parameter;
                statement.setString(index++, owner.user());
                statement.setString(index++, owner.host());
                statement.setLong(index++, owner.pid());
                bindOne(statement, index++, owner.processStart());
            } else {
                bindOne(statement, index++, parameter);
            }
        }
    }

    private static void bindOne(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Instant) {
            statement.setLong(index, ((Instant) value).toEpochMilli());
        } else if (value instanceof Boolean) {
            statement.setInt(index, (Boolean) value ? 1 : 0);
        } else if (value instanceof Enum<?>) {
            statement.setString(index, ((Enum<?>) value).name());
        } else if (value instanceof Long) {
            statement.setLong(index, (Long) value);
        } else if (value instanceof Integer) {
            statement.setInt(index, (Integer) value);
        } else if (value instanceof String) {
            statement.setString(index, (String) value);
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
        }
    }

    /**
     * Named column access to the current row, in the types the journal stores. Column positions are
     * looked up once per query text: the driver's own lookup by name costs more than reading the
     * value when {@code steps()} maps 100,000 rows.
     */
    static final class Row {
        private final ResultSet resultSet;
        private final Map<String, Integer> positions;

        Row(ResultSet resultSet, Map<String, Integer> positions) {
            this.resultSet = resultSet;
            this.positions = positions;
        }

        private int position(String column) throws SQLException {
            Integer position = positions.get(column);
            if (position == null) throw new SQLException("no column '" + column + "' in " + positions.keySet());
            return position;
        }

        String text(String column) throws SQLException {
            return resultSet.getString(position(column));
        }

        long longValue(String column) throws SQLException {
            return resultSet.getLong(position(column));
        }

        int intValue(String column) throws SQLException {
            return resultSet.getInt(position(column));
        }

        boolean flag(String column) throws SQLException {
            return intValue(column) != 0;
        }

        Optional<Long> optionalLong(String column) throws SQLException {
            long value = resultSet.getLong(position(column));
            return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
        }

        Instant instant(String column) throws SQLException {
            return Instant.ofEpochMilli(longValue(column));
        }

        Optional<Instant> optionalInstant(String column) throws SQLException {
            return optionalLong(column).map(Instant::ofEpochMilli);
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
            return Enum.valueOf(type, text(column));
        }

        /** The owner columns shared by locks, runs and decisions. */
        Owner owner() throws SQLException {
            return new Owner(text("owner_user"), text("owner_host"), longValue("owner_pid"),
                    optionalInstant("owner_start").orElse(null));
        }
    }
}
