package dev.upbook.journal;

import dev.upbook.steps.EmbeddedPostgresServer;
/** The journal contract on a real PostgreSQL: a new database per test. */
class PostgresJournalTests extends JournalContractTests {
    @Override
    protected String newStore() {
        return EmbeddedPostgresServer.newDatabase();
    }
}
