package dev.upbook.steps;

import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Tables for sql.copy tests in each database: {@code item(id, name, price, created, data, qty)}
 * with NULLs, quotes and non-ASCII text, decimals, timestamps and binary data, filled with a
 * deterministic function of the id; and reading a table back as one normalized text per row.
 */
final class CopyFixtures {
    private CopyFixtures() {}

    static String itemTable(TestDatabase database) {
        switch (database) {
            case POSTGRESQL:
                return "CREATE TABLE item (id BIGINT PRIMARY KEY, name TEXT, price NUMERIC(12,2), created TIMESTAMP, data BYTEA, qty INTEGER)";
            case MARIADB:
                return "CREATE TABLE item (id BIGINT PRIMARY KEY, name TEXT, price DECIMAL(12,2), created DATETIME(6), data LONGBLOB, qty INT) DEFAULT CHARSET=utf8mb4";
            default:
                return "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price NUMERIC, created TEXT, data BLOB, qty INTEGER)";
        }
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        }
    }

    /** Inserts items {@code from..to} (inclusive) in one transaction. */
    static void fillItems(String url, TestDatabase database, long from, long to) throws SQLException {
        try (Connection connection = connect(url);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO item (id, name, price, created, data, qty) VALUES (?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (long id = from; id <= to; id++) {
                insert.setLong(1, id);
                insert.setString(2, id % 7 == 0 ? null : "item " + id + " O'Brien \"quoted\" \\ ünïcødé ✓");
                insert.setBigDecimal(3, id % 5 == 0 ? null : BigDecimal.valueOf(id * 125, 2));
                LocalDateTime created = LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(id).plusNanos((id % 1000) * 1_000_000);
                if (id % 11 == 0) insert.setNull(4, java.sql.Types.NULL);
                else if (database == TestDatabase.SQLITE) insert.setString(4, created.toString().replace('T', ' '));
                else insert.setTimestamp(4, Timestamp.valueOf(created));
                if (id % 3 == 0) insert.setNull(5, java.sql.Types.NULL);
                else insert.setBytes(5, new byte[] {(byte) id, 0, (byte) 0xff, (byte) (id >> 8), 0x27, 0x5c});
                if (id % 13 == 0) insert.setNull(6, java.sql.Types.NULL);
                else insert.setLong(6, id * 3);
                insert.addBatch();
                if (id % 1000 == 0) insert.executeBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** Every row of {@code table} in key order, each as one text of normalized values. */
    static List<String> rows(String url, String table, String key) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) row.append(normalized(result.getObject(c))).append(" | ");
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static String normalized(Object value) throws SQLException {
        if (value == null) return "NULL";
        if (value instanceof Number number) return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        if (value instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
        if (value instanceof Blob blob) return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
        if (value instanceof Timestamp timestamp) return timestamp.toLocalDateTime().toString();
        if (value instanceof LocalDateTime timestamp) return timestamp.toString();
        return value.toString();
    }

    static long scalar(String url, String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
