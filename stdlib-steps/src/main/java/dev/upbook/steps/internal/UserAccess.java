package dev.upbook.steps.internal;

import dev.upbook.spec.spi.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a user other than the current one may read or write a path, without sudo: the user's
 * numeric ids come from {@code id(1)} (so NSS users such as LDAP count), and the path's POSIX
 * owner, group and mode bits are evaluated for them the way the kernel does, including search
 * permission on every directory above the path. Not covered: ACLs, capabilities other than
 * root's, and mount options other than read-only. Like {@code test -r}/{@code test -w}, a directory
 * needs only the read or write bit.
 */
public final class UserAccess {
    private static final Duration ID_TIMEOUT = Duration.ofSeconds(10);
    private static final int READ = 4, WRITE = 2, SEARCH = 1;

    /** What is asked of the path. */
    public enum Access {
        READ("read"), WRITE("write");

        private final String verb;

        Access(String verb) {
            this.verb = verb;
        }
    }

    /** A user's numeric identity. */
    public record Identity(String name, int uid, Set<Integer> groups) {
        public Identity {
            groups = Set.copyOf(groups);
        }
    }

    private UserAccess() {}

    /** The identity of {@code user}, or empty when there is no such user. */
    public static Optional<Identity> lookup(String user, StepContext context) throws IOException {
        String uid = id(List.of("id", "-u", "--", user), context);
        String groups = id(List.of("id", "-G", "--", user), context);
        if (uid == null || groups == null) return Optional.empty();
        Set<Integer> gids = Arrays.stream(groups.strip().split("\\s+")).map(Integer::valueOf).collect(Collectors.toSet());
        return Optional.of(new Identity(user, Integer.parseInt(uid.strip()), gids));
    }

    private static String id(List<String> argv, StepContext context) throws IOException {
        ProcessRunner.Outcome outcome = ProcessRunner.run(
                new ProcessRunner.Request(argv, Map.of("LC_ALL", "C"), context.workingDirectory(), null, ID_TIMEOUT, 4096), context);
        return outcome.exitCode() == 0 ? outcome.stdout().text() : null;
    }

    /** Why {@code who} may not access {@code path} as asked; empty when they may. The path must exist. */
    public static Optional<String> denied(Path path, Identity who, Access access) throws IOException {
        Path real = path.toRealPath();
        if (who.uid() == 0) {
            boolean readOnly = access == Access.WRITE && Files.getFileStore(real).isReadOnly();
            return readOnly ? Optional.of("the file system is read-only") : Optional.empty();
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            if (!allows(dir, who, SEARCH)) return Optional.of("no search (x) permission on " + dir);
        }
        int bit = access == Access.READ ? READ : WRITE;
        if (!allows(real, who, bit)) return Optional.of("no " + access.verb + " permission on " + real + " (" + describe(real) + ")");
        return Optional.empty();
    }

    /** Whether the permission class that applies to {@code who} (owner, group or other) has {@code bit}. */
    private static boolean allows(Path path, Identity who, int bit) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        int shift;
        if ((Integer) Files.getAttribute(path, "unix:uid") == who.uid()) shift = 6;
        else if (who.groups().contains((Integer) Files.getAttribute(path, "unix:gid"))) shift = 3;
        else shift = 0;
        return ((mode >> shift) & bit) != 0;
    }

    private static String describe(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        int mode = (Integer) Files.getAttribute(path, "unix:mode") & 07777;
        return String.format("owner %s, group %s, mode %04o", attributes.owner().getName(), attributes.group().getName(), mode);
    }
}
