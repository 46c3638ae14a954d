package dev.upbook.playbooks.osticket;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An osTicket installation built by {@code playbooks/osticket/sandbox/build.sh}, a web server that
 * answers for the staff control panel, and the options and environment that point the playbook at
 * them.
 */
final class OsTicketSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("osticket/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("osticket/sandbox/build.sh");
    static final String DB_PASSWORD = "ost-Sandbox-Pw3";

    final Path dir;
    final Path root;
    private final List<String> vars;
    private final HttpServer web;

    private OsTicketSandbox(Path dir, List<String> vars, HttpServer web) {
        this.dir = dir;
        this.root = dir.resolve("www/osticket");
        this.vars = vars;
        this.web = web;
    }

    /** Builds the sandbox at {@code version}; the release packages are cached in {@code packages}. */
    static OsTicketSandbox build(Path dir, String version, Path packages) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", BUILDER.toString(), dir.toString(), version).redirectErrorStream(true);
        pb.environment().put("OST_SANDBOX_PACKAGES", packages.toString());
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
        return new OsTicketSandbox(dir, vars, web);
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("osticket")) ? here : here.resolve("playbooks");
    }

    /** Every upbook process: its own journal, the database password, the stand-ins (sudo) first on PATH. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("UPBOOK_STATE_DIR", dir.resolve("state").toString());
        env.put("OSTICKET_DB_PASSWORD", DB_PASSWORD);
        env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
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

    String db(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db/osticket.db"));
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
