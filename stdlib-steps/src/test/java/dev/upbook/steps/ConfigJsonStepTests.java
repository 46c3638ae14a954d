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

class ConfigJsonStepTests {
    private final ConfigJsonStep json = new ConfigJsonStep();

    @TempDir
    Path dir;

    private static final String DESTINATION = """
            {
                "ServiceSettings": {
                    "SiteURL": "https://old.example.org",
                    "ListenAddress": ":8065"
                },
                "SqlSettings": {
                    "DriverName": "postgres",
                    "DataSource": "postgres://mm:new-secret@db2/mattermost"
                }
            }
            """;

    private static final String SOURCE = """
            {
                "ServiceSettings": {
                    "SiteURL": "https://chat.example.org",
                    "ListenAddress": ":80",
                    "EnableLinkPreviews": true
                },
                "SqlSettings": {
                    "DriverName": "postgres",
                    "DataSource": "postgres://mm:old-secret@db1/mattermost",
                    "MaxIdleConns": 20
                },
                "PluginSettings": {
                    "Plugins": ["com.github.jitsi", "playbooks"]
                }
            }
            """;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private FakeContext step(String file) {
        return new FakeContext(dir).with("file", file);
    }

    private static Map<String, Object> set(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }

    @Test
    void theMattermostMoveMergesTheOldServersConfigButKeepsTheDestinationsDatabaseAndAddress() throws Exception {
        Path destination = file("config.json", DESTINATION);
        file("old-config.json", SOURCE);
        StepResult result = json.run(step("config.json").with("merge-from", "old-config.json")
                .with("keep", List.of("SqlSettings.DataSource", "ServiceSettings.ListenAddress"))
                .secret("old-secret").secret("new-secret"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("""
                {
                    "ServiceSettings": {
                        "SiteURL": "https://chat.example.org",
                        "ListenAddress": ":8065",
                        "EnableLinkPreviews": true
                    },
                    "SqlSettings": {
                        "DriverName": "postgres",
                        "DataSource": "postgres://mm:new-secret@db2/mattermost",
                        "MaxIdleConns": 20
                    },
                    "PluginSettings": {
                        "Plugins": [
                            "com.github.jitsi",
                            "playbooks"
                        ]
                    }
                }
                """,
                Files.readString(destination));
        assertEquals("changed 4 keys in " + destination + ": ServiceSettings.SiteURL, ServiceSettings.EnableLinkPreviews,"
                + " SqlSettings.MaxIdleConns, PluginSettings", result.message());
        assertEquals(Map.of(
                "ServiceSettings.SiteURL", Map.of("old", "https://old.example.org", "new", "https://chat.example.org"),
                "ServiceSettings.EnableLinkPreviews", Map.of("new", "true"),
                "SqlSettings.MaxIdleConns", Map.of("new", "20"),
                "PluginSettings", Map.of("new", "{\"Plugins\":[\"com.github.jitsi\",\"playbooks\"]}")), result.value());
        assertEquals(StepResult.succeeded("already up to date", "", Map.of()), json.run(step("config.json")
                .with("merge-from", "old-config.json")
                .with("keep", List.of("SqlSettings.DataSource", "ServiceSettings.ListenAddress"))));
    }

    @Test
    void withoutKeepTheMergedFileWinsAndChangedSecretsAreMasked() throws Exception {
        file("config.json", DESTINATION);
        file("old-config.json", SOURCE);
        StepResult result = json.run(step("config.json").with("merge-from", "old-config.json")
                .secret("old-secret").secret("new-secret"));
        assertEquals(Map.of("old", "postgres://mm:*****@db2/mattermost", "new", "postgres://mm:*****@db1/mattermost"),
                ((Map<?, ?>) result.value()).get("SqlSettings.DataSource"));
        assertFalse(result.output().contains("secret"), result.output());
        assertTrue(Files.readString(dir.resolve("config.json")).contains("old-secret@db1"));
    }

    @Test
    void setCreatesNestedKeysAndMergesObjectsMemberByMember() throws Exception {
        Path config = file("config.json", "{\"a\": {\"keep\": 1}, \"list\": [1, 2]}");
        StepResult result = json.run(step("config.json").with("set", set(
                "a.b.c", "deep", "a", Map.of("added", true), "/x.y/z", 3L, "list", List.of("three"))));
        assertTrue(result.succeeded(), result.message());
        assertEquals("{\"a\":{\"keep\":1,\"b\":{\"c\":\"deep\"},\"added\":true},\"list\":[\"three\"],\"x.y\":{\"z\":3}}",
                Files.readString(config));
        assertEquals(List.of("a.b", "a.added", "list", "/x.y"), List.copyOf(((Map<?, ?>) result.value()).keySet()));
    }

    @Test
    void listElementsAreAddressedByIndexAndAppendedWithTheNextIndexOrADash() throws Exception {
        Path config = file("config.json", "{\"hosts\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}\n");
        assertTrue(json.run(step("config.json").with("set", set("hosts.1.name", "B", "/hosts/-", "c", "hosts.3", "d")))
                .succeeded());
        assertEquals("{\"hosts\":[{\"name\":\"a\"},{\"name\":\"B\"},\"c\",\"d\"]}\n", Files.readString(config));
        StepResult beyond = json.run(step("config.json").with("set", set("hosts.9", "x")));
        assertEquals(StepResult.failed("cannot set hosts.9: '9' is not an index of a list of 4 (use 0 to 4, or - to append)"), beyond);
    }

    @Test
    void aStringFromATemplateKeepsTheTypeOfTheNumberOrBooleanItReplaces() throws Exception {
        Path config = file("config.json", "{\"port\": 8065, \"debug\": true, \"ratio\": 1.50}");
        assertEquals("already up to date", json.run(step("config.json").with("set", set("port", "8065", "ratio", "1.5")))
                .message());
        json.run(step("config.json").with("set", set("port", "9000", "debug", "false")));
        assertEquals("{\"port\":9000,\"debug\":false,\"ratio\":1.50}", Files.readString(config));
    }

    @Test
    void aFileThatAlreadyHasTheValuesIsNotRewritten() throws Exception {
        Path config = file("config.json", "{\n  \"a\" : 1,\n  \"b\" : {\"c\": \"x\"}\n}");
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(config, past);
        Object inode = Files.getAttribute(config, "unix:ino");
        StepResult result = json.run(step("config.json").with("set", set("a", 1L, "b.c", "x")).with("keep", List.of("b")));
        assertEquals(StepResult.succeeded("already up to date", "", Map.of()), result);
        assertEquals(past, Files.getLastModifiedTime(config));
        assertEquals(inode, Files.getAttribute(config, "unix:ino"));
    }

    @Test
    void theRewriteKeepsModeOwnerAndLayoutAndLeavesNoTemporaryFile() throws Exception {
        Path config = file("config.json", "{\r\n\t\"a\" : 1,\r\n\t\"b\" : []\r\n}\r\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(config, "unix:uid", 4242);
        Files.setAttribute(config, "unix:gid", 4343);
        Object inode = Files.getAttribute(config, "unix:ino");
        assertTrue(json.run(step("config.json").with("set", set("a", 2L))).succeeded());
        assertEquals("{\r\n\t\"a\" : 2,\r\n\t\"b\" : []\r\n}\r\n", Files.readString(config));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(4242, Files.getAttribute(config, "unix:uid"));
        assertEquals(4343, Files.getAttribute(config, "unix:gid"));
        assertFalse(inode.equals(Files.getAttribute(config, "unix:ino")), "replaced by rename, not rewritten in place");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(config), files.toList());
        }
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
        Path real = file("real.json", "{\"a\": 1}");
        Path link = Files.createSymbolicLink(dir.resolve("config.json"), real.getFileName());
        assertTrue(json.run(step("config.json").with("set", set("a", 2L))).succeeded());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("{\"a\":2}", Files.readString(real));
    }

    @Test
    void aKeptKeyThatWasAbsentStaysAbsent() throws Exception {
        Path config = file("config.json", "{\"a\": 1}");
        file("other.json", "{\"a\": 2, \"secret\": \"s\"}");
        StepResult result = json.run(step("config.json").with("merge-from", "other.json").with("keep", List.of("/secret")));
        assertEquals("{\"a\":2}", Files.readString(config));
        assertEquals(Map.of("a", Map.of("old", "1", "new", "2")), result.value());
    }

    @Test
    void malformedJsonFailsNamingTheFileLineAndColumn() throws Exception {
        Path config = file("config.json", "{\n  \"a\": 1,\n  \"b\": ,\n}\n");
        StepResult result = json.run(step("config.json").with("set", set("a", 2L)));
        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith(config + " is not valid JSON at line 3, column 8: Unexpected character (','"),
                result.message());
        Path source = file("source.json", "{\"a\": 1, \"a\": 2}");
        file("config.json", "{}");
        assertTrue(json.run(step("config.json").with("merge-from", "source.json")).message()
                .startsWith(source + " is not valid JSON at line 1, column "), "duplicate keys are refused");
    }

