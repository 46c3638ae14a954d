package dev.upbook.steps.bench;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.SqlCopyStep;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code sql.copy} of a 1,000,000-row table PostgreSQL → PostgreSQL (one embedded PostgreSQL 14,
 * two databases) against (b) a {@code COPY … TO STDOUT | COPY … FROM STDIN} pipe between the same
 * databases (PgJDBC CopyManager, two threads and a pipe, one transaction) and (c) a naive
 * row-at-a-time JDBC copy (one {@code executeUpdate} per row, one transaction). Not a test; run
 * through {@code bench/sql-copy}, or {@code java -cp <test classpath> dev.upbook.steps.bench.SqlCopyBench}
 * with options {@code --rows N --naive-rows N --runs N --batch-sizes 10000[,50000…]}.
 *
 * <p>Each figure is the median of {@code --runs} runs after one warm-up run of each variant; the
 * variants take turns run by run, and the target table is truncated before each run. The step saves
 * its checkpoint per batch to a file with fsync and rename, as a journal would.
 */
public final class SqlCopyBench {
    private static final String TABLE = "CREATE TABLE item (id BIGINT PRIMARY KEY, account INTEGER NOT NULL, status TEXT NOT NULL,"
            + " amount NUMERIC(12,2), created TIMESTAMP NOT NULL, subject TEXT)";

    private SqlCopyBench() {}

