package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlStepTests {
    private final ConfigYamlStep yaml = new ConfigYamlStep();

    @TempDir
    Path dir;

    private static final String CONFIG = """
            # Gitea-like settings
            server:
              domain: old.example.org
              port: 3000   # behind the proxy
              tls: {enabled: false, cert: /etc/ssl/old.pem}

            database:
              host: "db1"
              password: 'secret-one'
            admins:
              - alice
              - bob
            """;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private FakeContext step(String file, Object... keysAndValues) {
        Map<String, Object> set = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) set.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return new FakeContext(dir).with("file", file).with("set", set);
    }

    @Test
    void setsNestedKeysKeepingCommentsQuotingAndTheUntouchedParts() throws Exception {
        Path config = file("app.yaml", CONFIG);
        StepResult result = yaml.run(step("app.yaml", "server.domain", "new.example.org", "server.tls.enabled", true,
                "database.host", "db2", "mail.smtp.host", "smtp.example.org", "admins.2", "carol"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("""
                # Gitea-like settings
                server:
                  domain: new.example.org
                  port: 3000 # behind the proxy
                  tls: {enabled: true, cert: /etc/ssl/old.pem}

                database:
                  host: "db2"
                  password: 'secret-one'
                admins:
                  - alice
                  - bob
                  - carol
                mail:
                  smtp:
                    host: smtp.example.org
                """, Files.readString(config));
        assertEquals(Map.of(
                "server.domain", Map.of("old", "old.example.org", "new", "new.example.org"),
                "server.tls.enabled", Map.of("old", "false", "new", "true"),
                "database.host", Map.of("old", "db1", "new", "db2"),
                "mail.smtp.host", Map.of("new", "smtp.example.org"),
                "admins.2", Map.of("new", "carol")), result.value());
    }

    @Test
    void aMappingMergesKeyByKeyAndKeptKeysKeepTheirValue() throws Exception {
        Path config = file("app.yaml", CONFIG);
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("host", "db2");
        database.put("password", "secret-two");
        database.put("port", 5432L);
        StepResult result = yaml.run(step("app.yaml", "database", database).with("keep", List.of("database.password"))
                .secret("secret-one").secret("secret-two"));
        assertTrue(result.succeeded(), result.message());
        String text = Files.readString(config);
        assertTrue(text.contains("database:\n  host: \"db2\"\n  password: 'secret-one'\n  port: 5432\n"), text);
        assertEquals(List.of("database.host", "database.port"), List.copyOf(((Map<?, ?>) result.value()).keySet()));
        assertThrows(Parameters.ParameterException.class,
                () -> yaml.run(step("app.yaml", "database", "gone").with("keep", List.of("database.password"))));
    }

    @Test
    void aNewMappingIsAddedWholeWithoutItsKeptKeysAndTheDocumentStartAndCrlfStay() throws Exception {
        Path config = file("app.yaml", "---\r\n# cache settings follow\r\nname: app\r\n");
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("size", 64L);
        cache.put("token", "t0ken");
        StepResult result = yaml.run(step("app.yaml", "cache", cache).with("keep", List.of("cache.token")).secret("t0ken"));
        assertEquals("---\r\n# cache settings follow\r\nname: app\r\ncache:\r\n  size: 64\r\n", Files.readString(config));
        assertEquals(Map.of("cache", Map.of("new", "{size: 64}")), result.value());
    }

    @Test
    void aFileThatAlreadyHoldsTheValuesIsNotRewrittenEvenWhenTemplatesGaveStrings() throws Exception {
        Path config = file("app.yaml", CONFIG);
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(config, past);
        Object inode = Files.getAttribute(config, "unix:ino");
        StepResult result = yaml.run(step("app.yaml", "server.port", "3000", "server.tls", Map.of("enabled", false),
                "database.host", "db1", "admins", List.of("alice", "bob")));
        assertEquals(StepResult.succeeded("already up to date", "", Map.of()), result);
        assertEquals(past, Files.getLastModifiedTime(config));
        assertEquals(inode, Files.getAttribute(config, "unix:ino"));
    }

    @Test
    void aStringForANumberStaysANumberAndListsAreReplacedWhole() throws Exception {
        Path config = file("app.yaml", "port: 3000\nname: x\nlist: [1, 2]\n");
        assertTrue(yaml.run(step("app.yaml", "port", "8080", "name", "8080", "list", List.of(3L))).succeeded());
        assertEquals("port: 8080\nname: '8080'\nlist: [3]\n", Files.readString(config));
    }

    @Test
    void theRewriteKeepsModeAndOwnerAndLeavesNoTemporaryFile() throws Exception {
        Path config = file("app.yaml", "a: 1\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(config, "unix:uid", 4242);
        Files.setAttribute(config, "unix:gid", 4343);
        assertTrue(yaml.run(step("app.yaml", "a", 2L)).succeeded());
        assertEquals("a: 2\n", Files.readString(config));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(4242, Files.getAttribute(config, "unix:uid"));
        assertEquals(4343, Files.getAttribute(config, "unix:gid"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(config), files.toList());
        }
    }

    @Test
    void malformedYamlFailsNamingTheFileLineAndColumn() throws Exception {
        Path config = file("app.yaml", "a: 1\nb: [1, 2\nc: 3\n");
        StepResult result = yaml.run(step("app.yaml", "a", 2L));
        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith(config + " is not valid YAML at line 3, column 2: "), result.message());
        file("app.yaml", "a: 1\na: 2\n");
        assertEquals(StepResult.failed(config + " is not valid YAML at line 2, column 1: found duplicate key a"),
                yaml.run(step("app.yaml", "a", 2L)));
        file("app.yaml", "a: !!java.io.File /tmp\n");
        assertTrue(yaml.run(step("app.yaml", "b", 2L)).message().startsWith(config + " is not valid YAML"));
        file("app.yaml", "- a\n- b\n");
        assertEquals(StepResult.failed(config + " holds sequence at the top, not a mapping of keys"), yaml.run(step("app.yaml", "a", 1L)));
        assertEquals("- a\n- b\n", Files.readString(config));
    }

    @Test
    void aScalarInTheWayFailsClearly() throws Exception {
        file("app.yaml", "server: off\n");
        assertEquals(StepResult.failed("cannot set server.port: server is the value 'off', not a mapping"),
                yaml.run(step("app.yaml", "server.port", 80L)));
    }

    @Test
    void describeNamesFileKeysAndKeptKeys() {
        assertEquals("config.yaml: merge into app.yaml, set server.port, keeping database.password",
                yaml.describe(step("app.yaml", "server.port", 80L).with("keep", List.of("database.password")).parameters()));
    }
}
