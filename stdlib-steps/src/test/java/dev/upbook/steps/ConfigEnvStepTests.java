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

class ConfigEnvStepTests {
    private final ConfigEnvStep env = new ConfigEnvStep();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private FakeContext step(String file, Object... keysAndValues) {
        Map<String, Object> set = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) set.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return new FakeContext(dir).with("file", file).with("set", set);
    }

    @Test
    void setsExistingKeysInPlaceAndAppendsNewOnesKeepingCommentsAndOrder() throws Exception {
        Path file = file(".env", """
                # Application
                APP_ENV=local
                APP_DEBUG=true   # turn off in production

                export DB_HOST=127.0.0.1
                DB_PASSWORD='old pass'
                MAIL_FROM="Help Desk <help@example.org>"
                """);
        StepResult result = env.run(step(".env", "APP_ENV", "production", "APP_DEBUG", "false", "DB_HOST", "db.internal",
                "DB_PASSWORD", "n3w s3cret", "MAIL_FROM", "Support \"Desk\"", "APP_KEY", "base64:abc=", "NOTE", "it's $HOME")
                .secret("n3w s3cret").secret("old pass"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("""
                # Application
                APP_ENV=production
                APP_DEBUG=false   # turn off in production

                export DB_HOST=db.internal
                DB_PASSWORD='n3w s3cret'
                MAIL_FROM="Support \\"Desk\\""
                APP_KEY=base64:abc=
                NOTE="it's $HOME"
                """, Files.readString(file));
        assertEquals("changed 7 keys in " + file + ": APP_ENV, APP_DEBUG, DB_HOST, DB_PASSWORD, MAIL_FROM, APP_KEY, NOTE",
                result.message());
        Map<?, ?> registered = (Map<?, ?>) result.value();
        assertEquals(Map.of("old", "*****", "new", "*****"), registered.get("DB_PASSWORD"));
        assertEquals(Map.of("new", "base64:abc="), registered.get("APP_KEY"));
        assertEquals(Map.of("old", "Help Desk <help@example.org>", "new", "Support \"Desk\""), registered.get("MAIL_FROM"));
        assertFalse(result.output().contains("s3cret"), result.output());
    }

    @Test
    void valuesAlreadySetAreNotRewritten() throws Exception {
        Path file = file(".env", "A=1\nB='two words'\nC=\"line\\nbreak\" # c\nD=x # comment\n");
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, past);
        Object inode = Files.getAttribute(file, "unix:ino");
        assertEquals(StepResult.succeeded("already up to date", "", Map.of()),
                env.run(step(".env", "A", 1L, "B", "two words", "C", "line\nbreak", "D", "x")));
        assertEquals(past, Files.getLastModifiedTime(file));
        assertEquals(inode, Files.getAttribute(file, "unix:ino"));
    }

    @Test
    void aRepeatedKeyIsSetEverywhereAndAMultiLineValueIsReplacedWhole() throws Exception {
        Path file = file(".env", "A=1\nCERT=\"-----BEGIN\nabc\n-----END\"\nA=2\nZ=z");
        StepResult result = env.run(step(".env", "A", "3", "CERT", "none", "NEW", ""));
        assertEquals("A=3\nCERT=\"none\"\nA=3\nZ=z\nNEW=\n", Files.readString(file));
        assertEquals(Map.of("old", "2", "new", "3"), ((Map<?, ?>) result.value()).get("A"));
    }

    @Test
    void crlfFilesStayCrlfAndModeAndOwnerAreKeptWithoutATemporaryFileLeft() throws Exception {
        Path file = file("app.env", "# c\r\nA=1\r\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(file, "unix:uid", 4242);
        Files.setAttribute(file, "unix:gid", 4343);
        assertTrue(env.run(step("app.env", "A", "2", "B", "3")).succeeded());
        assertEquals("# c\r\nA=2\r\nB=3\r\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(4242, Files.getAttribute(file, "unix:uid"));
        assertEquals(4343, Files.getAttribute(file, "unix:gid"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void malformedLinesAndUnclosedQuotesFailNamingFileAndPosition() throws Exception {
        Path file = file(".env", "A=1\nthis is not an assignment\n");
        assertEquals(StepResult.failed(file + ":2: expected KEY=value, a # comment or a blank line, not 'this is not an assignment'"),
                env.run(step(".env", "A", "2")));
        file(".env", "A=1\nB=\"open\nC=3\n");
        assertEquals(StepResult.failed(file + ":2:3: the value of B opens a double quote that is never closed"),
                env.run(step(".env", "A", "2")));
        assertEquals("A=1\nB=\"open\nC=3\n", Files.readString(file));
    }

    @Test
    void aKeyThatIsNoEnvNameIsRefused() throws Exception {
        file(".env", "");
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class, () -> env.run(step(".env", "A B", "1")));
        assertEquals("parameter 'set' 'A B' is not a .env key (letters, digits, _ . -, not starting with a digit)", e.getMessage());
    }

    @Test
    void iniKeysAreSetInTheirSectionsAndNewSectionsAppended() throws Exception {
        Path file = file("php.ini", """
                ; PHP settings
                engine = On

                [PHP]
                memory_limit = 128M
                ; upload limit
                upload_max_filesize = 2M

                [Session]
                session.save_path = "/var/lib/php/sessions"
                [mysqld]
                skip-networking
                """);
        StepResult result = env.run(step("php.ini", "PHP.memory_limit", "512M", "PHP.post_max_size", "64M",
                "Session.session.save_path", "/srv/sessions", "engine", "Off", "short_open_tag", "Off",
                "opcache.enable", "1", "opcache.memory_consumption", "256", "mysqld.skip-networking", "1")
                .with("format", "ini"));
        assertTrue(result.succeeded(), result.message());
        assertEquals("""
                ; PHP settings
                engine = Off
                short_open_tag = Off

                [PHP]
                memory_limit = 512M
                ; upload limit
                upload_max_filesize = 2M
                post_max_size = 64M

                [Session]
                session.save_path = "/srv/sessions"
                [mysqld]
                skip-networking = 1

                [opcache]
                enable = 1
                memory_consumption = 256
                """, Files.readString(file));
        assertEquals(List.of("PHP.memory_limit", "PHP.post_max_size", "Session.session.save_path", "engine", "short_open_tag",
                "opcache.enable", "opcache.memory_consumption", "mysqld.skip-networking"),
                List.copyOf(((Map<?, ?>) result.value()).keySet()));
        assertEquals("already up to date", env.run(step("php.ini", "Session.session.save_path", "/srv/sessions",
                "opcache.enable", "1").with("format", "ini")).message());
    }

    @Test
    void aMalformedIniFileFailsNamingFileAndLine() throws Exception {
        Path file = file("my.cnf", "[client]\nport = 3306\n[mysqld\n");
        assertEquals(StepResult.failed(file + ":3: expected [section], key = value, a comment or a blank line, not '[mysqld'"),
                env.run(step("my.cnf", "client.port", "3307").with("format", "ini")));
    }

    @Test
    void describeNamesKeysFileAndFormat() {
        assertEquals("config.env: set APP_ENV, APP_DEBUG in /srv/app/.env (env)", env.describe(
                step("/srv/app/.env", "APP_ENV", "production", "APP_DEBUG", "false").parameters()));
    }
}
