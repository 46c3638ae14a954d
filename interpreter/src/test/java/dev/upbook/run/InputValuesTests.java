package dev.upbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputValuesTests {
    static final String PLAYBOOK = """
            upbook: 1
            product: { name: app }
            versions:
              releases: [1.0.0, 1.1.0]
            inputs:
              root: { type: path, default: /srv/app }
              workers: { type: int, default: 2 }
              verbose: { type: bool, default: false }
              site: { type: url, required: false }
              db_password: { secret: true, env: APP_DB_PASSWORD, file: db-password.txt }
            edges:
              - { from: 1.0.0, to: 1.1.0 }
            """;

    @TempDir
    Path dir;

    private InputValues resolve(Map<String, String> vars, Path varsFile, Map<String, String> env) {
        try (Harness h = new Harness(dir)) {
            h.playbook(PLAYBOOK);
            return InputValues.resolve(h.book().inputs(), vars, varsFile, Map.of(), env::get, dir);
        }
    }

    @Test
    void varBeatsVarsFileBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Files.writeString(dir.resolve("db-password.txt"), "from-file-secret\n");
        Path varsFile = Files.writeString(dir.resolve("vars.yaml"), "workers: 8\nroot: /from/vars-file\n");
        InputValues v = resolve(Map.of("root", "/from/var"), varsFile, Map.of());
        assertEquals("/from/var", v.values().get("root"));
        assertEquals(8L, v.values().get("workers"));
        assertEquals(false, v.values().get("verbose"));
        assertEquals("from-file-secret", v.values().get("db_password"), "a file's content is trimmed");
        assertFalse(v.values().containsKey("site"), "an optional input without a value is absent");
        assertEquals("$APP_DB_PASSWORD", resolve(Map.of(), null, Map.of("APP_DB_PASSWORD", "from-env-secret"))
                .origins().get("db_password"));
    }

    @Test
    void secretsAreMaskedAndNeverKeptForResume() throws Exception {
        InputValues v = resolve(Map.of(), null, Map.of("APP_DB_PASSWORD", "hunter2-secret"));
        assertEquals("password ****** ok", v.masker().mask("password hunter2-secret ok"));
        assertFalse(v.nonSecret().containsKey("db_password"));
        assertTrue(v.nonSecret().containsKey("root"));
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutShowingASecret() throws Exception {
        Path varsFile = Files.writeString(dir.resolve("vars.yaml"), "wrokers: 3\n");
        RunProblem p = assertThrows(RunProblem.class,
                () -> resolve(Map.of("workers", "many", "verbose", "perhaps", "site", "not a url"), varsFile, Map.of()));
        String m = p.getMessage();
        assertTrue(m.contains("did you mean 'workers'?"), m);
        assertTrue(m.contains("input 'workers' (from --var) must be an integer, not 'many'"), m);
        assertTrue(m.contains("input 'verbose' (from --var) must be true or false"), m);
        assertTrue(m.contains("input 'site' (from --var) must be a URL"), m);
        assertTrue(m.contains("input 'db_password' has no value; give --var db_password=VALUE, the environment variable "
                + "APP_DB_PASSWORD, the file db-password.txt or a --vars-file entry"), m);
        assertEquals(Outcome.Kind.USAGE, p.kind());
    }

    @Test
    void aVarsFileThatIsNotAMappingIsAnError() throws Exception {
        Path varsFile = Files.writeString(dir.resolve("vars.yaml"), "- a\n- b\n");
        RunProblem p = assertThrows(RunProblem.class, () -> resolve(Map.of(), varsFile, Map.of("APP_DB_PASSWORD", "x-secret")));
        assertTrue(p.getMessage().contains("must be a mapping of input names to values"), p.getMessage());
    }
}
