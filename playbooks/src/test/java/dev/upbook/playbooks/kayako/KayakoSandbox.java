package dev.upbook.playbooks.kayako;

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
 * A Kayako 3 help desk and a fresh Kayako 4 built by {@code playbooks/kayako/sandbox/build-sandbox.sh},
 * their two databases on the embedded MariaDB server (Kayako runs on MySQL), plus a web server
 * answering for version 4, and the options that point the playbook at them.
 */
final class KayakoSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("kayako/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("kayako/sandbox/build-sandbox.sh");
    /** The help desk's database account, with a password that is no word of the stand-ins' output (upbook masks it). */
    static final String DB_USER = "kayako";
    static final String DB_PASSWORD = "k3-Secret-9";
    /** Database names unique in this JVM: every product's tests share the one server. */
    private static final AtomicInteger SANDBOXES = new AtomicInteger();

    final Path dir;
    /** Whether the databases are on the embedded server (else SQLite files, the demo's default). */
    private final boolean server;
    /** The version 3 and version 4 databases: names on the server, or SQLite files. */
    final String v3Database;
    final String v4Database;
    private final List<String> vars;
    private final HttpServer web;

    private KayakoSandbox(Path dir, boolean server, String v3Database, String v4Database, List<String> vars, HttpServer web) {
        this.dir = dir;
        this.server = server;
        this.v3Database = v3Database;
        this.v4Database = v4Database;
        this.vars = vars;
        this.web = web;
    }

    /** A sandbox whose databases are on the embedded MariaDB server. */
    static KayakoSandbox build(Path dir, String v3, String v4) throws IOException, InterruptedException {
        int n = SANDBOXES.incrementAndGet();
        String v3Database = "kayako_" + n + "_v3";
        String v4Database = "kayako_" + n + "_v4";
        EmbeddedMariaDbServer.newDatabase(v3Database);
        EmbeddedMariaDbServer.newDatabase(v4Database);
        EmbeddedMariaDbServer.runAsRoot("CREATE USER IF NOT EXISTS '" + DB_USER + "'@'localhost' IDENTIFIED BY '" + DB_PASSWORD + "';"
                + " GRANT ALL ON " + v3Database + ".* TO '" + DB_USER + "'@'localhost';"
                + " GRANT ALL ON " + v4Database + ".* TO '" + DB_USER + "'@'localhost'");
        ProcessBuilder builder = new ProcessBuilder("bash", BUILDER.toString(),
                "--db", "mariadb://" + DB_USER + "@localhost:" + EmbeddedMariaDbServer.port() + "/" + v3Database,
                "--v4-db", v4Database, dir.toString(), v3, v4).redirectErrorStream(true);
        builder.environment().put("SANDBOX_DB_PASSWORD", DB_PASSWORD);
        builder.environment().put("PATH", path());
        return start(builder, dir, true, v3Database, v4Database);
    }

    /** A sandbox on the builder's SQLite default, as {@code upbook demo} builds it. */
    static KayakoSandbox buildOnSqlite(Path dir, String v3, String v4) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", BUILDER.toString(), dir.toString(), v3, v4).redirectErrorStream(true);
        return start(builder, dir, false, dir.resolve("db/swift.db").toString(), dir.resolve("db/kayako4.db").toString());
    }

    private static KayakoSandbox start(ProcessBuilder builder, Path dir, boolean server, String v3Database, String v4Database)
            throws IOException, InterruptedException {
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("build-sandbox.sh failed:\n" + out);
        List<String> vars = new ArrayList<>(Arrays.asList(out.trim().split("\\s+")));
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "<html>Kayako 4</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        vars.addAll(List.of("--var", "v4_url=http://127.0.0.1:" + web.getAddress().getPort() + "/"));
        return new KayakoSandbox(dir, server, v3Database, v4Database, vars, web);
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("kayako")) ? here : here.resolve("playbooks");
    }

    /** The PATH with the server's {@code mariadb} and {@code mariadb-dump} first (the builder and sql.backup need them). */
    private static String path() {
        return EmbeddedMariaDbServer.binDirectory() + java.io.File.pathSeparator + System.getenv("PATH");
    }

    /** The environment of every upbook process: its own journal, the database password, the server's client tools. */
    Map<String, String> env() {
        return Map.of("UPBOOK_STATE_DIR", dir.resolve("state").toString(), "KAYAKO3_DB_PASSWORD", DB_PASSWORD,
                "PATH", server ? path() : System.getenv("PATH"));
    }

    /** {@code COMMAND [EXTRA...] PLAYBOOK-OPTIONS}: the command line of a run of the playbook. */
    List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(vars);
        return args;
    }

    /** As {@link #args(String...)}, with the playbook options named in {@code overrides} given other values. */
    List<String> args(Map<String, String> overrides, String... command) {
        List<String> args = args(command);
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            int eq = option.indexOf('=');
            if (i > 0 && args.get(i - 1).equals("--var") && eq > 0 && overrides.containsKey(option.substring(0, eq))) {
                args.set(i, option.substring(0, eq + 1) + overrides.get(option.substring(0, eq)));
            }
        }
        return args;
    }

    /** Rows per import pass and seconds each pass (and each moved attachment) sleeps. */
    void configure(int batch, double passSleep) throws IOException {
        Files.writeString(dir.resolve("sandbox.conf"), "BATCH=" + batch + "\nPASS_SLEEP=" + passSleep + "\n");
    }

    /**
     * What an operator does for the guide's "execute the setup again": a fresh version 4 database,
     * set up by the installation's own setup script.
     */
    void reinstallV4() throws IOException, InterruptedException, SQLException {
        try (Connection c = connect(v4Database); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + v4Database);
            s.execute("CREATE DATABASE " + v4Database + " CHARACTER SET utf8mb4");
        }
        ProcessBuilder setup = new ProcessBuilder("bash", "-c", "\"$1\" \"$2\" < \"$3\"", "sh",
                dir.resolve("bin/sandbox-sql").toString(), v4Database, dir.resolve("v4/setup/install.sql").toString())
                .redirectErrorStream(true);
        setup.environment().put("PATH", path());
        Process p = setup.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("reinstalling version 4 failed:\n" + out);
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    /** The first column of the first row of {@code sql} in the version 3 database, read from the server. */
    String v3(String sql) throws SQLException {
        return query(v3Database, sql);
    }

    /** The same in the version 4 database. */
    String v4(String sql) throws SQLException {
        return query(v4Database, sql);
    }

    private String query(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection connect(String database) throws SQLException {
        if (!server) return DriverManager.getConnection("jdbc:sqlite:" + database);
        return DriverManager.getConnection("jdbc:mariadb://localhost:" + EmbeddedMariaDbServer.port() + "/" + database,
                DB_USER, DB_PASSWORD);
    }

    @Override
    public void close() {
        web.stop(0);
    }
}
