package dev.upbook.playbooks.kayako;

import com.sun.net.httpserver.HttpServer;
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

/**
 * A Kayako 3 help desk and a fresh Kayako 4 built by {@code playbooks/kayako/sandbox/build-sandbox.sh},
 * plus a web server answering for version 4, and the options that point the playbook at them.
 */
final class KayakoSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("kayako/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("kayako/sandbox/build-sandbox.sh");

    final Path dir;
    private final List<String> vars;
    private final HttpServer web;

    private KayakoSandbox(Path dir, List<String> vars, HttpServer web) {
        this.dir = dir;
        this.vars = vars;
        this.web = web;
    }

    static KayakoSandbox build(Path dir, String v3, String v4) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", BUILDER.toString(), dir.toString(), v3, v4)
                .redirectErrorStream(true).start();
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
        return new KayakoSandbox(dir, vars, web);
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("kayako")) ? here : here.resolve("playbooks");
    }

    /**
     * The environment of every upbook process: its own journal, the v3 password (not a word of the
     * stand-ins' output, which upbook would mask).
     */
    Map<String, String> env() {
        return Map.of("UPBOOK_STATE_DIR", dir.resolve("state").toString(), "KAYAKO3_DB_PASSWORD", "k3-Secret-9");
    }

    /** {@code COMMAND [EXTRA...] PLAYBOOK-OPTIONS}: the command line of a run of the playbook. */
    List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(vars);
        return args;
    }

    /** Rows per import pass and seconds each pass (and each moved attachment) sleeps. */
    void configure(int batch, double passSleep) throws IOException {
        Files.writeString(dir.resolve("sandbox.conf"), "BATCH=" + batch + "\nPASS_SLEEP=" + passSleep + "\n");
    }

    /** What an operator does for the guide's "execute the setup again": a fresh version 4 database. */
    void reinstallV4(String v4) throws IOException, InterruptedException {
        Path db = dir.resolve("db/kayako4.db");
        Files.delete(db);
        Path schema = BUILDER.resolveSibling("v4/schema.sql");
        Process p = new ProcessBuilder("bash", "-c", "sqlite3 \"$1\" < \"$2\" && sqlite3 \"$1\" \"$3\"", "sh",
                db.toString(), schema.toString(),
                "INSERT INTO swsettings VALUES ('version', '" + v4 + "'), ('installed', '1');")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("reinstalling version 4 failed:\n" + out);
    }

    List<String> effects() throws IOException {
        return Files.readAllLines(dir.resolve("effects.log"));
    }

    String v3(String sql) throws SQLException {
        return query(dir.resolve("db/swift.db"), sql);
    }

    String v4(String sql) throws SQLException {
        return query(dir.resolve("db/kayako4.db"), sql);
    }

    private static String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
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
