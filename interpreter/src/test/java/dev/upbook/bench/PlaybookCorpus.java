package dev.upbook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes synthetic playbooks for the lint benchmark ({@code bench/run}); not a test. Every
 * generated playbook is meant to lint clean: the graph is built so that every supported source
 * reaches every later non-blocked release (rule hops inside a major, explicit edges across
 * majors, range edges into the middle patches of a minor series).
 *
 * <p>Shape of one playbook: 5–40 semver releases (1–5 minors per major, 1–4 patches per minor,
 * sometimes a {@code -rc.1} before a new major and a legacy release below the minimum), one
 * {@code sequence: minor} rule, explicit edges across majors, explicit edges that override a rule
 * hop or skip a minor, range edges into middle patches (in half of the playbooks without a blocked
 * release, a {@code sequence: patch} rule instead); sometimes a blocked middle patch, required
 * stops and a declared gap. Every hop has 3–15 steps of real types (exec, file.backup,
 * sql.backup, sql.query, file.assert, http.check, manual, file.delete, service) with templates
 * over {@code inputs.*}, {@code edge.*}, {@code run.*} and {@code vars.*}, plus preconditions and
 * review items.
 *
 * <p>Usage: {@code PlaybookCorpus OUT_DIR COUNT [SEED]}. Deterministic for a seed. Prints one
 * line of statistics.
 */
public final class PlaybookCorpus {

