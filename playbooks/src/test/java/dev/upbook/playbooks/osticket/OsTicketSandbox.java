package dev.upbook.playbooks.osticket;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An osTicket installation built by {@code playbooks/osticket/sandbox/build.sh} on a database of its
 * own in the test JVM's embedded MariaDB (osTicket runs on MySQL; user {@code osticket} with a
 * password), a web server that answers for the staff control panel, and the options and
 * environment that point the playbook at them.
 */
final class OsTicketSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("osticket/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("osticket/sandbox/build.sh");
    static final String DB_USER = "osticket";
    static final String DB_PASSWORD = "ost-Sandbox-Pw3";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Path dir;
    final Path root;
    private final String dbUrl;
    private final List<String> vars;
    private final HttpServer web;

    private OsTicketSandbox(Path dir, String dbUrl, List<String> vars, HttpServer web) {
        this.dir = dir;
        this.root = dir.resolve("www/osticket");
        this.dbUrl = dbUrl;
        this.vars = vars;
        this.web = web;
    }

    /** Builds the sandbox at {@code version} on MariaDB; the release packages are cached in {@code packages}. */
    static OsTicketSandbox build(Path dir, String version, Path packages) throws IOException, InterruptedException {
        return build(dir, version, packages, false);
    }

    /** {@code sqlite}: the sandbox's default database, the one {@code upbook demo} uses, instead of MariaDB. */
    static OsTicketSandbox build(Path dir, String version, Path packages, boolean sqlite) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", BUILDER.toString()));
        String dbUrl = "jdbc:sqlite:" + dir.toAbsolutePath().resolve("db/osticket.db");
        if (!sqlite) {
            String name = "osticket_" + DATABASES.incrementAndGet();
            EmbeddedMariaDbServer.newDatabase(name);
            EmbeddedMariaDbServer.runAsRoot("CREATE USER IF NOT EXISTS '" + DB_USER + "'@'localhost' IDENTIFIED BY '" + DB_PASSWORD
                    + "'; GRANT ALL ON " + name + ".* TO '" + DB_USER + "'@'localhost'");
            dbUrl = "jdbc:mariadb://localhost:" + EmbeddedMariaDbServer.port() + "/" + name;
            command.addAll(List.of("--db", "mariadb://" + DB_USER + "@localhost:" + EmbeddedMariaDbServer.port() + "/" + name));
        }
        command.addAll(List.of(dir.toString(), version));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OST_SANDBOX_PACKAGES", packages.toString());
        pb.environment().put("SANDBOX_DB_PASSWORD", DB_PASSWORD);
        if (!sqlite) pb.environment().put("PATH", EmbeddedMariaDbServer.binDirectory() + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("build.sh failed:\n" + out);
        List<String> vars = new ArrayList<>(Arrays.asList(out.trim().split("\\s+")));
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            boolean login = exchange.getRequestURI().getPath().equals("/scp/login.php");
            byte[] body = (login ? "<html>osTicket staff control panel</html>" : "not found").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(login ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        vars.addAll(List.of("--var", "url=http://127.0.0.1:" + web.getAddress().getPort()));
        return new OsTicketSandbox(dir, dbUrl, vars, web);
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("osticket")) ? here : here.resolve("playbooks");
    }

    /**
     * Every upbook process: its own journal, the database password, the stand-ins (sudo) first on
     * PATH, then the embedded MariaDB's client and mariadb-dump (for sql.backup and sql.restore).
     */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("UPBOOK_STATE_DIR", dir.resolve("state").toString());
        env.put("OSTICKET_DB_PASSWORD", DB_PASSWORD);
        String client = dbUrl.startsWith("jdbc:mariadb:") ? EmbeddedMariaDbServer.binDirectory() + ":" : "";
        env.put("PATH", dir.resolve("bin") + ":" + client + System.getenv("PATH"));
        return env;
    }

    /** {@code COMMAND [EXTRA...] PLAYBOOK-OPTIONS}: the command line of a run of the playbook. */
    List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(vars);
        return args;
    }

    /** A fault or delay marker of the stand-ins ({@code FAIL_UPGRADE}, {@code SLOW_UPGRADE}, ...). */
    Path marker(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    long effectCount(String prefix) {
        try {
            return effects().stream().filter(e -> e.startsWith(prefix)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The first column of the first row of {@code sql}, read over JDBC from the sandbox's database. */
    String db(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Whether {@code table} has {@code column}, from the database's metadata. */
    boolean hasColumn(String table, String column) throws SQLException {
        try (Connection c = connect();
                ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, column)) {
            return rs.next();
        }
    }

    private Connection connect() throws SQLException {
        return dbUrl.startsWith("jdbc:sqlite:") ? DriverManager.getConnection(dbUrl) : DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
    }

    @Override
    public void close() {
        web.stop(0);
    }
}
