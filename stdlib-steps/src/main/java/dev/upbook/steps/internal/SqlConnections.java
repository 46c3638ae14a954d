package dev.upbook.steps.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens the one JDBC connection an attempt of a {@code sql.*} step uses, and converts values between
 * the step's parameters and JDBC.
 *
 * <p>Each connection comes from its own HikariCP pool of one, which lives exactly as long as the
 * connection: the step SPI has no lifetime longer than an attempt to keep a pool in, and closing the
 * returned connection closes the pool (its housekeeping thread included). The pool opens the
 * connection at once ({@code initializationFailTimeout}), so a refused login fails immediately with
 * the driver's reason instead of after the pool's wait, and hands out that same connection.
 */
public final class SqlConnections {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");
    private static final long CONNECT_CAP_SECONDS = 30;

    /** The database families upbook ships drivers for. */
    public enum Dialect {
        POSTGRESQL, MYSQL, SQLITE;

        /** The family of a JDBC URL; empty for other databases. */
        public static Optional<Dialect> of(String url) {
            String u = url.toLowerCase(Locale.ROOT);
            if (u.startsWith("jdbc:postgresql:")) return Optional.of(POSTGRESQL);
            if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) return Optional.of(MYSQL);
            if (u.startsWith("jdbc:sqlite:")) return Optional.of(SQLITE);
            return Optional.empty();
        }
    }

    /** A connection that cannot be opened, with a message fit for the operator (not yet masked). */
    public static final class ConnectException extends Exception {
        public ConnectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private SqlConnections() {}

    /**
     * Opens a connection with auto-commit off. PostgreSQL connections send text parameters untyped
     * ({@code stringtype=unspecified}, unless the URL says otherwise), so a rendered template such
     * as {@code "42"} binds to an integer column. A relative SQLite path resolves against
     * {@code directory}; a read-only SQLite connection opens the file read-only (and never creates it).
     */
    public static Connection open(String url, Optional<String> user, Optional<String> password, Path directory,
            Optional<Duration> timeout, boolean readOnly) throws ConnectException {
        return open(url, user, password, directory, timeout, readOnly, Map.of());
    }

    /**
     * As {@link #open(String, Optional, Optional, Path, Optional, boolean)}, with further driver
     * properties (e.g. PgJDBC's {@code reWriteBatchedInserts}); a property the URL sets itself wins.
     */
    public static Connection open(String url, Optional<String> user, Optional<String> password, Path directory,
            Optional<Duration> timeout, boolean readOnly, Map<String, String> driverProperties) throws ConnectException {
        Dialect dialect = Dialect.of(url).orElseThrow(() -> new ConnectException("'" + redact(url)
                + "' is not a JDBC URL of a database upbook supports; use jdbc:postgresql://HOST/DB, jdbc:mariadb://HOST/DB"
                + " (or jdbc:mysql://), or jdbc:sqlite:FILE", null));
        String jdbcUrl = dialectUrl(url, dialect, directory);
        Properties properties = new Properties();
        driverProperties.forEach((name, value) -> {
            if (!url.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT) + "=")) properties.setProperty(name, value);
        });
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        long connectSeconds = timeout.map(t -> Math.max(1, Math.min(CONNECT_CAP_SECONDS, t.toSeconds()))).orElse(CONNECT_CAP_SECONDS);
        if (dialect == Dialect.POSTGRESQL) {
            properties.setProperty("connectTimeout", Long.toString(connectSeconds));
            if (!url.toLowerCase(Locale.ROOT).contains("stringtype=")) properties.setProperty("stringtype", "unspecified");
        } else if (dialect == Dialect.MYSQL) {
            properties.setProperty("connectTimeout", Long.toString(connectSeconds * 1000));
        } else if (readOnly) {
            properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        }
        HikariDataSource pool = pool(url, jdbcUrl, properties, dialect, connectSeconds, readOnly);
        try {
            return closingPool(pool.getConnection(), pool);
        } catch (SQLException e) {
            pool.close();
            throw new ConnectException("cannot connect to " + redact(url) + ": " + describe(e), e);
        }
    }

    /** A started pool of one connection with auto-commit off; a failure to connect as the driver reported it. */
    private static HikariDataSource pool(String url, String jdbcUrl, Properties properties, Dialect dialect, long connectSeconds,
            boolean readOnly) throws ConnectException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("upbook-" + dialect.name().toLowerCase(Locale.ROOT));
        config.setJdbcUrl(jdbcUrl);
        config.setDataSourceProperties(properties);
        config.setAutoCommit(false);
        // HikariCP sets the flag on every connection; a read-only SQLite file is opened read-only (open_mode) and must match
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1); // keeps the connection the start opened instead of closing it and opening another
        config.setConnectionTimeout(Math.max(250, connectSeconds * 1000));
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof SQLException sql ? describe(sql) : String.valueOf(cause.getMessage());
            throw new ConnectException("cannot connect to " + redact(url) + ": " + redact(reason), cause);
        } catch (RuntimeException e) {
            // e.g. no driver for the URL; HikariCP's own message would repeat the URL unredacted
            throw new ConnectException("cannot connect to " + redact(url) + ": no JDBC driver accepts this URL", null);
        }
    }

    /** The connection, whose {@code close} also closes its pool. */
    private static Connection closingPool(Connection connection, HikariDataSource pool) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    connection.close();
                } finally {
                    pool.close();
                }
                return null;
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(SqlConnections.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** The URL to give the driver: jdbc:mysql becomes jdbc:mariadb (the shipped driver), a relative SQLite path absolute. */
    static String dialectUrl(String url, Dialect dialect, Path directory) {
        if (dialect == Dialect.MYSQL && url.regionMatches(true, 0, "jdbc:mysql:", 0, 11)) return "jdbc:mariadb:" + url.substring(11);
        if (dialect == Dialect.SQLITE) {
            String file = url.substring("jdbc:sqlite:".length());
            if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:") || file.startsWith("/")) return url;
            int query = file.indexOf('?');
            String path = query < 0 ? file : file.substring(0, query);
            String rest = query < 0 ? "" : file.substring(query);
            return "jdbc:sqlite:" + directory.resolve(path).toAbsolutePath().normalize() + rest;
        }
        return url;
    }

    /** The URL with any password in it replaced by {@code *****}, for messages and dry runs. */
    public static String redact(String url) {
        String withoutQueryPassword = URL_PASSWORD.matcher(url).replaceAll("$1*****");
        return URL_USER_INFO.matcher(withoutQueryPassword).replaceAll("$1*****@");
    }

    /** An exception's message with its SQLSTATE, e.g. {@code relation "x" does not exist (SQLSTATE 42P01)}. */
    public static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return e.getSQLState() == null || message.contains(e.getSQLState()) ? message : message + " (SQLSTATE " + e.getSQLState() + ")";
    }

    /** Binds one parameter: text, integer, decimal, boolean or null; a list or mapping is refused. */
    public static void bind(PreparedStatement statement, int index, Object value, String name) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Long || value instanceof Integer) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            statement.setDouble(index, ((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof Boolean bool) {
            statement.setBoolean(index, bool);
        } else if (value instanceof List || value instanceof Map) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a single value, not a "
                    + (value instanceof List ? "list" : "mapping"));
        } else {
            statement.setString(index, String.valueOf(value));
        }
    }

    /**
     * One column of the current row as a registrable value: integers as Long, floating point as
     * Double, exact decimals as Long when whole and otherwise as their plain text (no rounding),
     * booleans as Boolean, binary data as {@code <N bytes>}, SQL NULL as null, anything else (text,
     * dates, times, UUIDs) as the driver's text.
     */
    public static Object value(ResultSet rows, int column) throws SQLException {
        int type = rows.getMetaData().getColumnType(column);
        Object value;
        switch (type) {
            case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
                value = rows.getLong(column);
                break;
            case Types.REAL: case Types.FLOAT: case Types.DOUBLE:
                value = rows.getDouble(column);
                break;
            case Types.NUMERIC: case Types.DECIMAL:
                BigDecimal decimal = rows.getBigDecimal(column);
                value = decimal == null ? null : whole(decimal);
                break;
            case Types.BIT: case Types.BOOLEAN:
                value = rows.getBoolean(column);
                break;
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
                byte[] bytes = rows.getBytes(column);
                value = bytes == null ? null : "<" + bytes.length + " bytes>";
                break;
            default:
                value = rows.getString(column);
        }
        return rows.wasNull() ? null : value;
    }

    private static Object whole(BigDecimal decimal) {
        try {
            return decimal.stripTrailingZeros().scale() <= 0 ? (Object) decimal.longValueExact() : decimal.toPlainString();
        } catch (ArithmeticException tooBig) {
            return decimal.toPlainString();
        }
    }
}
