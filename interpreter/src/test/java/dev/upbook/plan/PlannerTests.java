package dev.upbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.resolve.Explanation;
import dev.upbook.resolve.PlaybookFixture;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTests {

    static final String IXP = """
            upbook: 1
            product: {name: ixpmanager, title: IXP Manager}
            versions:
              releases: [6.0.0, 6.0.1, 6.0.2, 6.1.0, 6.1.1, 6.2.0, 6.2.1, 6.2.2, 6.2.3]
              required-stops:
                - {version: 6.1.0, reason: 6.1 moves sessions into the database}
            preconditions:
              - id: php-version
                title: PHP 8.0 or later
                check: {type: exec, with: {argv: [php, -r, "exit(PHP_VERSION_ID >= 80000 ? 0 : 1);"]}}
                message: Upgrade PHP first.
            pre:
              - {id: maintenance-on, type: exec, title: Enter maintenance mode, with: {argv: [php, artisan, down]}}
              - {id: backup-db, type: db.backup, title: Back up the database, with: {database: ixp}}
            rules:
              - id: minor-sequence
                sequence: minor
                notes: ["Read the release notes of {{ edge.to }}"]
                steps:
                  - {id: migrate, type: exec, title: Run the migrations, after: [composer], with: {argv: [php, artisan, migrate, --force]}}
                  - {id: composer, type: exec, title: Install dependencies, with: {argv: [composer, install, --no-dev]}}
                review:
                  - {id: footer-version, manual: "The footer shows {{ edge.to }}", severity: advisory}
            edges:
              - from: 6.1.x
                to: 6.2.0
                title: 6.2 schema
                irreversible: true
                reason: drops the legacy RIR tables
                breaking: [The v1 API is removed]
                preconditions:
                  - id: api-clients
                    title: No client uses the v1 API
                    check: {type: exec, with: {argv: [grep, -c, /api/v1, /var/log/access.log]}}
                steps:
                  - {id: migrate, type: exec, title: Run the 6.2 migrations, with: {argv: [php, artisan, migrate, --force]}}
            post:
              - {id: maintenance-off, type: exec, title: Leave maintenance mode, with: {argv: [php, artisan, up]}}
            review:
              - {id: login, title: The login page loads, check: {type: http.check, with: {url: "https://ixp.example/login"}}}
            """;

    static Plan plan(PlaybookFixture f, String from, String to) {
        VersionGraph graph = f.graph();
        Resolution r = new Resolver(graph).resolve(f.v(from), f.v(to));
        return Planner.plan(f.playbook(), graph, r.found().orElseThrow(() -> new AssertionError(r.message())));
    }

    @Test
    void stepInstancesRunPreThenEachHopThenPostThenReview() {
        Plan plan = plan(PlaybookFixture.of(IXP), "6.0.2", "6.2.3");
        assertEquals(List.of(
                "pre/maintenance-on", "pre/backup-db",
                "6.0.2..6.1.0/composer", "6.0.2..6.1.0/migrate",
                "6.1.0..6.2.0/migrate",
                "6.2.0..6.2.3/composer", "6.2.0..6.2.3/migrate",
                "post/maintenance-off",
                "review/6.0.2..6.1.0/footer-version", "review/6.2.0..6.2.3/footer-version",
                "review/login"),
                plan.steps().stream().map(StepInstance::id).collect(Collectors.toList()));
        assertEquals(List.of("php-version", "6.1.0..6.2.0/api-clients"),
                plan.preconditions().stream().map(PlanPrecondition::id).collect(Collectors.toList()));
        assertEquals(1, plan.irreversibleHops().size());
        assertEquals(Phase.HOP, plan.steps().get(2).phase());
        assertEquals("6.0.2..6.1.0", plan.steps().get(2).hop().orElseThrow().id());
    }

    @Test
    void textPlanForOperators() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Plan plan = plan(f, "6.0.2", "6.2.3");
        String text = PlanPrinter.text(plan, false, null).replace(plan.hash().substring(0, PlanPrinter.HASH_PREFIX), "<hash>");
        assertEquals("""
                Plan for IXP Manager (ixpmanager): 6.0.2 → 6.2.3
                  path:  6.0.2 → 6.1.0 → 6.2.0 → 6.2.3 (3 hops, 1 irreversible)
                  steps: 8, review items: 3
                  hash:  <hash>

                Hops
                  1. 6.0.2 → 6.1.0   via rule minor-sequence
                       note: Read the release notes of {{ edge.to }}
                  2. 6.1.0 → 6.2.0   via edges[0] "6.2 schema"
                       ! IRREVERSIBLE: drops the legacy RIR tables (the run stops for confirmation unless --yes)
                       breaking: The v1 API is removed
                  3. 6.2.0 → 6.2.3   via rule minor-sequence
                       note: Read the release notes of {{ edge.to }}

                Preconditions (all checked before the first step)
                  - php-version: PHP 8.0 or later
                  - 6.1.0..6.2.0/api-clients: No client uses the v1 API

                Steps
                    1. pre/maintenance-on                  Enter maintenance mode  [exec]
                    2. pre/backup-db                       Back up the database  [db.backup]
                    3. 6.0.2..6.1.0/composer               Install dependencies  [exec]
                    4. 6.0.2..6.1.0/migrate                Run the migrations  [exec]
                    5. 6.1.0..6.2.0/migrate                Run the 6.2 migrations  [exec]
                    6. 6.2.0..6.2.3/composer               Install dependencies  [exec]
                    7. 6.2.0..6.2.3/migrate                Run the migrations  [exec]
                    8. post/maintenance-off                Leave maintenance mode  [exec]

                Review (a hop's items after the hop, the others after the last step)
                    9. review/6.0.2..6.1.0/footer-version  footer-version  [manual] (advisory)
                   10. review/6.2.0..6.2.3/footer-version  footer-version  [manual] (advisory)
                   11. review/login                        The login page loads  [http.check]
                """, text);
    }

    @Test
    void explainedPlanSaysWhyEachHopWasTaken() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Plan plan = plan(f, "6.0.0", "6.2.3");
        Explanation e = new Resolver(f.graph()).explain(f.v("6.0.0"), f.v("6.2.3"));
        String text = PlanPrinter.text(plan, true, e);
        String why = text.substring(text.indexOf("Why this path"));
        assertEquals("""
                Why this path
                  at 6.0.0: took 6.0.0 → 6.1.0 (rule minor-sequence), 3 hops to the target, 1 irreversible
                      not 6.0.0 → 6.0.2 (rule minor-sequence): longer: 4 hops instead of 3
                  at 6.1.0: took 6.1.0 → 6.2.0 (edges[0]), 2 hops to the target, 1 irreversible
                      not 6.1.0 → 6.1.1 (rule minor-sequence): longer: 3 hops instead of 2
                      not 6.1.0 → 6.2.0 (rule minor-sequence): same hop as edges[0] (explicit edges come before rules)
                  at 6.2.0: took 6.2.0 → 6.2.3 (rule minor-sequence), 1 hop to the target
                """, why);
    }

    @Test
    void jsonPlanForTools() throws Exception {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Plan plan = plan(f, "6.0.2", "6.2.3");
        Explanation e = new Resolver(f.graph()).explain(f.v("6.0.2"), f.v("6.2.3"));
        JsonNode json = new ObjectMapper().readTree(PlanPrinter.json(plan, true, e));
        assertEquals(plan.hash(), json.get("hash").asText());
        assertEquals("[\"6.0.2\",\"6.1.0\",\"6.2.0\",\"6.2.3\"]", json.get("path").toString());
        assertEquals("drops the legacy RIR tables", json.get("hops").get(1).get("reason").asText());
        assertEquals("rules[0]", json.get("hops").get(0).get("origin").get("path").asText());
        JsonNode migrate = json.get("steps").get(3);
        assertEquals("6.0.2..6.1.0/migrate", migrate.get("id").asText());
        assertEquals("[\"php\",\"artisan\",\"migrate\",\"--force\"]", migrate.get("with").get("argv").toString());
        assertEquals("fixture.playbook.yaml:20:9", migrate.get("at").asText());
        assertEquals("longer", json.get("explanation").get("choices").get(1).get("rejected").get(0).get("why").asText());
    }

    @Test
    void alreadyAtTheTarget() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Plan plan = plan(f, "6.2.3", "6.2.3");
        assertTrue(plan.alreadyThere());
        String text = PlanPrinter.text(plan, false, null);
        assertTrue(text.endsWith("\nAlready at 6.2.3; nothing to do.\n"), text);
    }

    @Test
    void theHashIgnoresFormattingAndTitlesButNotWhatRuns() {
        Plan original = plan(PlaybookFixture.of(IXP), "6.0.2", "6.2.3");
        String reformatted = IXP.replace("product: {name: ixpmanager, title: IXP Manager}",
                        "# a comment\nproduct:\n  name: ixpmanager\n  title: The IXP Manager")
                .replace("title: Run the migrations,", "title: Migrate the database,");
        assertEquals(original.hash(), plan(PlaybookFixture.of(reformatted), "6.0.2", "6.2.3").hash());
        String changed = IXP.replace("[composer, install, --no-dev]", "[composer, install]");
        assertNotEquals(original.hash(), plan(PlaybookFixture.of(changed), "6.0.2", "6.2.3").hash());
        assertEquals(64, original.hash().length());
    }

    @Test
    void aStartTypedDifferentlyFromItsReleaseIsShownAsTheReleaseIsWritten() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Resolution r = new Resolver(f.graph()).resolve(f.v("v6.0.2"), f.v("v6.2.3"));
        assertEquals("6.0.2 → 6.1.0 → 6.2.0 → 6.2.3 (3 hops, 1 irreversible)", r.message());
        Plan plan = plan(f, "v6.0.2", "v6.2.3");
        String text = PlanPrinter.text(plan, false, null);
        assertTrue(text.startsWith("Plan for IXP Manager (ixpmanager): 6.0.2 → 6.2.3\n"
                + "  path:  6.0.2 → 6.1.0 → 6.2.0 → 6.2.3 (3 hops, 1 irreversible)\n"), text);
        assertEquals(plan(f, "6.0.2", "6.2.3").hash(), plan.hash());
    }

    @Test
    void planningAPlaybookWhoseStepsCannotBeOrderedFailsLoudly() {
        PlaybookFixture f = PlaybookFixture.of(IXP.replace("after: [composer]", "after: [compose]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(f, "6.0.2", "6.1.0"));
        assertTrue(e.getMessage().contains("error[UNKNOWN_REFERENCE]: step 'migrate' runs after 'compose'"), e.getMessage());
    }
}
