package com.example.upbook;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code example.stamp}: writes a stamp file.
 *
 * <p>Writes {@code text} followed by {@code copies} lines of {@code mark} into {@code file}; as a
 * check, passes when the file holds exactly that.
 */
@StepDefinition(name = "example.stamp", uses = {Use.STEP, Use.CHECK},
        summary = "Writes a stamp file (a third-party step type).",
        idempotency = "Done when the file already holds the stamp.",
        idempotent = true,
        registers = "`{file, bytes}`")
public final class StampStep implements StepType {

    public record With(
            @Param(value = "The file to write.", example = "\"stamp.txt\"") String file,
            @Param(value = "The first line.", example = "\"upgraded\"") String text,
            @Param(value = "How many mark lines follow.", defaultValue = "1") long copies,
            @Param(value = "The mark.", oneOf = {"x", "o"}, defaultValue = "x") String mark,
            @Param("Lines of several marks that follow, by width.") List<Long> widths) {}

    @Override public String name() { return StampStepBinding.DECLARATION.name(); }
    @Override public String summary() { return StampStepBinding.DECLARATION.summary(); }
    @Override public java.util.Set<Use> uses() { return StampStepBinding.DECLARATION.uses(); }
    @Override public List<dev.upbook.spec.model.KeySpec> parameters() { return StampStepBinding.DECLARATION.parameters(); }
    @Override public String idempotency() { return StampStepBinding.DECLARATION.idempotency(); }
    @Override public boolean idempotent() { return StampStepBinding.DECLARATION.idempotent(); }
    @Override public String registers() { return StampStepBinding.DECLARATION.registers(); }
    @Override public boolean canRun(Use use) { return true; }

    @Override
    public StepResult run(StepContext context) throws Exception {
        With p = StampStepBinding.bind(context.parameters());
        Path file = context.workingDirectory().resolve(p.file());
        String content = stamp(p);
        if (Files.exists(file) && Files.readString(file).equals(content)) {
            return StepResult.succeeded("already stamped: " + file, "", Map.of("file", file.toString(), "bytes", (long) content.length()));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return StepResult.succeeded("stamped " + file, "", Map.of("file", file.toString(), "bytes", (long) content.length()));
    }

    @Override
    public CheckResult check(StepContext context) throws Exception {
        With p = StampStepBinding.bind(context.parameters());
        Path file = context.workingDirectory().resolve(p.file());
        boolean stamped = Files.exists(file) && Files.readString(file).equals(stamp(p));
        return stamped ? CheckResult.pass(file + " is stamped", null) : CheckResult.fail(file + " is not stamped", null);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = StampStepBinding.bind(parameters);
        return "example.stamp: write '" + p.text() + "' and " + p.copies() + " × " + p.mark() + " into " + p.file();
    }

    private static String stamp(With p) {
        StringBuilder sb = new StringBuilder(p.text()).append('\n').append((p.mark() + "\n").repeat((int) p.copies()));
        p.widths().forEach(w -> sb.append(p.mark().repeat(w.intValue())).append('\n'));
        return sb.toString();
    }

}
