package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root of a playbook file. Every list is immutable; every node carries its {@link SourceRef}.
 *
 * @param dslVersion the {@code upbook:} key, the language version the file is written in
 * @param recoveries named recovery procedures that steps may name in {@code on-failure}
 * @param procedure present when the playbook is a procedure (no version change; {@code pre} and
 *     {@code post} are its steps)
 */
public record Playbook(
        SourceRef at,
        int dslVersion,
        Product product,
        VersionPolicy versions,
        Optional<Action> detect,
        Map<String, Input> inputs,
        List<Precondition> preconditions,
        List<Step> pre,
        List<Edge> edges,
        List<Rule> rules,
        List<Step> post,
        List<ReviewItem> review,
        Map<String, Recovery> recoveries,
        List<Capture> capture,
        Optional<Procedure> procedure) {

    public Playbook(SourceRef at, int dslVersion, Product product, VersionPolicy versions, Optional<Action> detect,
            Map<String, Input> inputs, List<Precondition> preconditions, List<Step> pre, List<Edge> edges, List<Rule> rules,
            List<Step> post, List<ReviewItem> review, Map<String, Recovery> recoveries) {
        this(at, dslVersion, product, versions, detect, inputs, preconditions, pre, edges, rules, post, review, recoveries, List.of(),
                Optional.empty());
    }

    public Playbook(SourceRef at, int dslVersion, Product product, VersionPolicy versions, Optional<Action> detect,
            Map<String, Input> inputs, List<Precondition> preconditions, List<Step> pre, List<Edge> edges, List<Rule> rules,
            List<Step> post, List<ReviewItem> review, Map<String, Recovery> recoveries, List<Capture> capture) {
        this(at, dslVersion, product, versions, detect, inputs, preconditions, pre, edges, rules, post, review, recoveries, capture,
                Optional.empty());
    }

    public Playbook {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs)); // document order, for stable output
        preconditions = List.copyOf(preconditions);
        pre = List.copyOf(pre);
        edges = List.copyOf(edges);
        rules = List.copyOf(rules);
        post = List.copyOf(post);
        review = List.copyOf(review);
        recoveries = Collections.unmodifiableMap(new LinkedHashMap<>(recoveries));
        capture = List.copyOf(capture);
    }

    public String file() {
        return at.file();
    }
}