    /** A release: major.minor.patch with an optional pre-release tag. */
    record Rel(int major, int minor, int patch, String pre) {
        String text() {
            return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre);
        }
    }

    /** One minor series: its releases ascending. */
    record Series(int major, int minor, List<Rel> releases) {
        Rel first() {
            return releases.get(0);
        }

        Rel last() {
            return releases.get(releases.size() - 1);
        }
    }

    /** Counters over the whole corpus, for the statistics line. */
    static final class Stats {
        long bytes;
        long lines;
        int minLines = Integer.MAX_VALUE;
        int maxLines;
        long releases;
        long edges;
        long rangeEdges;
        long steps;
        long hops;
        int withBlocked;
        int withStops;
        int withGap;
        int withPrerelease;
        int withPatchRule;
    }

    private final Random rnd;
    private final int index;
    private final Stats stats;
    private final StringBuilder y = new StringBuilder(32 * 1024);

    private final List<Series> series = new ArrayList<>();
    private final List<Rel> releases = new ArrayList<>();
    private final List<Rel> prereleases = new ArrayList<>();
    private Rel legacy;
    private final Set<String> explicitPairs = new HashSet<>();
    /** Middle patches are reached by a {@code sequence: patch} rule instead of range edges. */
    private boolean patchRule;

    private PlaybookCorpus(Random rnd, int index, Stats stats) {
        this.rnd = rnd;
        this.index = index;
        this.stats = stats;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PlaybookCorpus OUT_DIR COUNT [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20240601L;
        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().endsWith(".playbook.yaml")) Files.delete(p);
            }
        }
        Stats stats = new Stats();
        for (int i = 0; i < count; i++) {
            String text = new PlaybookCorpus(new Random(seed * 1_000_003L + i), i, stats).render();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int lines = (int) text.chars().filter(c -> c == '\n').count();
            stats.bytes += bytes.length;
            stats.lines += lines;
            stats.minLines = Math.min(stats.minLines, lines);
            stats.maxLines = Math.max(stats.maxLines, lines);
            Files.write(out.resolve(String.format(Locale.ROOT, "gen-%04d.playbook.yaml", i)), bytes);
        }
        System.out.printf(Locale.ROOT,
                "generated %d playbooks in %s: %.1f MiB, %d lines each on average (%d..%d); per playbook on average "
                        + "%.1f releases, %.1f edges (%.1f range edges), %.1f hop declarations, %.1f steps; "
                        + "%d with a blocked release, %d with required stops, %d with a declared gap, %d with a pre-release, "
                        + "%d with a patch rule instead of range edges%n",
                count, out, stats.bytes / 1048576.0, stats.lines / count, stats.minLines, stats.maxLines,
                (double) stats.releases / count, (double) stats.edges / count, (double) stats.rangeEdges / count,
                (double) stats.hops / count, (double) stats.steps / count,
                stats.withBlocked, stats.withStops, stats.withGap, stats.withPrerelease, stats.withPatchRule);
    }

    // --- the version structure

    private void makeReleases() {
        int target = 5 + rnd.nextInt(36); // 5..40 releases
        int major = 1 + rnd.nextInt(9);
        int total = 0;
        while (total < target) {
            int minors = 1 + rnd.nextInt(5);
            int minor = rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0;
            for (int k = 0; k < minors && total < target; k++) {
                int count = Math.min(1 + rnd.nextInt(4), target - total);
                List<Rel> rels = new ArrayList<>();
                int patch = rnd.nextInt(4) == 0 ? 1 : 0;
                for (int p = 0; p < count; p++) {
                    rels.add(new Rel(major, minor, patch, ""));
                    patch += 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
                }
                series.add(new Series(major, minor, rels));
                releases.addAll(rels);
                total += count;
                minor += 1 + (rnd.nextInt(5) == 0 ? 1 : 0);
            }
            major += 1 + (rnd.nextInt(6) == 0 ? 1 : 0);
        }
        // a release candidate before some new majors, while there is room for it
        for (int m : majors()) {
            if (m == majors().get(0) || releases.size() + prereleases.size() >= 40 || rnd.nextInt(10) >= 3) continue;
            Rel first = firstOfMajor(m);
            prereleases.add(new Rel(first.major(), first.minor(), first.patch(), "rc.1"));
        }
        // sometimes an old release below the minimum that no edge serves
        Rel lowest = releases.get(0);
        if (releases.size() + prereleases.size() < 40 && rnd.nextInt(5) == 0) {
            legacy = new Rel(lowest.major() - 1, 9, 0, "");
        }
        stats.releases += releases.size() + prereleases.size() + (legacy != null ? 1 : 0);
        if (!prereleases.isEmpty()) stats.withPrerelease++;
    }

    private List<Integer> majors() {
        List<Integer> result = new ArrayList<>();
        for (Series s : series) {
            if (result.isEmpty() || result.get(result.size() - 1) != s.major()) result.add(s.major());
        }
        return result;
    }

    private Rel firstOfMajor(int major) {
        for (Series s : series) {
            if (s.major() == major) return s.first();
        }
        throw new IllegalArgumentException("no major " + major);
    }

    private Rel lastOfMajor(int major) {
        Rel last = null;
        for (Series s : series) {
            if (s.major() == major) last = s.last();
        }
        return last;
    }

    private List<Series> seriesOfMajor(int major) {
        List<Series> result = new ArrayList<>();
        for (Series s : series) {
            if (s.major() == major) result.add(s);
        }
        return result;
    }

    private Rel prereleaseOf(int major) {
        for (Rel r : prereleases) {
            if (r.major() == major) return r;
        }
        return null;
    }

    // --- the document

    String render() {
        makeReleases();
        String product = "gen-product-" + index;

        // blocked: one middle patch (neither the first nor the last of its series), never the target of an edge
        Rel blocked = null;
        if (rnd.nextInt(10) < 3) {
            List<Rel> middles = new ArrayList<>();
            for (Series s : series) {
                for (int i = 1; i < s.releases().size() - 1; i++) middles.add(s.releases().get(i));
            }
            if (!middles.isEmpty()) blocked = middles.get(rnd.nextInt(middles.size()));
        }
        // required stops: the first release of some majors (and sometimes of a later minor series)
        List<Rel> stops = new ArrayList<>();
        List<Integer> majors = majors();
        for (int i = 1; i < majors.size(); i++) {
            if (rnd.nextInt(10) < 4) stops.add(firstOfMajor(majors.get(i)));
        }
        for (Series s : series) {
            if (s != series.get(0) && s.first() != firstOfMajor(s.major()) && rnd.nextInt(20) == 0) stops.add(s.first());
        }
        stops.sort((a, b) -> compare(a, b));
        // a declared gap: nobody may stop on one middle patch (like IXP Manager's 6.4.1)
        Rel gapTarget = null;
        if (rnd.nextInt(10) == 0) {
            for (Series s : series) {
                for (int i = 1; i < s.releases().size() - 1; i++) {
                    Rel r = s.releases().get(i);
                    if (r != blocked && gapTarget == null) gapTarget = r;
                }
            }
        }
        if (blocked != null) stats.withBlocked++;
        if (!stops.isEmpty()) stats.withStops++;
        if (gapTarget != null) stats.withGap++;
        boolean withMinimum = legacy != null || rnd.nextInt(5) != 0;
        patchRule = blocked == null && rnd.nextBoolean();
        if (patchRule) stats.withPatchRule++;

        line(0, "# Generated by dev.upbook.bench.PlaybookCorpus for bench/run (playbook " + index + "); lint-clean by construction.");
        line(0, "upbook: 1");
        line(0, "");
        line(0, "product:");
        line(1, "name: " + product);
        line(1, "title: Generated product " + index);
        line(1, "description: >-");
        line(2, "A synthetic product with " + releases.size() + " releases, used to measure how fast upbook lints");
        line(2, "a directory of realistic playbooks.");
        line(1, "guide: \"https://example.org/" + product + "/upgrading\"");
        line(0, "");
        versions(blocked, stops, gapTarget, withMinimum);
        detectAndInputs();
        preconditions(0, "preconditions", false, 2 + rnd.nextInt(3));
        line(0, "");
        line(0, "pre:");
        preSteps();
        line(0, "");
        line(0, "rules:");
        rule();
        if (patchRule) patchRule();
        line(0, "");
        int edgesAt = y.length();
        line(0, "edges:");
        if (edges(blocked) == 0) y.setLength(edgesAt); // a single series: the rules are all there is
        line(0, "");
        line(0, "post:");
        steps(1, false, 1 + rnd.nextInt(3), "post");
        line(0, "");
        line(0, "review:");
        review(1, false, 1 + rnd.nextInt(3));
        line(0, "");
        line(0, "recoveries:");
        line(1, "restore:");
        line(2, "title: Restore the files and the database from the backups of pre");
        line(2, "steps:");
        line(3, "- id: restore-files");
        line(4, "type: file.restore");
        line(4, "with:");
        line(5, "archive: \"{{ inputs.backup_dir }}/files-before-{{ run.id }}.tar.gz\"");
        line(5, "to: \"{{ inputs.root }}\"");
        line(3, "- id: restore-database");
        line(4, "type: sql.restore");
        line(4, "after: [restore-files]");
        line(4, "with:");
        line(5, "url: \"{{ inputs.db_url }}\"");
        line(5, "user: \"{{ inputs.db_user }}\"");
        line(5, "password: \"{{ inputs.db_password }}\"");
        line(5, "from: \"{{ inputs.backup_dir }}/db-before-{{ run.id }}.sql\"");
        return y.toString();
    }

    private void versions(Rel blocked, List<Rel> stops, Rel gapTarget, boolean withMinimum) {
        line(0, "versions:");
        line(1, "scheme: semver");
        List<String> texts = new ArrayList<>();
        if (legacy != null) texts.add(legacy.text());
        for (Series s : series) {
            Rel rc = prereleaseOf(s.major());
            if (rc != null && s.first() == firstOfMajor(s.major())) texts.add(rc.text());
            for (Rel r : s.releases()) texts.add(r.text());
        }
        if (rnd.nextBoolean()) {
            line(1, "releases: [" + String.join(", ", texts.stream().map(t -> "\"" + t + "\"").toList()) + "]");
        } else {
            line(1, "releases:");
            for (String t : texts) line(2, "- \"" + t + "\"");
        }
        if (withMinimum) {
            line(1, "minimum:");
            line(2, "version: \"" + releases.get(0).text() + "\"");
            line(2, "reason: Older installations must first be upgraded by hand to " + releases.get(0).text() + ".");
        }
        if (blocked != null) {
            line(1, "blocked:");
            line(2, "- version: \"" + blocked.text() + "\"");
            line(3, "reason: " + blocked.text() + " shipped a broken migration; it was withdrawn.");
        }
        if (!stops.isEmpty()) {
            line(1, "required-stops:");
            for (Rel s : stops) {
                line(2, "- version: \"" + s.text() + "\"");
                line(3, "reason: >-");
                line(4, s.text() + " converts the data format; later releases cannot read the old format.");
            }
        }
        if (gapTarget != null) {
            line(1, "no-path:");
            line(2, "- from: \"*\"");
            line(3, "to: \"" + gapTarget.text() + "\"");
            line(3, "reason: " + gapTarget.text() + " is superseded by the latest patch of its series; upgrade to that instead.");
        }
        line(0, "");
    }

    private void detectAndInputs() {
        line(0, "detect:");
        line(1, "type: version");
        line(1, "with:");
        line(2, "file: \"{{ inputs.root }}/VERSION\"");
        line(2, "pattern: '([0-9]+\\.[0-9]+\\.[0-9]+(?:-[a-z0-9.]+)?)'");
        line(0, "");
        line(0, "inputs:");
        input("root", "path", "/srv/app", "The installation directory.");
        input("url", "url", null, "The base URL of the application, e.g. https://app.example.org/.");
        input("downloads", "path", "/var/tmp/app-releases", "Where the release archives are downloaded.");
        input("backup_dir", "path", "/var/backups/app", "Where backups are written.");
        input("php", "string", "php", "The PHP binary.");
        input("db_url", "url", "jdbc:postgresql://localhost/app", "JDBC URL of the database.");
        input("db_user", "string", "app", "The database user.");
        line(1, "db_password:");
        line(2, "type: string");
        line(2, "secret: true");
        line(2, "env: APP_DB_PASSWORD");
        line(2, "description: The database password.");
        input("run_migrations", "bool", "true", "Run the database migrations of each hop (false when a DBA runs them).");
        input("service", "string", "app.service", "The systemd unit of the application.");
        line(0, "");
    }

    private void input(String name, String type, String def, String description) {
        line(1, name + ":");
        line(2, "type: " + type);
        if (def != null) line(2, "default: " + (type.equals("bool") ? def : "\"" + def + "\""));
        line(2, "description: \"" + description + "\"");
    }

    private void preSteps() {
        line(1, "- id: backup-files");
        line(2, "type: file.backup");
        line(2, "title: Back up the installation");
        line(2, "with:");
        line(3, "source: \"{{ inputs.root }}\"");
        line(3, "to: \"{{ inputs.backup_dir }}/files-before-{{ run.id }}.tar.gz\"");
        line(3, "exclude: [\"*.log\", \"cache/*\"]");
        line(1, "- id: backup-database");
        line(2, "type: sql.backup");
        line(2, "title: Dump the database");
        line(2, "with:");
        line(3, "url: \"{{ inputs.db_url }}\"");
        line(3, "user: \"{{ inputs.db_user }}\"");
        line(3, "password: \"{{ inputs.db_password }}\"");
        line(3, "to: \"{{ inputs.backup_dir }}/db-before-{{ run.id }}.sql\"");
        line(1, "- id: count-users");
        line(2, "type: sql.query");
        line(2, "title: Count the users before the upgrade");
        line(2, "register: users_before");
        line(2, "with:");
        line(3, "url: \"{{ inputs.db_url }}\"");
        line(3, "user: \"{{ inputs.db_user }}\"");
        line(3, "password: \"{{ inputs.db_password }}\"");
        line(3, "sql: SELECT count(*) FROM users");
        stats.steps += 3;
    }

    private void rule() {
        Rel first = releases.get(0);
        String within = switch (rnd.nextInt(3)) {
            case 0 -> "*";
            case 1 -> ">=" + first.text();
            default -> ">=" + first.text() + " <" + (releases.get(releases.size() - 1).major() + 1) + ".0.0";
        };
        line(1, "- id: minor-in-sequence");
        line(2, "title: each minor release in sequence, then the latest patch");
        line(2, "within: \"" + within + "\"");
        line(2, "sequence: minor");
        line(2, "latest-patch: true");
        hopBody(2, "rule", 3 + rnd.nextInt(13));
    }

    /** Each patch in sequence inside a minor: reaches the middle patches that the minor rule jumps over. */
    private void patchRule() {
        line(1, "- id: patch-in-sequence");
        line(2, "title: each patch release of a minor in sequence");
        line(2, "sequence: patch");
        line(2, "latest-patch: false");
        hopBody(2, "patch rule", 3 + rnd.nextInt(4));
    }

    /** Writes the edges; returns how many. */
    private int edges(Rel blocked) {
        long before = stats.edges;
        List<Integer> majors = majors();
        // across majors: the last release of a major to the first of the next (through the rc when there is one)
        for (int i = 0; i + 1 < majors.size(); i++) {
            Rel from = lastOfMajor(majors.get(i));
            Rel to = firstOfMajor(majors.get(i + 1));
            Rel rc = prereleaseOf(majors.get(i + 1));
            if (rc != null) {
                edge(from.text(), rc, "Upgrade to the release candidate " + rc.text(), false, 3 + rnd.nextInt(6));
                edge(rc.text(), to, "From the release candidate to " + to.text(), false, 3 + rnd.nextInt(5));
            }
            edge(from.text(), to, "Upgrade to major version " + to.major(), rnd.nextInt(5) == 0, 3 + rnd.nextInt(13));
        }
        for (int m : majors) {
            List<Series> inMajor = seriesOfMajor(m);
            for (int k = 0; k < inMajor.size(); k++) {
                Series s = inMajor.get(k);
                // an explicit edge that replaces the rule's hop to the next minor (the explicit edge wins)
                if (k + 1 < inMajor.size() && rnd.nextInt(10) < 3) {
                    edge(s.first().text(), inMajor.get(k + 1).first(), "Special migration to " + inMajor.get(k + 1).first().text(),
                            false, 3 + rnd.nextInt(8));
                }
                // a shortcut over one minor
                if (k + 2 < inMajor.size() && rnd.nextInt(10) < 2) {
                    edge(s.first().text(), inMajor.get(k + 2).first(), "Shortcut over " + inMajor.get(k + 1).first().text(),
                            rnd.nextBoolean(), 3 + rnd.nextInt(8));
                }
                // range edges into each middle patch, from every lower release of the series
                for (int i = 1; i < s.releases().size() - 1 && !patchRule; i++) {
                    Rel p = s.releases().get(i);
                    if (p.equals(blocked)) continue;
                    String range = rnd.nextBoolean()
                            ? ">=" + s.first().text() + " <" + p.text()
                            : s.major() + "." + s.minor() + ".x";
                    if (edge(range, p, "Patch release " + p.text(), false, 3 + rnd.nextInt(3))) stats.rangeEdges++;
                }
            }
        }
        return (int) (stats.edges - before);
    }

    /** One explicit edge; {@code from} is a version or a range; skipped when it would repeat a (from, to) pair. */
    private boolean edge(String from, Rel to, String title, boolean irreversible, int steps) {
        if (from.endsWith(".x") || from.startsWith(">=")) {
            // expand the range to check for duplicates with explicit edges, as upbook will
            for (Rel r : releases) {
                if (inRange(from, r, to) && !explicitPairs.add(r.text() + ">" + to.text())) return false;
            }
        } else if (!explicitPairs.add(from + ">" + to.text())) {
            return false;
        }
        stats.edges++;
        line(1, "- from: \"" + from + "\"");
        line(2, "to: \"" + to.text() + "\"");
        line(2, "title: " + title);
        if (irreversible) {
            line(2, "irreversible: true");
            line(2, "reason: The data format is converted in place; the old release cannot read it.");
        }
        if (rnd.nextInt(3) == 0) {
            line(2, "notes:");
            line(3, "- Read the release notes of " + to.text() + " before starting.");
        }
        if (rnd.nextInt(4) == 0) {
            line(2, "breaking:");
            line(3, "- The configuration key 'cache.driver' was renamed to 'cache.store' in " + to.text() + ".");
        }
        hopBody(2, "edge", steps);
        return true;
    }

    /** Whether release r lies in the range text (the two forms this generator writes) and below the edge's target. */
    private static boolean inRange(String range, Rel r, Rel to) {
        if (!r.pre().isEmpty() || compare(r, to) >= 0) return false;
        if (range.endsWith(".x")) {
            String[] parts = range.split("\\.");
            return r.major() == Integer.parseInt(parts[0]) && r.minor() == Integer.parseInt(parts[1]);
        }
        String[] bounds = range.split(" ");
        Rel low = parse(bounds[0].substring(2));
        Rel high = parse(bounds[1].substring(1));
        return compare(r, low) >= 0 && compare(r, high) < 0;
    }

    private static Rel parse(String text) {
        String[] parts = text.split("\\.");
        return new Rel(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), "");
    }

    private static int compare(Rel a, Rel b) {
        int c = Integer.compare(a.major(), b.major());
        if (c == 0) c = Integer.compare(a.minor(), b.minor());
        if (c == 0) c = Integer.compare(a.patch(), b.patch());
        if (c == 0) c = a.pre().isEmpty() == b.pre().isEmpty() ? a.pre().compareTo(b.pre()) : a.pre().isEmpty() ? 1 : -1;
        return c;
    }

    private void hopBody(int indent, String kind, int steps) {
        stats.hops++;
        if (rnd.nextInt(3) == 0) preconditions(indent, "preconditions", true, 1 + rnd.nextInt(2));
        line(indent, "steps:");
        steps(indent + 1, true, steps, kind);
        if (rnd.nextInt(2) == 0) {
            line(indent, "review:");
            review(indent + 1, true, 1 + rnd.nextInt(3));
        }
    }

    // --- steps, checks, review

    private void preconditions(int indent, String key, boolean inHop, int count) {
        line(indent, key + ":");
        String[] ids = {"root-present", "release-downloaded", "backup-dir-writable", "database-reachable", "free-space"};
        for (int i = 0; i < count; i++) {
            String id = ids[i % ids.length];
            line(indent + 1, "- id: " + id);
            line(indent + 2, "title: " + id.replace('-', ' '));
            line(indent + 2, "check:");
            switch (id) {
                case "root-present" -> fileAssert(indent + 3, "{{ inputs.root }}/VERSION", "file");
                case "release-downloaded" -> fileAssert(indent + 3,
                        "{{ inputs.downloads }}/app-" + (inHop ? "{{ edge.to }}" : "{{ run.to }}") + ".tar.gz", "file");
                case "backup-dir-writable" -> fileAssert(indent + 3, "{{ inputs.backup_dir }}", "directory");
                case "database-reachable" -> {
                    line(indent + 3, "type: sql.query");
                    line(indent + 3, "with:");
                    db(indent + 4);
                    line(indent + 4, "sql: SELECT 1");
                    line(indent + 4, "expect: \"1\"");
                }
                default -> {
                    line(indent + 3, "type: file.assert");
                    line(indent + 3, "with:");
                    line(indent + 4, "path: \"{{ inputs.root }}\"");
                    line(indent + 4, "free-space: 2GiB");
                }
            }
            line(indent + 2, "message: \"Check " + id.replace('-', ' ') + " for " + (inHop ? "{{ edge.from }} -> {{ edge.to }}" : "{{ inputs.root }}")
                    + " and run the upgrade again.\"");
            if (rnd.nextInt(5) == 0) line(indent + 2, "when: inputs.run_migrations");
        }
    }

    private void fileAssert(int indent, String path, String kind) {
        line(indent, "type: file.assert");
        line(indent, "with:");
        line(indent + 1, "path: \"" + path + "\"");
        line(indent + 1, "kind: " + kind);
    }

    private void db(int indent) {
        line(indent, "url: \"{{ inputs.db_url }}\"");
        line(indent, "user: \"{{ inputs.db_user }}\"");
        line(indent, "password: \"{{ inputs.db_password }}\"");
    }

    private static final String[] KINDS = {
        "download", "maintenance-on", "backup", "dump", "extract", "migrate", "check-schema", "clear-cache",
        "restart", "wait-up", "release-notes", "cleanup", "maintenance-off", "smoke",
    };

    private void steps(int indent, boolean inHop, int count, String where) {
        String to = inHop ? "{{ edge.to }}" : "{{ run.to }}";
        String from = inHop ? "{{ edge.from }}" : "{{ run.from }}";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String kind = KINDS[(i + rnd.nextInt(3)) % KINDS.length];
            String id = kind + "-" + (i + 1);
            stats.steps++;
            line(indent, "- id: " + id);
            line(indent + 1, "title: " + kind.replace('-', ' ') + " (" + where + ")");
            if (!ids.isEmpty() && rnd.nextInt(5) < 2) {
                String a = ids.get(rnd.nextInt(ids.size()));
                String b = ids.get(rnd.nextInt(ids.size()));
                line(indent + 1, "after: [" + (a.equals(b) ? a : a + ", " + b) + "]");
            }
            switch (kind) {
                case "download" -> {
                    line(indent + 1, "type: exec");
                    line(indent + 1, "idempotent: true");
                    line(indent + 1, "retries: 2");
                    line(indent + 1, "retry-delay: 30s");
                    line(indent + 1, "timeout: 15m");
                    line(indent + 1, "with:");
                    line(indent + 2, "argv:");
                    line(indent + 3, "- curl");
                    line(indent + 3, "- \"--output={{ inputs.downloads }}/app-" + to + ".tar.gz\"");
                    line(indent + 3, "- \"https://downloads.example.org/app-" + to + ".tar.gz\"");
                }
                case "maintenance-on", "maintenance-off" -> {
                    line(indent + 1, "type: exec");
                    line(indent + 1, "idempotent: true");
                    line(indent + 1, "with:");
                    line(indent + 2, "argv: [\"{{ inputs.php }}\", \"{{ inputs.root }}/bin/console\", \""
                            + (kind.endsWith("on") ? "down" : "up") + "\"]");
                    line(indent + 2, "cwd: \"{{ inputs.root }}\"");
                }
                case "backup" -> {
                    line(indent + 1, "type: file.backup");
                    line(indent + 1, "with:");
                    line(indent + 2, "source: [\"{{ inputs.root }}/config\", \"{{ inputs.root }}/data\"]");
                    line(indent + 2, "to: \"{{ inputs.backup_dir }}/files-" + from + "-{{ run.id }}.tar.gz\"");
                    if (rnd.nextBoolean()) line(indent + 2, "format: zip");
                }
                case "dump" -> {
                    line(indent + 1, "type: sql.backup");
                    line(indent + 1, "with:");
                    db(indent + 2);
                    line(indent + 2, "to: \"{{ inputs.backup_dir }}/db-" + from + "-{{ run.id }}.sql\"");
                }
                case "extract" -> {
                    line(indent + 1, "type: exec");
                    line(indent + 1, "guard:");
                    line(indent + 2, "type: file.assert");
                    line(indent + 2, "with:");
                    line(indent + 3, "path: \"{{ inputs.root }}/.extracted-" + to + "\"");
                    line(indent + 1, "with:");
                    line(indent + 2, "argv:");
                    line(indent + 3, "- tar");
                    line(indent + 3, "- \"-xzf\"");
                    line(indent + 3, "- \"{{ inputs.downloads }}/app-" + to + ".tar.gz\"");
                    line(indent + 3, "- \"-C\"");
                    line(indent + 3, "- \"{{ inputs.root }}\"");
                }
                case "migrate" -> {
                    line(indent + 1, "type: exec");
                    line(indent + 1, "when: inputs.run_migrations");
                    line(indent + 1, "timeout: 1h");
                    line(indent + 1, "on-failure: restore");
                    line(indent + 1, "with:");
                    line(indent + 2, "argv: [\"{{ inputs.php }}\", \"{{ inputs.root }}/bin/console\", \"migrate\", \"--target=" + to + "\"]");
                    line(indent + 2, "env:");
                    line(indent + 3, "APP_ENV: production");
                    line(indent + 3, "DB_PASSWORD: \"{{ inputs.db_password }}\"");
                    line(indent + 1, "verify:");
                    line(indent + 2, "type: sql.query");
                    line(indent + 2, "with:");
                    db(indent + 3);
                    line(indent + 3, "sql: SELECT version FROM schema_version");
                    line(indent + 3, "expect: \"" + to + "\"");
                }
                case "check-schema" -> {
                    line(indent + 1, "type: sql.query");
                    line(indent + 1, "with:");
                    db(indent + 2);
                    line(indent + 2, "sql: SELECT count(*) FROM migrations WHERE target = ?");
                    line(indent + 2, "params: [\"" + to + "\"]");
                }
                case "clear-cache" -> {
                    line(indent + 1, "type: file.delete");
                    line(indent + 1, "on-failure: continue");
                    line(indent + 1, "with:");
                    line(indent + 2, "path: [\"{{ inputs.root }}/cache\", \"{{ inputs.root }}/tmp/views\"]");
                    line(indent + 2, "recursive: true");
                }
                case "restart" -> {
                    line(indent + 1, "type: service");
                    line(indent + 1, "with:");
                    line(indent + 2, "name: \"{{ inputs.service }}\"");
                    line(indent + 2, "action: restart");
                }
                case "wait-up" -> {
                    line(indent + 1, "type: http.check");
                    line(indent + 1, "retries: 5");
                    line(indent + 1, "retry-delay: 10s");
                    line(indent + 1, "with:");
                    line(indent + 2, "url: \"{{ inputs.url }}\"");
                    line(indent + 2, "status: 200");
                }
                case "release-notes" -> {
                    line(indent + 1, "type: manual");
                    line(indent + 1, "with:");
                    line(indent + 2, "instruction: >-");
                    line(indent + 3, "Read the release notes of " + to + " (https://example.org/releases/" + to + ") and carry");
                    line(indent + 3, "out every manual instruction they give for upgrading from " + from + ".");
                    line(indent + 3, "{% if satisfies(" + (inHop ? "edge.to" : "run.to") + ", \">=2.0.0\") %}Check the new settings page as well.{% endif %}");
                }
                case "cleanup" -> {
                    line(indent + 1, "type: exec");
                    line(indent + 1, "on-failure: continue");
                    line(indent + 1, "with:");
                    line(indent + 2, "argv: [\"rm\", \"-f\", \"{{ inputs.downloads }}/app-" + from + ".tar.gz\"]");
                }
                default -> {
                    line(indent + 1, "type: http.check");
                    line(indent + 1, "with:");
                    line(indent + 2, "url: \"{{ inputs.url }}/health\"");
                    line(indent + 2, "body: \"ok|" + to + "\"");
                }
            }
            ids.add(id);
        }
    }

    private void review(int indent, boolean inHop, int count) {
        String to = inHop ? "{{ edge.to }}" : "{{ run.to }}";
        for (int i = 0; i < count; i++) {
            switch (i % 3) {
                case 0 -> {
                    line(indent, "- id: version-shown");
                    line(indent + 1, "title: the application reports the new version");
                    line(indent + 1, "check:");
                    line(indent + 2, "type: http.check");
                    line(indent + 2, "with:");
                    line(indent + 3, "url: \"{{ inputs.url }}/version\"");
                    line(indent + 3, "body: \"" + to + "\"");
                }
                case 1 -> {
                    line(indent, "- id: users-kept");
                    line(indent + 1, "title: no user was lost");
                    line(indent + 1, "check:");
                    line(indent + 2, "type: sql.query");
                    line(indent + 2, "with:");
                    db(indent + 3);
                    line(indent + 3, "sql: SELECT count(*) FROM users");
                    line(indent + 3, "expect: \"{{ vars.users_before }}\"");
                }
                default -> {
                    line(indent, "- id: smoke-test");
                    line(indent + 1, "title: log in and open a page");
                    line(indent + 1, "severity: advisory");
                    line(indent + 1, "manual: \"Log in to {{ inputs.url }} and open a page that " + to + " changed. Confirm that it works.\"");
                }
            }
            if (rnd.nextInt(6) == 0) line(indent + 1, "when: not inputs.run_migrations or inputs.run_migrations");
        }
    }

    private void line(int indent, String text) {
        if (!text.isEmpty()) y.append("  ".repeat(indent)).append(text);
        y.append('\n');
    }
}
