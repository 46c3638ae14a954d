package dev.upbook.playbooks.arctykitsm;

import dev.upbook.playbooks.ProcessTrees;
import dev.upbook.playbooks.UpbookProcess;
import dev.upbook.steps.EmbeddedPostgresServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An imitation Arctyk ITSM installation built by {@code playbooks/arctyk-itsm/sandbox/build.sh} on
 * a database of its own in the test JVM's embedded PostgreSQL (owned by the guide's
 * {@code arctyk_user}, with a password), plus what the playbook's inputs point at: the web site (an
 * HTTP server answering 200 while the sandbox's {@code arctyk-web.service} is active, 503
 * otherwise) and the systemctl stand-in first on PATH.
 */
final class ArctykSandbox implements AutoCloseable {
    static final String DB_USER = "arctyk_user";
    static final String DB_PASSWORD = "arctyk-sandbox-Pw7";
    private static final Pattern VERSION = Pattern.compile("(?m)^version\\s*=\\s*\"([^\"]+)\"");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Path dir;
    final Path root;
    /** The database's JDBC URL, without user or password (the playbook's {@code db_url}). */
    final String dbUrl;
    private final HttpServer site;

    private ArctykSandbox(Path dir, String dbUrl, HttpServer site) {
        this.dir = dir;
        this.root = dir.resolve("srv/arctyk-itsm");
        this.dbUrl = dbUrl;
        this.site = site;
    }

    /** The database a sandbox is built on: the product's PostgreSQL, or the SQLite file of {@code upbook demo}. */
    enum Database { POSTGRESQL, SQLITE }

    static ArctykSandbox build(Path dir, String version) throws IOException, InterruptedException, SQLException {
        return build(dir, version, Database.POSTGRESQL);
    }

    static ArctykSandbox build(Path dir, String version, Database database) throws IOException, InterruptedException, SQLException {
        Path script = Path.of(System.getProperty("upbook.playbooks", "."), "arctyk-itsm", "sandbox", "build.sh").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        String dbUrl;
        if (database == Database.POSTGRESQL) {
            String name = "arctyk_itsm_" + DATABASES.incrementAndGet();
            dbUrl = newDatabaseOwnedByArctykUser(name);
            command.addAll(List.of("--db", "postgresql://" + DB_USER + "@localhost:" + EmbeddedPostgresServer.port() + "/" + name));
        } else {
            dbUrl = "jdbc:sqlite:" + dir.toAbsolutePath().resolve("db/arctyk.sqlite");
        }
        command.addAll(List.of(dir.toString(), version, "30"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SANDBOX_DB_PASSWORD", DB_PASSWORD);
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("build.sh failed:\n" + output);
        Path state = dir.resolve("run/arctyk-web.service.state");
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            boolean up = Files.exists(state) && Files.readString(state).trim().equals("active");
            byte[] body = (up ? "<title>Arctyk ITSM</title>" : "502 Bad Gateway").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        return new ArctykSandbox(dir, dbUrl, site);
    }

    /**
     * A new database owned by {@code arctyk_user} (created once per server), as the guide's
     * installation has it: its schema public stays the bootstrap superuser's, as on PostgreSQL 14 and
     * older, so the rollback's clean restore must work without owning it; returns its JDBC URL
     * without credentials.
     */
    private static String newDatabaseOwnedByArctykUser(String name) throws SQLException {
        String adminUrl = EmbeddedPostgresServer.newDatabase(name);
        String url = "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/" + name;
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            synchronized (ArctykSandbox.class) {
                s.execute("DO $$ BEGIN CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'; "
                        + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
            s.execute("ALTER DATABASE " + name + " OWNER TO " + DB_USER);
        }
        return url;
    }

    Path playbook() {
        return Path.of(System.getProperty("upbook.playbooks", "."), "arctyk-itsm", "playbook.yaml").toAbsolutePath();
    }

    Map<String, String> env() {
        return Map.of(
                "PATH", dir.resolve("bin") + ":" + System.getenv("PATH"),
                "UPBOOK_STATE_DIR", dir.resolve("state").toString(),
                "ARCTYK_DB_PASSWORD", DB_PASSWORD);
    }

    /** The playbook's inputs for this sandbox: only inputs change, never the playbook. */
    List<String> vars() {
        return List.of(
                "--var", "root=" + root,
                "--var", "app_dir=" + root.resolve("src"),
                "--var", "venv=" + root.resolve(".venv"),
                "--var", "url=http://127.0.0.1:" + site.getAddress().getPort() + "/",
                "--var", "db_url=" + dbUrl,
                "--var", "db_user=" + DB_USER,
                "--var", "backup_dir=" + dir.resolve("backups"));
    }

    String[] runArgs(String to, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", playbook().toString(), "--to", to, "--yes"));
        args.addAll(vars());
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    UpbookProcess start(String... args) throws IOException {
        return UpbookProcess.start(dir, env(), List.of(args));
    }

    /** Runs upbook to its end; returns the process for its exit code and output. */
    Result upbook(String... args) throws IOException, InterruptedException {
        UpbookProcess p = start(args);
        return new Result(p.await(), p);
    }

    record Result(int exit, UpbookProcess process) {
        String out() {
            return process.out();
        }

        String transcript() {
            return process.transcript();
        }
    }

    String version() throws IOException {
        Matcher m = VERSION.matcher(Files.readString(root.resolve("pyproject.toml")));
        return m.find() ? m.group(1) : "(none)";
    }

    String serviceState(String unit) throws IOException {
        return Files.readString(dir.resolve("run/" + unit + ".state")).trim();
    }

    List<String> installedPackages() throws IOException {
        return Files.readAllLines(root.resolve(".venv/installed.txt"));
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    /** The first column of the first row of {@code sql}, read over JDBC from the sandbox's database. */
    long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether {@code table} has {@code column}, from the database's metadata (the same on both backends). */
    boolean hasColumn(String table, String column) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next();
        }
    }

    /** Whether {@code table} exists, from the database's metadata. */
    boolean hasTable(String table) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    private Connection connect() throws SQLException {
        return dbUrl.startsWith("jdbc:sqlite:") ? DriverManager.getConnection(dbUrl) : DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
    }

    void marker(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    void removeMarker(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Stops the manage.py migrate an interrupted step left running (and its children), as an operator would. */
    void stopOrphanedMigrate() throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve("run/migrate.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessTrees::kill);
    }

    @Override
    public void close() {
        site.stop(0);
    }
}
