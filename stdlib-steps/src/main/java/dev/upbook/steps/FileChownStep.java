package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ProcessRunner;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code file.chown}: Sets owner and group, optionally recursively.
 *
 * <p>Without {@code group} the owner's primary group is used (from {@code id -gn}, so NSS users count).
 * A path given that is a symbolic link is followed; links met while recursing get the owner
 * themselves (lchown), their targets are never touched. Only paths whose owner or group differs are
 * changed; when none does: "already up to date". Changing the owner needs root (or CAP_CHOWN); the
 * step fails naming the path otherwise.
 */
@StepDefinition(name = "file.chown", uses = Use.STEP,
        summary = "Sets owner and group, optionally recursively.",
        idempotency = "Done when every path already has the owner and group.",
        idempotent = true,
        registers = "`{changed, unchanged}`: the numbers of paths changed and already right.")
public final class FileChownStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "Files or directories.", required = true, acceptsSingle = true,
                    example = "[\"/srv/ixpmanager/storage\", \"/srv/ixpmanager/bootstrap/cache\"]") List<String> path,
            @Param(value = "User name.", example = "\"www-data\"") String owner,
            @Param(value = "Group name.", whenAbsent = "the user's group") Optional<String> group,
            @Param(value = "Apply below directories too.", defaultValue = "false") boolean recursive) {}

    public FileChownStep() {
        super(FileChownStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileChownStepBinding.bind(context.parameters());
        String ownerName = p.owner().strip();
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner;
        try {
            owner = lookup.lookupPrincipalByName(ownerName);
        } catch (UserPrincipalNotFoundException e) {
            return StepResult.failed("user '" + ownerName + "' does not exist");
        }
        Optional<String> groupName = p.group().map(String::strip).filter(g -> !g.isEmpty());
        if (groupName.isEmpty()) groupName = primaryGroup(ownerName, context);
        if (groupName.isEmpty()) return StepResult.failed("could not find the primary group of '" + ownerName + "'; give group explicitly");
        GroupPrincipal group;
        try {
            group = lookup.lookupPrincipalByGroupName(groupName.get());
        } catch (UserPrincipalNotFoundException e) {
            return StepResult.failed("group '" + groupName.get() + "' does not exist");
        }
        List<Path> paths = new ArrayList<>();
        for (String s : p.path()) {
            Path path = context.workingDirectory().resolve(s).toAbsolutePath().normalize();
            if (!Files.exists(path)) return StepResult.failed(path + " does not exist");
            paths.add(path.toRealPath());
        }
        long[] counts = {0, 0};
        boolean recursive = p.recursive();
        for (Path path : paths) {
            if (!recursive) {
                apply(path, owner, group, counts);
                continue;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    apply(dir, owner, group, counts);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    apply(file, owner, group, counts);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        String who = ownerName + ":" + groupName.get();
        Map<String, Object> value = Map.of("changed", counts[0], "unchanged", counts[1]);
        if (counts[0] == 0) return StepResult.succeeded("already up to date: " + counts[1] + " paths owned by " + who, "", value);
        return StepResult.succeeded("owner " + who + " set on " + counts[0] + " paths (" + counts[1] + " already had it)", "", value);
    }

    /** Sets owner and group of the path itself (a link is not followed). */
    private static void apply(Path path, UserPrincipal owner, GroupPrincipal group, long[] counts) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        if (now.owner().equals(owner) && now.group().equals(group)) {
            counts[1]++;
            return;
        }
        if (!now.owner().equals(owner)) view.setOwner(owner);
        if (!now.group().equals(group)) view.setGroup(group);
        counts[0]++;
    }

    private static Optional<String> primaryGroup(String user, StepContext context) throws IOException {
        ProcessRunner.Outcome outcome = ProcessRunner.run(new ProcessRunner.Request(List.of("id", "-gn", "--", user),
                Map.of("LC_ALL", "C"), context.workingDirectory(), null, Duration.ofSeconds(10), 4096), context);
        String name = outcome.stdout().text().strip();
        return outcome.exitCode() == 0 && !name.isEmpty() ? Optional.of(name) : Optional.empty();
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileChownStepBinding.bind(parameters);
        return "file.chown: " + p.owner() + p.group().map(g -> ":" + g).orElse("") + " on " + String.join(", ", p.path())
                + (p.recursive() ? " (recursive)" : "");
    }
}
