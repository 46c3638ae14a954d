package dev.upbook.steps.internal;

import dev.upbook.steps.internal.SqlConnections.Dialect;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line tools of {@code sql.backup} and {@code sql.restore}: {@code pg_dump} and
 * {@code psql} for PostgreSQL, {@code mariadb-dump}/{@code mysqldump} and {@code mariadb}/{@code mysql}
 * for MariaDB/MySQL, found on {@code PATH}. A password never appears in an argv: PostgreSQL tools get
 * it in {@code PGPASSWORD}, MariaDB/MySQL tools in a {@code --defaults-extra-file} readable by the
 * owner only, deleted when the tool ends.
 */
public final class SqlDumpTools {
    /** The trailer pg_dump writes last in a plain dump. */
    public static final String POSTGRESQL_TRAILER = "-- PostgreSQL database dump complete";
    /** The trailer mysqldump and mariadb-dump write last (with comments on, the default). */
    public static final String MYSQL_TRAILER = "-- Dump completed";

    /** Where a database is and who logs in, read from a JDBC URL and the step's user and password. */
    public record Target(Dialect dialect, String host, int port, String database, Optional<String> user, Optional<String> password) {}

    /** A command to run and the environment it needs; {@link #close()} deletes any credentials file. */
    public record Command(List<String> argv, Map<String, String> environment, Optional<Path> credentials) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (credentials.isPresent()) Files.deleteIfExists(credentials.get());
        }
    }

    private SqlDumpTools() {}

    /** Reads a PostgreSQL or MariaDB/MySQL JDBC URL; user and password in the URL count unless the step gives them. */
    public static Target target(String url, Optional<String> user, Optional<String> password) {
        Dialect dialect = Dialect.of(url).orElseThrow(() -> new IllegalArgumentException("'" + SqlConnections.redact(url)
                + "' is not a JDBC URL of PostgreSQL or MariaDB/MySQL"));
        if (dialect == Dialect.SQLITE) {
            throw new IllegalArgumentException("a SQLite database is a file: back it up and restore it with file.backup and file.restore");
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the JDBC URL " + SqlConnections.redact(url)
                    + " (only one host is supported): " + e.getReason());
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("the JDBC URL " + SqlConnections.redact(url) + " names no host");
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) throw new IllegalArgumentException("the JDBC URL " + SqlConnections.redact(url) + " names no database");
        Map<String, String> query = query(uri.getRawQuery());
        Optional<String> urlUser = Optional.ofNullable(query.get("user"));
        Optional<String> urlPassword = Optional.ofNullable(query.get("password"));
        if (uri.getUserInfo() != null) {
            String[] info = uri.getUserInfo().split(":", 2);
            urlUser = Optional.of(info[0]);
            if (info.length == 2) urlPassword = Optional.of(info[1]);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : dialect == Dialect.POSTGRESQL ? 5432 : 3306;
        Optional<String> effectiveUser = user.isPresent() ? user : urlUser;
        Optional<String> effectivePassword = (password.isPresent() ? password : urlPassword).filter(p -> !p.isEmpty());
        return new Target(dialect, uri.getHost(), port, path, effectiveUser, effectivePassword);
    }

    /** The dump command writing a plain SQL dump of {@code target} to {@code file}. */
    public static Command dump(Target target, Path file) throws IOException {
        if (target.dialect() == Dialect.POSTGRESQL) {
            List<String> argv = new ArrayList<>(List.of(program("pg_dump"), "--format=plain", "--no-owner", "--file=" + file,
                    "--host=" + target.host(), "--port=" + target.port()));
            target.user().ifPresent(u -> argv.add("--username=" + u));
            argv.add("--no-password");
            argv.add("--dbname=" + target.database());
            return new Command(argv, pgEnvironment(target), Optional.empty());
        }
        String program = program("mariadb-dump", "mysqldump");
        Path credentials = mysqlCredentials(target, file.getParent());
        List<String> argv = new ArrayList<>(List.of(program, "--defaults-extra-file=" + credentials, "--single-transaction",
                "--routines", "--triggers", "--host=" + target.host(), "--port=" + target.port(), "--protocol=TCP",
                "--result-file=" + file));
        argv.add(target.database());
        return new Command(argv, Map.of(), Optional.of(credentials));
    }

    /**
     * Empties a PostgreSQL database's schema {@code public} (run in the restore's transaction): drops
     * its views, tables, sequences, routines and enum/domain types, except what extensions own. The
     * schema itself stays, with its owner and grants, so the restoring user need not own it.
     */
    static final String PG_CLEAN = """
            DO $upbook_clean$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S')
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
                       ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 1 WHEN 'S' THEN 3 ELSE 2 END LOOP
                EXECUTE format('DROP %s IF EXISTS %s CASCADE', CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                  WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.name);
              END LOOP;
              FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP TYPE IF EXISTS %s CASCADE', r.name);
              END LOOP;
            END
            $upbook_clean$;""";
    /**
     * Drops every view, then every table, of the current MariaDB/MySQL database (the name lists are
     * built with {@code GROUP_CONCAT}, whose length limit is raised first: MySQL's default is 1024 bytes).
     */
    static final String MYSQL_CLEAN = "SET SESSION group_concat_max_len = 1073741824; SET FOREIGN_KEY_CHECKS=0;"
            + " SET @v = (SELECT GROUP_CONCAT(CONCAT('`', REPLACE(table_name, '`', '``'), '`')) FROM information_schema.tables"
            + " WHERE table_schema = DATABASE() AND table_type = 'VIEW');"
            + " SET @s = IF(@v IS NULL, 'DO 0', CONCAT('DROP VIEW IF EXISTS ', @v)); PREPARE s FROM @s; EXECUTE s; DEALLOCATE PREPARE s;"
            + " SET @t = (SELECT GROUP_CONCAT(CONCAT('`', REPLACE(table_name, '`', '``'), '`')) FROM information_schema.tables"
            + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE');"
            + " SET @s = IF(@t IS NULL, 'DO 0', CONCAT('DROP TABLE IF EXISTS ', @t)); PREPARE s FROM @s; EXECUTE s; DEALLOCATE PREPARE s;"
            + " SET FOREIGN_KEY_CHECKS=1;";

    /**
     * The client command running the statements of {@code file} against {@code target}, stopping at
     * the first error; with {@code clean}, after emptying the database ({@link #PG_CLEAN} in the same
     * transaction on PostgreSQL, {@link #MYSQL_CLEAN} on MariaDB/MySQL).
     */
    public static Command restore(Target target, Path file, boolean clean) throws IOException {
        if (target.dialect() == Dialect.POSTGRESQL) {
            List<String> argv = new ArrayList<>(List.of(program("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                    "--single-transaction", "--host=" + target.host(), "--port=" + target.port()));
            target.user().ifPresent(u -> argv.add("--username=" + u));
            argv.addAll(List.of("--no-password", "--dbname=" + target.database()));
            if (clean) argv.add("--command=" + PG_CLEAN);
            argv.add("--file=" + file);
            return new Command(argv, pgEnvironment(target), Optional.empty());
        }
        String program = program("mariadb", "mysql");
        Path credentials = mysqlCredentials(target, file.toAbsolutePath().getParent());
        List<String> argv = new ArrayList<>(List.of(program, "--defaults-extra-file=" + credentials, "--host=" + target.host(),
                "--port=" + target.port(), "--protocol=TCP", "--batch", target.database(),
                "--execute=" + (clean ? MYSQL_CLEAN + "\n" : "") + "source " + file)); // a client command starts a line
        return new Command(argv, Map.of(), Optional.of(credentials));
    }

    /** The first of {@code names} found on PATH, as an absolute path; a message naming them all when none is. */
    static String program(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String directory : path.split(":")) {
                if (directory.isEmpty()) continue;
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate.toString();
            }
        }
        String wanted = names.length == 1 ? names[0] : String.join(" or ", names);
        String client = names[0].startsWith("pg_") || names[0].equals("psql") ? "postgresql-client" : "mariadb-client";
        throw new IllegalStateException(wanted + " is not installed (not found on PATH " + path + "); install the "
                + client + " package, in the major version of the server or newer");
    }

    private static Map<String, String> pgEnvironment(Target target) {
        Map<String, String> environment = new LinkedHashMap<>();
        target.password().ifPresent(p -> environment.put("PGPASSWORD", p));
        return environment;
    }

    /** A {@code [client]} option file with user and password, mode 0600, next to the dump. */
    private static Path mysqlCredentials(Target target, Path directory) throws IOException {
        Path file = Files.createTempFile(directory, ".upbook-client-", ".cnf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder content = new StringBuilder("[client]\n");
        target.user().ifPresent(u -> content.append("user=").append(optionValue(u)).append('\n'));
        target.password().ifPresent(p -> content.append("password=").append(optionValue(p)).append('\n'));
        Files.writeString(file, content.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** A value quoted for a MySQL option file (backslash and double quote escaped). */
    private static String optionValue(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) return values;
        for (String pair : rawQuery.split("[&;]")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) values.put(decode(kv[0]), decode(kv[1]));
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Whether {@code file} ends with the trailer its dump tool writes last, i.e. the dump is complete. */
    public static boolean complete(Path file, Dialect dialect) throws IOException {
        if (!Files.isRegularFile(file)) return false;
        long size = Files.size(file);
        try (var channel = Files.newByteChannel(file)) {
            int tail = (int) Math.min(size, 4096);
            channel.position(size - tail);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(tail);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read the last bytes
            }
            String end = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return end.contains(dialect == Dialect.POSTGRESQL ? POSTGRESQL_TRAILER : MYSQL_TRAILER);
        }
    }
}
