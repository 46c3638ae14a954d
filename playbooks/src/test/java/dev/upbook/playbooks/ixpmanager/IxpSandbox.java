package dev.upbook.playbooks.ixpmanager;

import dev.upbook.playbooks.ProcessTrees;
import dev.upbook.playbooks.UpbookProcess;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An imitation IXP Manager installation built by {@code playbooks/ixp-manager/sandbox/build.sh},
 * plus what the playbook's inputs point at: the web site (an HTTP server answering 503 while
 * {@code storage/framework/down} exists, as Laravel does) and the stand-ins first on PATH.
 */
final class IxpSandbox implements AutoCloseable {
    static final String DB_PASSWORD = "ixp-sandbox-Pw7";
    private static final Pattern VERSION = Pattern.compile("APPLICATION_VERSION'\\s*,\\s*'([0-9.]+)'");

    final Path dir;
    final Path root;
    final Path db;
    private final HttpServer site;

    private IxpSandbox(Path dir, HttpServer site) {
        this.dir = dir;
        this.root = dir.resolve("srv/ixpmanager");
        this.db = dir.resolve("db/ixpmanager.sqlite");
        this.site = site;
    }

    static IxpSandbox build(Path dir, String version) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("upbook.playbooks", "."), "ixp-manager", "sandbox", "build.sh").toAbsolutePath();
        Process p = new ProcessBuilder("bash", script.toString(), dir.toString(), version, "40")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("build.sh failed:\n" + output);
        Path root = dir.resolve("srv/ixpmanager");
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
        return new IxpSandbox(dir, site);
    }

    Path playbook() {
        return Path.of(System.getProperty("upbook.playbooks", "."), "ixp-manager", "playbook.yaml").toAbsolutePath();
    }

    Map<String, String> env() {
        return Map.of(
                "PATH", dir.resolve("bin") + ":" + System.getenv("PATH"),
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
                "--var", "db_url=jdbc:sqlite:" + db,
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

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
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
