package dev.upbook.plan;

import dev.upbook.resolve.GraphHop;
import dev.upbook.resolve.HopOrigin;
import dev.upbook.spec.version.Version;
import java.util.List;

/**
 * One hop of a plan, with what operators must know before it runs.
 *
 * @param index the hop's position on the path, from 0
 * @param reason why the hop is irreversible, or an empty string
 */
public record PlanHop(int index, Version from, Version to, HopOrigin origin, String title, boolean irreversible,
        String reason, List<String> notes, List<String> breaking) {

    public PlanHop {
        notes = List.copyOf(notes);
        breaking = List.copyOf(breaking);
    }

    static PlanHop of(int index, GraphHop hop) {
        return new PlanHop(index, hop.from(), hop.to(), hop.origin(), hop.origin().title(), hop.irreversible(),
                hop.reason(), hop.hop().notes(), hop.hop().breaking());
    }

    /** The hop part of instance ids: {@code 6.0.0..6.1.0} (normalized versions, so ids do not depend on spelling). */
    public String id() {
        return from.normalized() + ".." + to.normalized();
    }

    /** {@code 6.0.0 → 6.1.0} as the versions are written. */
    public String label() {
        return from.text() + " → " + to.text();
    }
}
