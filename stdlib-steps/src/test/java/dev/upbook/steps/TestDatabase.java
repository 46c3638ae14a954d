package dev.upbook.steps;

import java.nio.file.Path;

/** The databases the sql steps are tested against, each a real server (or file) started once per JVM. */
enum TestDatabase {
    SQLITE {
        @Override String newDatabase(Path directory) {
            return "jdbc:sqlite:" + directory.resolve("test.db");
        }
    },
    POSTGRESQL {
        @Override String newDatabase(Path directory) {
            return EmbeddedPostgresServer.newDatabase();
        }
    },
    MARIADB {
        @Override String newDatabase(Path directory) {
            return EmbeddedMariaDbServer.newDatabase();
        }
    };

    /** The JDBC URL of a new, empty database. */
    abstract String newDatabase(Path directory);
}
