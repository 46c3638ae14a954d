package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sql.copy killed with SIGKILL ({@code destroyForcibly}) in a child JVM at several points of a
 * 40,000-row copy in batches of 250, each time resumed from its durable checkpoint file, then run to completion:
 * the target holds exactly the source's rows (count, distinct keys, every row's content).
 */
class SqlCopyCrashTests {
    private static final int ROWS = 40_000;
    private static final Pattern PROGRESS = Pattern.compile("item ([0-9,]+)/([0-9,]+) rows");
    /** Kill once a progress line shows at least this many rows copied (all attempts together). */
    private static final int[] KILL_AT = {1_500, 15_000, 30_000};

    @TempDir
    Path dir;

    @Test
    void postgresToPostgresSurvivesKillsWithoutDuplicatesOrGaps() throws Exception {
        killedAndResumed(TestDatabase.POSTGRESQL);
    }

    @Test
    void postgresToMariaDbSurvivesKillsWithoutDuplicatesOrGaps() throws Exception {
        killedAndResumed(TestDatabase.MARIADB);
    }

    private void killedAndResumed(TestDatabase targetDatabase) throws Exception {
        String source = TestDatabase.POSTGRESQL.newDatabase(dir);
        CopyFixtures.execute(source, CopyFixtures.itemTable(TestDatabase.POSTGRESQL),
                "INSERT INTO item SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'item ' || g || ' ünï' END, g * 1.25,"
                        + " timestamp '2024-01-01' + g * interval '1 minute', decode(md5(g::text), 'hex'), g * 3"
                        + " FROM generate_series(1, " + ROWS + ") g");
        String target = targetDatabase.newDatabase(dir);
        CopyFixtures.execute(target, CopyFixtures.itemTable(targetDatabase));
        Path checkpoint = dir.resolve("checkpoint-" + targetDatabase + ".json");

        List<String> kills = new ArrayList<>();
        for (int killAt : KILL_AT) {
            Process child = start(source, target, checkpoint);
            long seen = readUntil(child, killAt);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child ended");
            kills.add(seen + " rows");
        }
        Process last = start(source, target, checkpoint);
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), output);
        assertTrue(output.contains("RESULT SUCCEEDED copied "), output);

        assertEquals(ROWS, CopyFixtures.scalar(target, "SELECT count(*) FROM item"), "killed at " + kills);
        assertEquals(ROWS, CopyFixtures.scalar(target, "SELECT count(DISTINCT id) FROM item"));
        assertEquals(CopyFixtures.rows(source, "item", "id").hashCode(), CopyFixtures.rows(target, "item", "id").hashCode(),
                "the same rows in the same key order");
    }

    private Process start(String source, String target, Path checkpoint) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 only and the serial collector: the child starts faster and the copy is short
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SqlCopyCrashChild.class.getName(), source, target,
                checkpoint.toString(), "250").redirectErrorStream(true).start();
    }

    /** Reads the child's progress until it has copied {@code rows} rows in all; the last count seen. */
    private static long readUntil(Process child, long rows) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher progress = PROGRESS.matcher(line);
            if (progress.find()) {
                long copied = Long.parseLong(progress.group(1).replace(",", ""));
                if (copied >= rows) return copied;
            }
        }
        throw new AssertionError("the child ended before copying " + rows + " rows:\n" + seen);
    }
}
