package dev.upbook.playbooks.mattermost;

import com.sun.net.httpserver.HttpServer;
import dev.upbook.steps.EmbeddedMariaDbServer;
import java.io.IOException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Mattermost 1.x server built by {@code playbooks/mattermost/sandbox/build.sh} on a database of
 * its own in the embedded MariaDB (one server per test JVM, shared by every product's tests), or on
 * the builder's SQLite default; plus a web server that answers for it (200 with
 * {@code X-Version-Id} while the sandbox's service runs, 503 while it is stopped), and the options
 * and environment that point the playbook at them.
 */
final class MattermostSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("mattermost/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("mattermost/sandbox/build.sh");
    /** Mattermost's database account (SqlSettings.DataSource): privileges on its own database only. */
    static final String DB_USER = "mmuser_sandbox";
    static final String DB_PASSWORD = "mm-Secret-7";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Path dir;
    private final List<String> vars;
    /** PATH after the stand-ins: the MariaDB client tools (sql.backup runs mariadb-dump), then the JVM's. */
    private final String toolPath;
    private final HttpServer web;
    private final String dbUrl;

    private MattermostSandbox(Path dir, List<String> vars, String toolPath, HttpServer web) {
        this.dir = dir;
        this.vars = vars;
        this.toolPath = toolPath;
        this.web = web;
        this.dbUrl = vars.stream().filter(v -> v.startsWith("db_url=")).map(v -> v.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("build.sh printed no db_url: " + vars));
    }

    /** A server at {@code version} on a new database of the embedded MariaDB. */
    static MattermostSandbox build(Path dir, String version) throws IOException, InterruptedException {
        String database = newDatabase();
        String db = "mariadb://" + DB_USER + "@127.0.0.1:" + EmbeddedMariaDbServer.port() + "/" + database;
        return build(dir, version, List.of("--db", db), EmbeddedMariaDbServer.binDirectory() + ":" + System.getenv("PATH"));
    }

    /** A server at {@code version} on the builder's default, a SQLite file (what {@code upbook demo} builds). */
    static MattermostSandbox buildOnSqlite(Path dir, String version) throws IOException, InterruptedException {
        return build(dir, version, List.of(), System.getenv("PATH"));
    }

    private static MattermostSandbox build(Path dir, String version, List<String> dbOption, String toolPath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", BUILDER.toString()));
        command.addAll(dbOption);
        command.addAll(List.of(dir.toString(), version));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", toolPath);
        builder.environment().put("MATTERMOST_DB_PASSWORD", DB_PASSWORD); // never on an argv
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("build.sh failed:\n" + out);
        List<String> vars = new ArrayList<>(Arrays.asList(out.trim().split("\\s+")));
        HttpServer web = site(dir);
        String site = "http://127.0.0.1:" + web.getAddress().getPort();
        vars.addAll(List.of("--var", "site_url=" + site + "/", "--var", "team_url=" + site + "/sandbox-team"));
        return new MattermostSandbox(dir, vars, toolPath, web);
    }

    /** A new empty database on the shared server, named for this product, granted to the sandbox's account alone. */
    private static String newDatabase() {
        return database("mattermost_" + DATABASES.incrementAndGet(), DB_USER, DB_PASSWORD);
    }

    /**
     * A new empty database {@code name} on the shared server, granted to {@code user} alone (created
     * for local connections: the embedded server's anonymous local accounts would shadow 'user'@'%').
     */
    static synchronized String database(String name, String user, String password) {
        EmbeddedMariaDbServer.newDatabase(name);
        EmbeddedMariaDbServer.runAsRoot("CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'");
        EmbeddedMariaDbServer.runAsRoot("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + user + "'@'localhost'");
        return name;
    }

    /** The web site of the server built in {@code dir}: 200 (with X-Version-Id) while it runs, 503 while it is stopped. */
    static HttpServer site(Path dir) throws IOException {
        Path pid = dir.resolve("run/mattermost.pid");
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            boolean up = Files.exists(pid);
            byte[] body = (up ? "<html>Mattermost</html>" : "down").getBytes(StandardCharsets.UTF_8);
            if (up) exchange.getResponseHeaders().add("X-Version-Id", "sandbox");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        return web;
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("mattermost")) ? here : here.resolve("playbooks");
    }

    /** Every upbook process: the stand-ins first on PATH, its own journal, the database password. */
    Map<String, String> env() {
        return Map.of("PATH", dir.resolve("bin") + ":" + toolPath,
                "UPBOOK_STATE_DIR", dir.resolve("state").toString(), "MATTERMOST_DB_PASSWORD", DB_PASSWORD);
    }

    /** {@code COMMAND [EXTRA...] PLAYBOOK-OPTIONS}: the command line of a run of the playbook. */
    List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(vars);
        return args;
    }

    /** Creates a marker file (FAIL_START, SLOW_START with seconds, …) the stand-ins read. */
    Path marker(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    Path root() {
        return dir.resolve("opt/mattermost");
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    boolean onSqlite() {
        return dbUrl.startsWith("jdbc:sqlite:");
    }

    /** The first column of the first row of {@code sql}, read over JDBC (from the server, as the sandbox's account). */
    String db(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl.replace("jdbc:mysql:", "jdbc:mariadb:"), DB_USER, DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() {
        web.stop(0);
    }
}
