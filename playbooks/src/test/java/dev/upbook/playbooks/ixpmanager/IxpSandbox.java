package dev.upbook.playbooks.ixpmanager;

import dev.upbook.playbooks.ProcessTrees;
import dev.upbook.playbooks.UpbookProcess;
import dev.upbook.steps.EmbeddedMariaDbServer;
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
 * An imitation IXP Manager installation built by {@code playbooks/ixp-manager/sandbox/build.sh} on
 * a database of its own in the embedded MariaDB (one server per test JVM, shared by every
 * product's tests), plus what the playbook's inputs point at: the web site (an HTTP server
 * answering 503 while {@code storage/framework/down} exists, as Laravel does), the stand-ins and
 * the MariaDB client tools ({@code mariadb}, {@code mariadb-dump}) on PATH.
 */
final class IxpSandbox implements AutoCloseable {
    /** IXP Manager's own database account (DB_USERNAME/DB_PASSWORD of .env): privileges on its database only. */
    static final String DB_USER = "ixp_sandbox";
    static final String DB_PASSWORD = "ixp-sandbox-Pw7";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Pattern VERSION = Pattern.compile("APPLICATION_VERSION'\\s*,\\s*'([0-9.]+)'");

    final Path dir;
    final Path root;
    /** The database's JDBC URL, without credentials (the playbook's db_url input). */
    final String dbUrl;
    /** PATH after the stand-ins: the MariaDB client tools (sql.backup runs mariadb-dump), then the JVM's. */
    private final String toolPath;
    private final HttpServer site;

    private IxpSandbox(Path dir, String dbUrl, String toolPath, HttpServer site) {
        this.dir = dir;
        this.root = dir.resolve("srv/ixpmanager");
        this.dbUrl = dbUrl;
        this.toolPath = toolPath;
        this.site = site;
    }

    /** A sandbox at {@code version} on a new database of the embedded MariaDB. */
    static IxpSandbox build(Path dir, String version) throws IOException, InterruptedException {
        String database = newDatabase();
        int port = EmbeddedMariaDbServer.port();
        String toolPath = EmbeddedMariaDbServer.binDirectory() + ":" + System.getenv("PATH");
        List<String> db = List.of("--db", "mariadb://" + DB_USER + "@127.0.0.1:" + port + "/" + database);
        return build(dir, version, db, "jdbc:mysql://127.0.0.1:" + port + "/" + database, toolPath);
    }

    /** A sandbox at {@code version} on the builder's default, a SQLite file (what {@code upbook demo} builds). */
    static IxpSandbox buildOnSqlite(Path dir, String version) throws IOException, InterruptedException {
        String url = "jdbc:sqlite:" + dir.toAbsolutePath().resolve("db/ixpmanager.sqlite");
        return build(dir, version, List.of(), url, System.getenv("PATH"));
    }

    private static IxpSandbox build(Path dir, String version, List<String> dbOption, String dbUrl, String toolPath)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("upbook.playbooks", "."), "ixp-manager", "sandbox", "build.sh").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(dbOption);
        command.addAll(List.of(dir.toString(), version, "40"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", toolPath);
        builder.environment().put("IXP_DB_PASSWORD", DB_PASSWORD); // the password never goes on an argv
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("build.sh failed:\n" + output);
        return new IxpSandbox(dir, dbUrl, toolPath, serveSite(dir.resolve("srv/ixpmanager")));
    }

    /** The site as Laravel answers it: 503 in maintenance mode (storage/framework/down), else 200. */
    private static HttpServer serveSite(Path root) throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            boolean down = Files.exists(root.resolve("storage/framework/down"));
            byte[] body = (down ? "Please wait, currently upgrading..." : "<title>IXP Manager</title>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        return site;
    }

    /**
     * A new empty database on the shared server, named for this product, which the sandbox's
     * account reaches through a grant on it alone, as IXP Manager's installation sets it up.
     */
    private static synchronized String newDatabase() {
        String name = "ixpmanager_" + DATABASES.incrementAndGet();
        EmbeddedMariaDbServer.newDatabase(name);
        EmbeddedMariaDbServer.runAsRoot("CREATE USER IF NOT EXISTS '" + DB_USER + "'@'localhost' IDENTIFIED BY '" + DB_PASSWORD + "'");
        EmbeddedMariaDbServer.runAsRoot("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + DB_USER + "'@'localhost'");
        return name;
    }

    Path playbook() {
        return Path.of(System.getProperty("upbook.playbooks", "."), "ixp-manager", "playbook.yaml").toAbsolutePath();
    }

    Map<String, String> env() {
        return Map.of(
                "PATH", dir.resolve("bin") + ":" + toolPath,
                "UPBOOK_STATE_DIR", dir.resolve("state").toString(),
                "IXP_DB_PASSWORD", DB_PASSWORD);
    }

    /** The playbook's inputs for this sandbox: only inputs change, never the playbook. */
    List<String> vars() {
        return List.of(
                "--var", "root=" + root,
                "--var", "www_user=" + System.getProperty("user.name"),
                "--var", "php=php",
                "--var", "url=http://127.0.0.1:" + site.getAddress().getPort() + "/",
                "--var", "db_url=" + dbUrl,
                "--var", "db_user=" + DB_USER,
                "--var", "backup_dir=" + dir.resolve("backups"));
    }

    UpbookProcess start(String... args) throws IOException {
        return UpbookProcess.start(dir, env(), List.of(args));
    }

    UpbookProcess startRun(String to, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", playbook().toString(), "--to", to, "--yes"));
        args.addAll(vars());
        args.addAll(List.of(extra));
        return UpbookProcess.start(dir, env(), args);
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
    }

    String version() throws IOException {
        Matcher m = VERSION.matcher(Files.readString(root.resolve("version.php")));
        return m.find() ? m.group(1) : "(none)";
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    /** Reads the database over JDBC (from the server, as the sandbox's account). */
    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl.replace("jdbc:mysql:", "jdbc:mariadb:"), DB_USER, DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    boolean maintenanceOn() {
        return Files.exists(root.resolve("storage/framework/down"));
    }

    void marker(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    void removeMarker(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Stops the artisan migrate an interrupted step left running (and its children), as an operator would. */
    void stopOrphanedMigrate() throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve("run/artisan-migrate.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessTrees::kill);
    }

    @Override
    public void close() {
        site.stop(0);
    }
}