    @Test
    void aMissingFileOrAScalarInTheWayFailsClearly() throws Exception {
        assertEquals(StepResult.failed(dir.resolve("nope.json") + " does not exist; a config step changes an existing file"
                + " (create it first, e.g. with file.write)"), json.run(step("nope.json")));
        file("config.json", "{\"a\": \"text\"}");
        assertEquals(StepResult.failed("cannot set a.b: a is string \"text\", not an object"),
                json.run(step("config.json").with("set", set("a.b", 1L))));
    }

    @Test
    void aKeyBothSetAndKeptIsRefused() throws Exception {
        file("config.json", "{}");
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                () -> json.run(step("config.json").with("set", set("a.b", 1L)).with("keep", List.of("/a/b"))));
        assertEquals("parameter 'keep' lists /a/b, which 'set' sets too: remove it from one of them", e.getMessage());
    }

    @Test
    void describeNamesTheFileSourceKeysAndKeptKeys() {
        assertEquals("config.json: merge into /etc/mm/config.json from old.json, set A.B, keeping SqlSettings.DataSource",
                json.describe(new Parameters(Map.of("file", "/etc/mm/config.json", "merge-from", "old.json",
                        "set", Map.of("A.B", 1L), "keep", List.of("SqlSettings.DataSource")))));
    }
}
