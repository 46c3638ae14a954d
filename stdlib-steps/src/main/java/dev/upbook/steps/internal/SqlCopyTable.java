package dev.upbook.steps.internal;

import dev.upbook.steps.internal.SqlConnections.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One table of a {@code sql.copy}, resolved against both databases before anything is written: the
 * source's columns (all of them, in order), the same columns in the target (matched by name,
 * ignoring case), the keyset column and how its values are kept (integer or text), and the quoted
 * names the copy's SQL uses. Table and key names are quoted as given, so they are case-sensitive;
 * a {@code schema.table} name is quoted part by part.
 */
public final class SqlCopyTable {
    /** How key values are read, bound and saved: integers as Long, anything else as its text. */
    public enum KeyKind { INTEGER, TEXT }

    /** A table that cannot be copied, with a message for the operator (not yet masked). */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message);
        }
    }

    private final String name;
    private final String sourceTable;
    private final String targetTable;
    private final List<String> sourceColumns;
    private final List<String> targetColumns;
    private final String sourceKey;
    private final String targetKey;
    private final int keyColumn;
    private final KeyKind keyKind;
    private final boolean sameColumnTypes;

    private SqlCopyTable(String name, String sourceTable, String targetTable, List<String> sourceColumns, List<String> targetColumns,
            String sourceKey, String targetKey, int keyColumn, KeyKind keyKind, boolean sameColumnTypes) {
        this.name = name;
        this.sourceTable = sourceTable;
        this.targetTable = targetTable;
        this.sourceColumns = List.copyOf(sourceColumns);
        this.targetColumns = List.copyOf(targetColumns);
        this.sourceKey = sourceKey;
        this.targetKey = targetKey;
        this.keyColumn = keyColumn;
        this.keyKind = keyKind;
        this.sameColumnTypes = sameColumnTypes;
    }

    /** Reads both tables' columns; fails naming a missing table, column or key, or a key that is not unique. */
    public static SqlCopyTable resolve(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
            String name, String key) throws Problem, SQLException {
        String sourceTable = quoteName(name, sourceDialect);
        String targetTable = quoteName(name, targetDialect);
        Map<String, String[]> sourceColumns = columns(source, sourceTable, "table '" + name + "' cannot be read in the source");
        Map<String, String[]> targetColumns = columns(target, targetTable, "table '" + name + "' cannot be read in the target");
        Map<String, String[]> targetByLowerName = new LinkedHashMap<>();
        targetColumns.forEach((column, type) -> targetByLowerName.put(column.toLowerCase(Locale.ROOT), new String[] {column, type[0], type[1]}));
        List<String> fromColumns = new ArrayList<>();
        List<String> toColumns = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean sameTypes = true;
        for (Map.Entry<String, String[]> column : sourceColumns.entrySet()) {
            String[] match = targetByLowerName.get(column.getKey().toLowerCase(Locale.ROOT));
            if (match == null) {
                missing.add(column.getKey());
                continue;
            }
            fromColumns.add(quote(column.getKey(), sourceDialect));
            toColumns.add(quote(match[0], targetDialect));
            sameTypes &= column.getValue()[1].equalsIgnoreCase(match[2]);
        }
        if (!missing.isEmpty()) {
            throw new Problem("table '" + name + "' in the target lacks the source's column(s) " + String.join(", ", missing)
                    + "; add them to the target (its columns: " + String.join(", ", targetColumns.keySet()) + ")");
        }
        String keyName = keyColumn(sourceColumns.keySet(), key, name);
        int keyIndex = new ArrayList<>(sourceColumns.keySet()).indexOf(keyName) + 1;
        KeyKind kind = isInteger(Integer.parseInt(sourceColumns.get(keyName)[0])) ? KeyKind.INTEGER : KeyKind.TEXT;
        SqlCopyTable table = new SqlCopyTable(name, sourceTable, targetTable, fromColumns, toColumns, quote(keyName, sourceDialect),
                quote(targetByLowerName.get(keyName.toLowerCase(Locale.ROOT))[0], targetDialect), keyIndex, kind, sameTypes);
        if (!table.keyIsUnique(source, name, keyName)) {
            throw new Problem("key column '" + keyName + "' of table '" + name + "' is not unique in the source; sql.copy needs a"
                    + " unique, not-null key (set key: to a primary key column)");
        }
        return table;
    }

    /** Column name → {JDBC type, type name}, in order, from an empty query. */
    private static Map<String, String[]> columns(Connection connection, String quotedTable, String problem) throws Problem {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + quotedTable + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, String[]> columns = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.put(meta.getColumnName(c), new String[] {Integer.toString(meta.getColumnType(c)), meta.getColumnTypeName(c)});
            }
            return columns;
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new Problem(problem + ": " + SqlConnections.describe(e));
        }
    }

    private static String keyColumn(Iterable<String> columns, String key, String table) throws Problem {
        String ignoringCase = null;
        for (String column : columns) {
            if (column.equals(key)) return column;
            if (column.equalsIgnoreCase(key)) ignoringCase = column;
        }
        if (ignoringCase != null) return ignoringCase;
        throw new Problem("table '" + table + "' in the source has no key column '" + key + "'; set key: to its primary key column"
                + " (its columns: " + String.join(", ", columns) + ")");
    }

    /** A primary key or unique index on the key column alone, or else distinct values (counted once). */
    private boolean keyIsUnique(Connection source, String table, String keyName) throws SQLException {
        int dot = table.lastIndexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot);
        String bare = dot < 0 ? table : table.substring(dot + 1);
        try {
            DatabaseMetaData meta = source.getMetaData();
            String catalog = source.getCatalog();
            if (schema == null) schema = source.getSchema();
            if (singleColumnKey(meta.getPrimaryKeys(catalog, schema, bare), keyName)
                    || singleColumnKey(meta.getIndexInfo(catalog, schema, bare, true, false), keyName)) {
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(source); // a driver without the lookup: count instead
        }
        try (Statement statement = source.createStatement();
                ResultSet counts = statement.executeQuery("SELECT count(" + sourceKey + "), count(DISTINCT " + sourceKey + ") FROM " + sourceTable)) {
            counts.next();
            return counts.getLong(1) == counts.getLong(2);
        }
    }

    /** Whether some key or index in these metadata rows has exactly one column, the key. */
    private static boolean singleColumnKey(ResultSet rows, String keyName) throws SQLException {
        Map<String, List<String>> columnsByIndex = new LinkedHashMap<>();
        try (rows) {
            while (rows.next()) {
                String column = rows.getString("COLUMN_NAME");
                if (column == null) continue;
                String index = Optional.ofNullable(columnNamed(rows, "INDEX_NAME")).orElse(Optional.ofNullable(columnNamed(rows, "PK_NAME")).orElse("primary"));
                columnsByIndex.computeIfAbsent(index, i -> new ArrayList<>()).add(column);
            }
        }
        return columnsByIndex.values().stream().anyMatch(columns -> columns.size() == 1 && columns.get(0).equalsIgnoreCase(keyName));
    }

    private static String columnNamed(ResultSet rows, String label) {
        try {
            return rows.getString(label);
        } catch (SQLException e) {
            return null;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed after the failure anyway
        }
    }

    private static boolean isInteger(int jdbcType) {
        return jdbcType == Types.TINYINT || jdbcType == Types.SMALLINT || jdbcType == Types.INTEGER || jdbcType == Types.BIGINT;
    }

    /** An identifier quoted for the dialect: backticks for MySQL/MariaDB, double quotes otherwise. */
    public static String quote(String identifier, Dialect dialect) {
        return dialect == Dialect.MYSQL ? "`" + identifier.replace("`", "``") + "`" : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String quoteName(String name, Dialect dialect) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? quote(name, dialect) : quote(name.substring(0, dot), dialect) + "." + quote(name.substring(dot + 1), dialect);
    }

    /** The key of the current row, as kept in checkpoints. */
    public Object key(ResultSet rows, int column) throws SQLException {
        Object key = keyKind == KeyKind.INTEGER ? (Object) rows.getLong(column) : rows.getString(column);
        return rows.wasNull() ? null : key;
    }

    /** Binds a key kept in a checkpoint; text binds untyped on PostgreSQL, so it compares as the column's type. */
    public void bindKey(PreparedStatement statement, int index, Object key) throws SQLException {
        if (key instanceof Long value) statement.setLong(index, value);
        else statement.setString(index, String.valueOf(key));
    }

    /**
     * A key as a PostgreSQL literal, for COPY, which takes no parameters: an integer as its digits,
     * anything else as an escape string ({@code E'…'} with quotes doubled and backslashes escaped,
     * right whatever {@code standard_conforming_strings} says), which PostgreSQL coerces to the
     * column's type.
     */
    public static String postgresLiteral(Object key) {
        if (key instanceof Long value) return Long.toString(value);
        return "E'" + String.valueOf(key).replace("\\", "\\\\").replace("'", "''") + "'";
    }

    public String name() { return name; }
    public String sourceTable() { return sourceTable; }
    public String targetTable() { return targetTable; }
    public List<String> sourceColumns() { return sourceColumns; }
    public List<String> targetColumns() { return targetColumns; }
    public String sourceKey() { return sourceKey; }
    public String targetKey() { return targetKey; }
    /** The key's position (1-based) among {@link #sourceColumns()}. */
    public int keyColumn() { return keyColumn; }
    public KeyKind keyKind() { return keyKind; }
    /** Whether every column has the same type name in both databases (PostgreSQL's binary COPY needs that). */
    public boolean sameColumnTypes() { return sameColumnTypes; }
}