    interface Variant {
        long copy(int run) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
        int naiveRows = Integer.parseInt(options.getOrDefault("naive-rows", "100000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        List<Integer> batchSizes = Arrays.stream(options.getOrDefault("batch-sizes", "10000").split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        Path work = Path.of(options.getOrDefault("work", "target/sql-copy-bench")).toAbsolutePath();
        Files.createDirectories(work);

        long started = System.nanoTime();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work.resolve("pg").toFile())
                .setDataDirectory(work.resolve("data")).setCleanDataDirectory(true).start()) {
            String source = database(postgres, "bench_source");
            String target = database(postgres, "bench_target");
            execute(source, TABLE);
            execute(target, TABLE);
            fill(source, rows);
            System.out.printf(Locale.ROOT, "PostgreSQL %s, one server with two databases; %,d rows of %s bytes on average in"
                    + " the source (%s) after %.1f s; %d CPUs, load %s%n", scalarText(source, "SHOW server_version"), rows,
                    scalarText(source, "SELECT avg(pg_column_size(item.*))::int FROM item"),
                    scalarText(source, "SELECT pg_size_pretty(pg_total_relation_size('item'))"), (System.nanoTime() - started) / 1e9,
                    Runtime.getRuntime().availableProcessors(), loadAverage());

            Map<String, Variant> variants = new LinkedHashMap<>();
            for (int batchSize : batchSizes) {
                variants.put(String.format(Locale.ROOT, "(a) sql.copy, batch-size %,d", batchSize),
                        run -> viaStep(source, target, batchSize, work.resolve("checkpoint-" + batchSize + "-" + run)));
            }
            variants.put("(b) COPY TO STDOUT | COPY FROM STDIN", run -> copyPipe(source, target));
            variants.put(String.format(Locale.ROOT, "(c) naive row-at-a-time JDBC, %,d rows", naiveRows),
                    run -> naive(source, target, naiveRows));

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            variants.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
            for (int run = 0; run <= runs; run++) {
                for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                    execute(target, "TRUNCATE item", "CHECKPOINT");
                    long start = System.nanoTime();
                    long copied = variant.getValue().copy(run);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long present = scalar(target, "SELECT count(*) FROM item");
                    if (present != copied) throw new IllegalStateException(variant.getKey() + ": the target has " + present + " rows, not " + copied);
                    double rate = copied / seconds;
                    System.out.printf(Locale.ROOT, "%s %-40s %,10d rows in %6.2f s = %,9.0f rows/s (load %s)%n",
                            run == 0 ? "warm-up" : "run " + run + "  ", variant.getKey(), copied, seconds, rate, loadAverage());
                    if (run > 0) rates.get(variant.getKey()).add(rate);
                }
            }
            summary(rates, rows, naiveRows, runs);
        }
    }

    private static void summary(Map<String, List<Double>> rates, int rows, int naiveRows, int runs) {
        System.out.printf(Locale.ROOT, "%nmedians of %d runs (rows/s):%n", runs);
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((name, values) -> medians.put(name, median(values)));
        medians.forEach((name, median) -> System.out.printf(Locale.ROOT, "  %-44s %,10.0f rows/s%n", name, median));
        double pipe = medians.entrySet().stream().filter(e -> e.getKey().startsWith("(b)")).findFirst().orElseThrow().getValue();
        double naive = medians.entrySet().stream().filter(e -> e.getKey().startsWith("(c)")).findFirst().orElseThrow().getValue();
        for (Map.Entry<String, Double> step : medians.entrySet()) {
            if (!step.getKey().startsWith("(a)")) continue;
            System.out.printf(Locale.ROOT, "  %s: (a)/(b) = %.2f (goal >= 0.70), (a)/(c) = %.1f (goal >= 5)%n", step.getKey(),
                    step.getValue() / pipe, step.getValue() / naive);
        }
        if (naiveRows < rows) {
            System.out.printf(Locale.ROOT, "  (c) is measured on the first %,d of the %,d rows (one row per round trip;"
                    + " the whole table would take minutes per run)%n", naiveRows, rows);
        }
    }

    private static long viaStep(String source, String target, int batchSize, Path checkpoint) throws Exception {
        BenchContext context = new BenchContext(Map.of("from-url", source, "to-url", target, "tables", List.of("item"),
                "batch-size", (long) batchSize), checkpoint);
        StepResult result = new SqlCopyStep().run(context);
        if (!result.succeeded()) throw new IllegalStateException("sql.copy: " + result.message());
        return (Long) ((Map<?, ?>) result.value()).get("rows");
    }

    /** COPY out of the source on a second thread into a pipe, COPY in from the pipe on this one, one transaction. */
    private static long copyPipe(String source, String target) throws Exception {
        try (Connection from = DriverManager.getConnection(source); Connection to = DriverManager.getConnection(target)) {
            to.setAutoCommit(false);
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream out = new PipedOutputStream(in);
            CopyManager reader = from.unwrap(PGConnection.class).getCopyAPI();
            CompletableFuture<Long> copiedOut = CompletableFuture.supplyAsync(() -> {
                try (out) {
                    return reader.copyOut("COPY item TO STDOUT (FORMAT binary)", out);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long copied = to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY item FROM STDIN (FORMAT binary)", in);
            to.commit();
            if (copiedOut.get() != copied) throw new IllegalStateException("COPY out " + copiedOut.get() + " rows, in " + copied);
            return copied;
        }
    }

    /** One INSERT per row through executeUpdate, all in one transaction. */
    private static long naive(String source, String target, int rows) throws SQLException {
        try (Connection from = DriverManager.getConnection(source); Connection to = DriverManager.getConnection(target)) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            long copied = 0;
            try (Statement read = from.createStatement();
                    PreparedStatement insert = to.prepareStatement("INSERT INTO item (id, account, status, amount, created, subject)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                read.setFetchSize(10_000);
                try (ResultSet all = read.executeQuery("SELECT id, account, status, amount, created, subject FROM item WHERE id <= "
                        + rows + " ORDER BY id")) {
                    while (all.next()) {
                        for (int c = 1; c <= 6; c++) insert.setObject(c, all.getObject(c));
                        copied += insert.executeUpdate();
                    }
                }
            }
            to.commit();
            return copied;
        }
    }

    private static void fill(String url, int rows) throws SQLException {
        execute(url, "INSERT INTO item SELECT g, g % 5000, (ARRAY['open', 'closed', 'on hold', 'escalated'])[1 + g % 4],"
                + " (g % 100000) / 100.0, timestamp '2020-01-01' + g * interval '37 seconds',"
                + " 'Ticket ' || g || ': ' || substr(md5(g::text) || md5((g + 1)::text), 1, 20 + g % 40) FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE item");
    }

    private static String database(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        }
    }

    private static long scalar(String url, String sql) throws SQLException {
        return Long.parseLong(scalarText(url, sql));
    }

    private static String scalarText(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option value, not " + args[i]);
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The step's context: parameters, a checkpoint file written durably per batch, progress dropped. */
    private static final class BenchContext implements StepContext {
        private final Map<String, Object> parameters;
        private final Path checkpoint;

        BenchContext(Map<String, Object> parameters, Path checkpoint) {
            this.parameters = parameters;
            this.checkpoint = checkpoint;
        }

        @Override public String instanceId() { return "bench/sql-copy"; }
        @Override public Parameters parameters() { return new Parameters(parameters); }
        @Override public Path workingDirectory() { return checkpoint.getParent(); }
        @Override public Optional<Duration> timeout() { return Optional.empty(); }
        @Override public boolean assumeYes() { return true; }
        @Override public Optional<String> ask(String question) { return Optional.empty(); }
        @Override public void progress(String line) {}
        @Override public String mask(String text) { return text; }
        @Override public Map<String, Object> vars() { return Map.of(); }
        @Override public boolean stopRequested() { return false; }
        @Override public void processStarted(ProcessHandle process) {}
        @Override public void processEnded(ProcessHandle process) {}
        @Override public Optional<String> checkpoint() { return Optional.empty(); }

        @Override
        public void saveCheckpoint(String value) {
            Path temporary = checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
                Files.move(temporary, checkpoint, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
