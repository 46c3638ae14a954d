package dev.upbook.lint;

import dev.upbook.load.PlaybookLoader;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.spi.StepTypes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the front end on one playbook file: load, validate, check templates, check the version
 * graph and the step order. Pure: reads the file, changes nothing.
 */
public final class PlaybookCompiler {
    private final StepTypes types;

    public PlaybookCompiler(StepTypes types) {
        this.types = types;
    }

    public static PlaybookCompiler standard() {
        return new PlaybookCompiler(StepTypes.load(PlaybookCompiler.class.getClassLoader()));
    }

    public StepTypes stepTypes() {
        return types;
    }

    public Compilation compile(Path file) {
        Diagnostics diags = new Diagnostics();
        Optional<Playbook> playbook = PlaybookLoader.load(file, diags);
        playbook.ifPresent(p -> check(p, diags));
        return new Compilation(playbook, diags.sorted());
    }

    public Compilation compile(String text, String fileName) {
        Diagnostics diags = new Diagnostics();
        Optional<Playbook> playbook = PlaybookLoader.load(text, fileName, diags);
        playbook.ifPresent(p -> check(p, diags));
        return new Compilation(playbook, diags.sorted());
    }

    private void check(Playbook playbook, Diagnostics diags) {
        new Validator(types, diags).validate(playbook);
    }
}
