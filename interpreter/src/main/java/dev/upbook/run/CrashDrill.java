package dev.upbook.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * A crash drill: {@code UPBOOK_CRASH_AT=POINT:N} makes upbook halt (as {@code kill -9} would: no
 * clean-up, no shutdown hooks, exit status 137) the N-th time this process reaches POINT of a step.
 * POINT is {@code before-start} (nothing journaled for the step yet), {@code after-start} (journaled
 * as started, not yet run), {@code after-run} (its work done, its end not journaled: the step is in
 * doubt) or {@code after-finish} (its end journaled: a step boundary). Authors use it to prove in a
 * sandbox that every step of a playbook survives a crash at every point; a resume then continues.
 */
public final class CrashDrill implements Executor.Hooks {
    /** The environment variable that arms a drill. */
    public static final String VARIABLE = "UPBOOK_CRASH_AT";
    /** The exit status of a process ended by SIGKILL, which a drill imitates. */
    public static final int EXIT_STATUS = 137;

    private final Executor.Point point;
    private final int nth;
    private final PrintStream err;
    private int seen;

    private CrashDrill(Executor.Point point, int nth, PrintStream err) {
        this.point = point;
        this.nth = nth;
        this.err = err;
    }

    /**
     * The drill {@code spec} arms ({@code POINT:N}), or empty when it is null or blank.
     *
     * @throws IllegalArgumentException when {@code spec} is not {@code POINT:N}
     */
    public static Optional<CrashDrill> parse(String spec, PrintStream err) {
        if (spec == null || spec.isBlank()) return Optional.empty();
        String[] parts = spec.trim().split(":", -1);
        Executor.Point point = null;
        if (parts.length == 2) {
            for (Executor.Point p : Executor.Point.values()) {
                if (p.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(parts[0])) point = p;
            }
        }
        int nth = parts.length == 2 && parts[1].matches("[1-9][0-9]{0,8}") ? Integer.parseInt(parts[1]) : 0;
        if (point == null || nth == 0) {
            throw new IllegalArgumentException(VARIABLE + "=" + spec + ": expected POINT:N, POINT one of before-start, after-start,"
                    + " after-run, after-finish and N a count from 1, e.g. after-finish:3");
        }
        return Optional.of(new CrashDrill(point, nth, err));
    }

    @Override
    public void at(Executor.Point at, String instanceId) {
        if (at != point || ++seen < nth) return;
        err.println("upbook: crash drill (" + VARIABLE + "): halting at " + at.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " of " + instanceId);
        err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
