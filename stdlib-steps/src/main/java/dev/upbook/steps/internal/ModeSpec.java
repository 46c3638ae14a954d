package dev.upbook.steps.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chmod mode: octal ({@code 0755}, {@code 640}) or symbolic ({@code ug+rwX}, {@code u=rw,go=r},
 * {@code a-x}), applied to a path's permission bits. Without a who-part a symbolic clause applies to
 * all (the umask is not consulted, unlike chmod(1)). {@code X} grants execute to directories and to
 * files that already have an execute bit. Setuid, setgid and sticky bits are refused.
 */
public final class ModeSpec {
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)((?:[-+=][rwxX]*)+)");
    private static final Pattern ACTION = Pattern.compile("([-+=])([rwxX]*)");

    private record Action(char op, String perms) {}

    private record Clause(int who, List<Action> actions) {}

    private final String text;
    private final Integer octal;
    private final List<Clause> clauses;

    private ModeSpec(String text, Integer octal, List<Clause> clauses) {
        this.text = text;
        this.octal = octal;
        this.clauses = clauses;
    }

    /** The parsed mode, or empty with nothing to say when it is malformed (the caller names the parameter). */
    public static Optional<ModeSpec> parse(String text) {
        String t = text.strip();
        if (OCTAL.matcher(t).matches()) return Optional.of(new ModeSpec(t, Integer.parseInt(t, 8), List.of()));
        List<Clause> clauses = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) return Optional.empty();
            int who = 0;
            for (char c : (m.group(1).isEmpty() ? "a" : m.group(1)).toCharArray()) {
                who |= switch (c) {
                    case 'u' -> 0700;
                    case 'g' -> 0070;
                    case 'o' -> 0007;
                    default -> 0777;
                };
            }
            List<Action> actions = new ArrayList<>();
            Matcher a = ACTION.matcher(m.group(2));
            while (a.find()) actions.add(new Action(a.group(1).charAt(0), a.group(2)));
            clauses.add(new Clause(who, actions));
        }
        return Optional.of(new ModeSpec(t, null, clauses));
    }

    public String text() {
        return text;
    }

    /** The new permission bits of a path that has {@code current} now. */
    public int apply(int current, boolean directory) {
        if (octal != null) return octal;
        int mode = current & 0777;
        for (Clause clause : clauses) {
            for (Action action : clause.actions()) {
                int bits = 0;
                for (char p : action.perms().toCharArray()) {
                    bits |= switch (p) {
                        case 'r' -> 0444;
                        case 'w' -> 0222;
                        case 'x' -> 0111;
                        default -> directory || (mode & 0111) != 0 ? 0111 : 0;
                    };
                }
                bits &= clause.who();
                mode = switch (action.op()) {
                    case '+' -> mode | bits;
                    case '-' -> mode & ~bits;
                    default -> (mode & ~clause.who()) | bits;
                };
            }
        }
        return mode;
    }
}
