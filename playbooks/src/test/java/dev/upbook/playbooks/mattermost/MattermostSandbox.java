package dev.upbook.playbooks.mattermost;

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
 * A Mattermost 1.x server built by {@code playbooks/mattermost/sandbox/build.sh}, plus a web server
 * that answers for it (200 with {@code X-Version-Id} while the sandbox's service runs, 503 while it
 * is stopped), and the options and environment that point the playbook at them.
 */
final class MattermostSandbox implements AutoCloseable {
    static final Path PLAYBOOK = playbooksDir().resolve("mattermost/playbook.yaml");
    private static final Path BUILDER = playbooksDir().resolve("mattermost/sandbox/build.sh");

    final Path dir;
    private final List<String> vars;
    private final HttpServer web;

    private MattermostSandbox(Path dir, List<String> vars, HttpServer web) {
        this.dir = dir;
        this.vars = vars;
        this.web = web;
    }

    static MattermostSandbox build(Path dir, String version) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", BUILDER.toString(), dir.toString(), version)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("build.sh failed:\n" + out);
        List<String> vars = new ArrayList<>(Arrays.asList(out.trim().split("\\s+")));
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
        String site = "http://127.0.0.1:" + web.getAddress().getPort();
        vars.addAll(List.of("--var", "site_url=" + site + "/", "--var", "team_url=" + site + "/sandbox-team"));
        return new MattermostSandbox(dir, vars, web);
    }

    private static Path playbooksDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("mattermost")) ? here : here.resolve("playbooks");
    }

    /** Every upbook process: the stand-ins first on PATH, its own journal, the database password. */
    Map<String, String> env() {
        return Map.of("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"),
                "UPBOOK_STATE_DIR", dir.resolve("state").toString(), "MATTERMOST_DB_PASSWORD", "mm-Secret-7");
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

    String db(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db/mattermost.db"));
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
