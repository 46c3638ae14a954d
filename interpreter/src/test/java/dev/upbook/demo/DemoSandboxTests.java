package dev.upbook.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSandboxTests {

    @TempDir
    Path dir;

    private DemoSandbox load(String yaml) throws Exception {
        Files.writeString(dir.resolve(DemoSandbox.FILE), yaml);
        return DemoSandbox.load("acme", dir);
    }

    @Test
    void aDescriptionIsReadWithItsVarsEnvAndSiteInOrder() throws Exception {
        DemoSandbox demo = load("""
                title: Acme
                about: [first line, second line]
                playbook: ../playbook.yaml
                from: "1.0"
                to: "2.0"
                requires: [bash, sqlite3]
                build: [bash, build.sh, "${dir}", "1.0"]
                vars-from-build: true
                vars: {root: "${dir}/srv", url: "${site}/", db: "jdbc:sqlite:${dir}/db.sqlite"}
                env: {PATH: "${dir}/bin:${env.PATH}", ACME_PASSWORD: acme-Pw1}
                site:
                  - path: /
                    up-when: {absent: "${dir}/down"}
                    body: up
                    down-body: maintenance
                    headers: {X-Version: "2"}
                  - path: /login
                    body: login
                """);
        assertEquals("Acme", demo.title());
        assertEquals(List.of("first line", "second line"), demo.about());
        assertEquals(dir.getParent().resolve("playbook.yaml"), demo.playbookPath());
        assertEquals(List.of("root", "url", "db"), List.copyOf(demo.vars().keySet()), "inputs keep their order");
        assertTrue(demo.varsFromBuild());
        assertEquals(List.of("bash", "sqlite3"), demo.requires());
        assertEquals(2, demo.site().size());
        assertEquals(DemoSite.Condition.Kind.ABSENT, demo.site().get(0).upWhen().kind());
        assertEquals(DemoSite.Condition.ALWAYS, demo.site().get(1).upWhen());
        assertEquals("unavailable", demo.site().get(1).downBody(), "the default body of a path that is down");
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        DemoException unknown = assertThrows(DemoException.class, () -> load("title: A\ntitel: B\n"));
        assertTrue(unknown.getMessage().contains("unknown key titel"), unknown.getMessage());
        DemoException missing = assertThrows(DemoException.class, () -> load("title: A\nplaybook: p.yaml\nfrom: '1'\nto: '2'\n"));
        assertTrue(missing.getMessage().endsWith("build is required"), missing.getMessage());
        DemoException routeKey = assertThrows(DemoException.class, () -> load(
                "title: A\nplaybook: p\nfrom: '1'\nto: '2'\nbuild: [x]\nsite:\n  - path: /\n    body: b\n    statsu: 200\n"));
        assertTrue(routeKey.getMessage().contains("unknown key site[0].statsu"), routeKey.getMessage());
        DemoException broken = assertThrows(DemoException.class, () -> load("title: [A\n"));
        assertTrue(broken.getMessage().startsWith(dir.resolve(DemoSandbox.FILE) + ":2:1: "), broken.getMessage());
    }

    @Test
    void placeholdersAreFilledAndAnUnknownOneIsAnError() {
        Map<String, String> values = Map.of("dir", "/tmp/sb", "site", "http://127.0.0.1:1");
        assertEquals("/tmp/sb/bin and http://127.0.0.1:1/", DemoSandbox.expand("${dir}/bin and ${site}/", values::get));
        assertEquals("$HOME stays", DemoSandbox.expand("$HOME stays", values::get));
        DemoException e = assertThrows(DemoException.class, () -> DemoSandbox.expand("${dri}/bin", values::get));
        assertTrue(e.getMessage().contains("unknown placeholder ${dri}"), e.getMessage());
    }

    @Test
    void theBuildersVarOptionsAreParsed() {
        assertEquals(Map.of("root", "/tmp/sb/v3", "db_url", "jdbc:sqlite:/tmp/sb/db/swift.db"),
                DemoSandbox.parseVars("--var root=/tmp/sb/v3 --var db_url=jdbc:sqlite:/tmp/sb/db/swift.db\n"));
        assertThrows(DemoException.class, () -> DemoSandbox.parseVars("--var novalue"));
    }

    @Test
    void theSiteAnswersWhileItsConditionHoldsAnd404Elsewhere() throws Exception {
        Path flag = dir.resolve("down");
        UnaryOperator<String> expand = text -> text.replace("${dir}", dir.toString());
        List<DemoSite.Route> routes = List.of(
                new DemoSite.Route("/app", new DemoSite.Condition(DemoSite.Condition.Kind.ABSENT, "${dir}/down", null), "up in ${dir}",
                        "maintenance", Map.of("X-Version-Id", "sandbox")),
                new DemoSite.Route("/state", new DemoSite.Condition(DemoSite.Condition.Kind.CONTAINS, "${dir}/state", "active"), "running",
                        "stopped", Map.of()));
        HttpClient client = HttpClient.newHttpClient();
        try (DemoSite site = DemoSite.start(routes, expand)) {
            HttpResponse<String> up = client.send(HttpRequest.newBuilder(URI.create(site.url() + "/app/team")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, up.statusCode());
            assertEquals("up in " + dir, up.body());
            assertEquals("sandbox", up.headers().firstValue("X-Version-Id").orElseThrow());

            Files.writeString(flag, "");
            HttpResponse<String> down = client.send(HttpRequest.newBuilder(URI.create(site.url() + "/app")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, down.statusCode());
            assertEquals("maintenance", down.body());
            assertFalse(down.headers().firstValue("X-Version-Id").isPresent(), "headers belong to the running site");

            assertEquals(503, client.send(HttpRequest.newBuilder(URI.create(site.url() + "/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "no state file: not running");
            Files.writeString(dir.resolve("state"), "active\n");
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(site.url() + "/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(site.url() + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
