package dev.upbook.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.journal.Journal.Owner;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Naming a journal store: state forms, the default location, descriptions without passwords. */
class JournalsTests {
    private static final Map<String, String> NO_ENV = Map.of("HOME", "/home/alice");

    @Test
    void aPlainPathAndTheSqlitePrefixesNameTheSameFile() {
        Path file = Path.of("target", "journal-tests", "forms", "j.db").toAbsolutePath();
        for (String state : new String[] {file.toString(), "sqlite:" + file, "jdbc:sqlite:" + file}) {
            StoreLocation location = StoreLocation.parse(state, NO_ENV);
            assertEquals(Dialect.SQLITE, location.dialect(), state);
            assertEquals("jdbc:sqlite:" + file, location.jdbcUrl(), state);
            assertEquals("sqlite:" + file, location.description(), state);
        }
        assertTrue(Files.isDirectory(file.getParent()), "the parent directory is created");
    }

    @Test
    void aRelativePathIsMadeAbsoluteAndTildeIsHome() {
        assertEquals("sqlite:" + Path.of("target/x/j.db").toAbsolutePath(),
                StoreLocation.parse("target/x/j.db", NO_ENV).description());
        Path home = Path.of("target", "journal-tests", "home").toAbsolutePath();
        assertEquals("sqlite:" + home.resolve("state/j.db"),
                StoreLocation.parse("~/state/j.db", Map.of("HOME", home.toString())).description());
    }

    @Test
    void inMemoryAndUnknownStoresAreRefused() {
        JournalException memory = assertThrows(JournalException.class,
                () -> StoreLocation.parse("jdbc:sqlite::memory:", NO_ENV));
        assertTrue(memory.getMessage().contains("needs a file path"), memory.getMessage());
        JournalException mysql = assertThrows(JournalException.class,
                () -> StoreLocation.parse("jdbc:mysql://db/upbook?password=secret", NO_ENV));
        assertEquals("unsupported journal store 'jdbc:mysql://db/upbook': use a SQLite path (sqlite:PATH) or "
                + "jdbc:postgresql://host:port/db", mysql.getMessage());
        assertThrows(JournalException.class, () -> StoreLocation.parse("  ", NO_ENV));
    }

    @Test
    void aPostgresDescriptionNeverShowsThePassword() {
        StoreLocation location = StoreLocation.parse(
                "jdbc:postgresql://db.example:5432/upbook?user=ops&Password=s3cret&ssl=true", NO_ENV);
        assertEquals(Dialect.POSTGRESQL, location.dialect());
        assertEquals("jdbc:postgresql://db.example:5432/upbook (user ops)", location.description());
        assertFalse(location.toString().contains("s3cret"));
        assertNull(location.user(), "the URL's own user is left to the driver");
    }

    @Test
    void postgresCredentialsMayComeFromTheEnvironment() {
        Map<String, String> env = Map.of(StoreLocation.USER_VARIABLE, "ops", StoreLocation.PASSWORD_VARIABLE, "s3cret");
        StoreLocation location = StoreLocation.parse("jdbc:postgresql://db.example/upbook", env);
        assertEquals("ops", location.user());
        assertEquals("s3cret", location.password());
        assertEquals("jdbc:postgresql://db.example/upbook (user ops)", location.description());
        assertFalse(location.toString().contains("s3cret"));

        StoreLocation urlWins = StoreLocation.parse("jdbc:postgresql://db.example/upbook?user=me&password=x", env);
        assertNull(urlWins.user());
        assertNull(urlWins.password());
    }

    @Test
    void anUnreachableStoreFailsWithItsDescriptionAndNoPassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String state = "jdbc:postgresql://127.0.0.1:" + port + "/upbook?user=ops&password=s3cret&connectTimeout=2";
        JournalException failure = assertThrows(JournalException.class, () -> Journals.open(state));
        assertTrue(failure.getMessage().startsWith("cannot open the journal at jdbc:postgresql://127.0.0.1:" + port
                + "/upbook (user ops): "), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
    }

    @Test
    void theDefaultStateFollowsUpbookThenXdgThenHome() {
        assertEquals(Path.of("/srv/upbook/journal.db"),
                Journals.defaultState(Map.of("UPBOOK_STATE_DIR", "/srv/upbook", "XDG_STATE_HOME", "/x")));
        assertEquals(Path.of("/x/upbook/journal.db"), Journals.defaultState(Map.of("XDG_STATE_HOME", "/x")));
        assertEquals(Path.of("/home/alice/.local/state/upbook/journal.db"), Journals.defaultState(NO_ENV));
        assertTrue(Journals.defaultState().endsWith("journal.db"));
    }

    @Test
    void theCurrentOwnerIsThisProcess() {
        Owner self = Owners.current();
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertEquals(System.getProperty("user.name"), self.user());
        assertFalse(self.host().isBlank());
        assertEquals(ProcessHandle.current().info().startInstant().orElse(null), self.processStart());
        assertEquals(Owners.hostName(), self.host());
    }
}
