package dev.upbook.report;

import dev.upbook.resolve.GraphHop;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.resolve.VersionMark;
import dev.upbook.spec.version.Version;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The version graph of a playbook as Graphviz DOT or a Mermaid flowchart. Releases are nodes in
 * version order; explicit edges are solid, rule-generated hops dashed, irreversible hops red;
 * blocked versions are crossed out, required stops doubled, versions below the minimum grey.
 */
public final class GraphDiagrams {
    private GraphDiagrams() {}

    public static String dot(String title, VersionGraph graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph ").append(quote(title)).append(" {\n")
                .append("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        Map<Version, String> ids = ids(graph);
        for (Version v : graph.releases()) {
            sb.append("  ").append(ids.get(v)).append(" [label=").append(quote(v.text()));
            if (graph.blockedMark(v).isPresent()) sb.append(", color=red, fontcolor=red, style=\"rounded,dashed\"");
            else if (isStop(graph, v)) sb.append(", peripheries=2");
            else if (graph.belowMinimum(v)) sb.append(", color=grey, fontcolor=grey");
            sb.append(", tooltip=").append(quote(tooltip(graph, v))).append("];\n");
        }
        for (GraphHop hop : graph.hops()) {
            sb.append("  ").append(ids.get(hop.from())).append(" -> ").append(ids.get(hop.to())).append(" [");
            sb.append("label=").append(quote(hop.origin().isExplicit() ? "" : hop.origin().id()));
            if (!hop.origin().isExplicit()) sb.append(", style=dashed");
            if (hop.irreversible()) sb.append(", color=red, penwidth=2, tooltip=").append(quote("irreversible: " + hop.reason()));
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    public static String mermaid(VersionGraph graph) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<Version, String> ids = ids(graph);
        for (Version v : graph.releases()) {
            String label = v.text().replace("\"", "#quot;");
            String id = ids.get(v);
            sb.append("  ").append(id).append(isStop(graph, v) ? "[[\"" + label + "\"]]" : "(\"" + label + "\")").append('\n');
            if (graph.blockedMark(v).isPresent()) sb.append("  class ").append(id).append(" blocked\n");
            else if (graph.belowMinimum(v)) sb.append("  class ").append(id).append(" unsupported\n");
        }
        List<GraphHop> hops = graph.hops();
        for (int i = 0; i < hops.size(); i++) {
            GraphHop hop = hops.get(i);
            String arrow = hop.origin().isExplicit() ? " --> " : " -.-> ";
            String label = hop.irreversible() ? "|irreversible|" : "";
            sb.append("  ").append(ids.get(hop.from())).append(arrow).append(label).append(ids.get(hop.to())).append('\n');
            if (hop.irreversible()) sb.append("  linkStyle ").append(i).append(" stroke:red,stroke-width:2px\n");
        }
        sb.append("  classDef blocked stroke:red,color:red,stroke-dasharray:4\n");
        sb.append("  classDef unsupported stroke:grey,color:grey\n");
        return sb.toString();
    }

    private static boolean isStop(VersionGraph graph, Version v) {
        return graph.requiredStops().stream().anyMatch(m -> m.version().equals(v));
    }

    private static String tooltip(VersionGraph graph, Version v) {
        return graph.blockedMark(v).map(m -> "blocked: " + m.reason())
                .or(() -> graph.requiredStops().stream().filter(m -> m.version().equals(v)).findFirst()
                        .map(m -> "required stop: " + m.reason()))
                .or(() -> graph.minimum().filter(m -> graph.belowMinimum(v)).map(VersionMark::reason).map(r -> "below minimum: " + r))
                .orElse(v.normalized());
    }

    /** Stable node ids {@code v0, v1, ...} in release order (version texts are not valid identifiers). */
    private static Map<Version, String> ids(VersionGraph graph) {
        Map<Version, String> ids = new HashMap<>();
        List<Version> releases = graph.releases();
        for (int i = 0; i < releases.size(); i++) ids.put(releases.get(i), "v" + i);
        for (GraphHop hop : graph.hops()) {
            ids.computeIfAbsent(hop.from(), v -> "v" + ids.size());
            ids.computeIfAbsent(hop.to(), v -> "v" + ids.size());
        }
        return ids;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
