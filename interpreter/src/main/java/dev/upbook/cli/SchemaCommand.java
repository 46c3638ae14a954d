package dev.upbook.cli;

import dev.upbook.plugin.PluginPath;
import dev.upbook.schema.JsonSchemaGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook schema}: the JSON Schema of playbooks, for editor completion and validation. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the JSON Schema of playbook files.",
            "It covers the parameters of every installed step type. Point your editor's YAML support at it"
                    + " for completion and validation."
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the schema to FILE.")
    Path output;

    @Override
    public Integer call() {
        String schema = JsonSchemaGenerator.generate(PluginPath.stepTypes());
        String document = schema.endsWith("\n") ? schema : schema + "\n";
        Output.write(output, spec.commandLine().getOut(), out -> out.write(document));
        return ExitCode.OK.code();
    }
}
