package dev.upbook.load;

import dev.upbook.spec.Durations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookLoaderTests {

    private static Playbook loadValid() throws Exception {
        Diagnostics diags = new Diagnostics();
        Path file = Path.of(PlaybookLoaderTests.class.getResource("/valid/full.playbook.yaml").toURI());
        Playbook p = PlaybookLoader.load(file, diags).orElseThrow();
        assertFalse(diags.hasErrors(), () -> diags.sorted().toString());
        return p;
    }

    @Test
    void everyNodeCarriesItsPosition() throws Exception {
        Playbook p = loadValid();
        assertEquals(8, p.versions().at().line(), "versions mapping starts on line 8");
        assertEquals("1.0.0", p.versions().releases().get(0).value());
        assertEquals(new SourceRef(p.file(), 9, 14), p.versions().releases().get(0).at());
        Step migrate = p.rules().get(0).hop().steps().get(0);
        assertEquals("migrate", migrate.id().value());
        assertEquals(56, migrate.id().at().line());
        assertEquals(13, migrate.id().at().column());
    }

    @Test
    void keysAreMappedToTypedFields() throws Exception {
        Playbook p = loadValid();
        assertEquals("demo-app", p.product().name().value());
        assertEquals("Demo App", p.product().title());
        assertEquals("semver", p.versions().scheme().value());
        assertEquals("1.1.0", p.versions().requiredStops().get(0).version().value());
        assertTrue(p.inputs().get("db_password").secret());
        assertEquals("APP_DB_PASSWORD", p.inputs().get("db_password").env().orElseThrow());
        assertFalse(p.inputs().get("db_password").required() && p.inputs().get("root").required());
        Rule rule = p.rules().get(0);
        assertEquals(Rule.Sequence.MINOR, rule.sequence());
        assertTrue(rule.latestPatch());
        Step migrate = rule.hop().steps().get(0);
        assertEquals(Duration.ofMinutes(10), migrate.timeout().orElseThrow());
        assertEquals(Duration.ofSeconds(30), migrate.retryDelay());
        assertEquals(2, migrate.retries());
        assertTrue(migrate.idempotent());
        Step convert = p.edges().get(0).hop().steps().get(1);
        assertEquals(List.of("offline"), convert.after().stream().map(t -> t.value()).toList());
        assertEquals("rollback", convert.onFailure().value());
        assertTrue(p.edges().get(0).hop().irreversible());
        assertEquals(List.of("The REST API v1 is removed."), p.edges().get(0).hop().breaking());
    }

    @Test
    void stepParametersKeepTheirShapeAndQuoting() throws Exception {
        Playbook p = loadValid();
        Value.Mapping with = p.edges().get(0).hop().steps().get(0).with();
        Value.Scalar mode = (Value.Scalar) with.entries().get("mode");
        assertEquals("on", mode.text());
        assertFalse(mode.plain(), "quoted 'on' stays a string, not YAML 1.1's boolean");
        Value.Sequence command = (Value.Sequence) with.entries().get("command");
        assertEquals(2, command.items().size());
    }

    @Test
    void unknownKeysGetDidYouMean() {
        Diagnostics diags = new Diagnostics();
        PlaybookLoader.load("upbook: 1\nproduct: { name: x }\nversions: { releases: [1.0.0] }\nedgse: []\n", "t.yaml", diags);
        Diagnostic d = diags.sorted().get(0);
        assertEquals(Code.UNKNOWN_KEY, d.code());
        assertEquals(new SourceRef("t.yaml", 4, 1), d.at());
        assertEquals("did you mean 'edges'?", d.hint());
        assertEquals("t.yaml:4:1: error[UNKNOWN_KEY]: unknown key 'edgse' in playbook (at edgse)" + System.lineSeparator()
                + "  hint: did you mean 'edges'?", d.format());
    }

    @Test
    void aRootThatIsNotAMappingIsOneClearError() {
        Diagnostics diags = new Diagnostics();
        assertTrue(PlaybookLoader.load("- just\n- a list\n", "t.yaml", diags).isEmpty());
        assertEquals(1, diags.size());
        assertEquals(Code.WRONG_TYPE, diags.sorted().get(0).code());
    }

    @Test
    void anEmptyFileIsReportedNotThrown() {
        Diagnostics diags = new Diagnostics();
        assertTrue(PlaybookLoader.load("", "t.yaml", diags).isEmpty());
        assertEquals(Code.MISSING_KEY, diags.sorted().get(0).code());
    }

    @Test
    void deepNestingHitsTheLimit() {
        String deep = "upbook: 1\nx: " + "[".repeat(200) + "]".repeat(200) + "\n";
        Diagnostics diags = new Diagnostics();
        assertTrue(PlaybookLoader.load(deep, "t.yaml", diags).isEmpty());
        assertEquals(Code.YAML_LIMIT, diags.sorted().get(0).code());
    }

    @Test
    void durationsParseAndFormatCanonically() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m").orElseThrow());
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1s500ms").orElseThrow());
        assertTrue(Durations.parse("10 minutes").isEmpty());
        assertTrue(Durations.parse("").isEmpty());
        assertTrue(Durations.parse("99999999999999999999d").isEmpty());
    }

    @Test
    void mergeKeysShareStepFieldsAndExplicitKeysWin() {
        String text = String.join("\n",
                "upbook: 1",
                "product: { name: demo }",
                "versions: { releases: [1.0.0, 1.1.0, 1.2.0] }",
                "x-defaults: &artisan { type: exec, idempotent: true, timeout: 5m }",
                "edges:",
                "  - from: 1.0.0",
                "    to: 1.1.0",
                "    steps:",
                "      - { <<: *artisan, id: migrate, with: { argv: [php, artisan, migrate] } }",
                "      - { <<: *artisan, id: down, timeout: 1m, with: { argv: [php, artisan, down] } }",
                "");
        Diagnostics diags = new Diagnostics();
        Playbook p = PlaybookLoader.load(text, "t.yaml", diags).orElseThrow();
        // x-defaults is not a key of the language: only the unknown key is reported, not the merges
        assertEquals(List.of(Code.UNKNOWN_KEY), diags.sorted().stream().map(Diagnostic::code).toList());
        Step migrate = p.edges().get(0).hop().steps().get(0);
        assertEquals("exec", migrate.type().value());
        assertTrue(migrate.idempotent());
        assertEquals(Duration.ofMinutes(5), migrate.timeout().orElseThrow());
        assertEquals(Duration.ofMinutes(1), p.edges().get(0).hop().steps().get(1).timeout().orElseThrow());
    }
}
