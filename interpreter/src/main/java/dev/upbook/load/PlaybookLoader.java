package dev.upbook.load;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a playbook file into the AST: YAML → node tree → records with positions. Problems are
 * added to the given {@link Diagnostics}; the result is empty when nothing usable was read.
 */
public final class PlaybookLoader {

    private PlaybookLoader() {}

    public static Optional<Playbook> load(Path file, Diagnostics diags) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > YamlDocumentReader.MAX_CODE_POINTS * 4L) {
                diags.report(Code.YAML_LIMIT, "", new SourceRef(name, 1, 1),
                        "the file has " + size + " bytes; playbooks are limited to " + YamlDocumentReader.MAX_CODE_POINTS + " characters");
                return Optional.empty();
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return load(text, name, diags);
        } catch (CharacterCodingException e) {
            diags.report(Code.IO_ERROR, "", new SourceRef(name, 1, 1), "the file is not valid UTF-8", "Save the file as UTF-8.");
        } catch (IOException e) {
            diags.report(Code.IO_ERROR, "", new SourceRef(name, 1, 1), "cannot read the file: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Loads playbook text; {@code fileName} is used in positions. */
    public static Optional<Playbook> load(String text, String fileName, Diagnostics diags) {
        NodeReader reader = new NodeReader(fileName, text, diags);
        return new YamlDocumentReader(fileName, diags).read(text).flatMap(root -> new PlaybookReader(reader).playbook(root));
    }
}
