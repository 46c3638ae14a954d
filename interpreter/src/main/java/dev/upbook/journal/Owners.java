package dev.upbook.journal;

import dev.upbook.journal.Journal.Owner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** The {@link Owner} of this JVM: who holds a lock or made a decision. */
public final class Owners {
    private Owners() {}

    /** This process: {@code user.name}, the host name, the pid and the process start time (if known). */
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(System.getProperty("user.name", "unknown"), hostName(System.getenv()), self.pid(),
                self.info().startInstant().orElse(null));
    }

    /** This machine's name as locks record it: the resolver's, else {@code $HOSTNAME}, else {@code localhost}. */
    public static String hostName() {
        return hostName(System.getenv());
    }

    static String hostName(Map<String, String> env) {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) return name;
        } catch (UnknownHostException | SecurityException e) {
            // a host without a resolvable name of its own: fall back below
        }
        String fromEnv = env.get("HOSTNAME");
        return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
    }
}
