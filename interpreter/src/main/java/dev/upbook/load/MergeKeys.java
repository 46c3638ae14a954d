package dev.upbook.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML merge keys ({@code <<: *defaults}): the entries of a mapping with the merged mappings'
 * entries added where the mapping does not set the key itself. {@code compose()} leaves merges to
 * the constructor, which we do not use, so the loader flattens them here.
 */
final class MergeKeys {
    private MergeKeys() {}

    /** A plain {@code <<} key; a quoted {@code "<<"} is an ordinary key. */
    static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode && key.getTag().equals(Tag.MERGE);
    }

    /** The entries of {@code mapping}, merges expanded, explicit keys first, in document order. */
    static List<NodeTuple> entries(MappingNode mapping) {
        List<NodeTuple> explicit = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!isMergeKey(t.getKeyNode())) {
                explicit.add(t);
            } else if (t.getValueNode() instanceof MappingNode) {
                merged.addAll(entries((MappingNode) t.getValueNode()));
            } else if (t.getValueNode() instanceof SequenceNode) {
                for (Node item : ((SequenceNode) t.getValueNode()).getValue()) {
                    if (item instanceof MappingNode) merged.addAll(entries((MappingNode) item));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : explicit) {
            if (t.getKeyNode() instanceof ScalarNode) seen.add(((ScalarNode) t.getKeyNode()).getValue());
        }
        List<NodeTuple> result = new ArrayList<>(explicit);
        for (NodeTuple t : merged) {
            if (!(t.getKeyNode() instanceof ScalarNode) || seen.add(((ScalarNode) t.getKeyNode()).getValue())) result.add(t);
        }
        return result;
    }

    /** Merge values that are not mappings (or lists of mappings), for reporting. */
    static List<Node> invalidMergeValues(MappingNode mapping) {
        List<Node> invalid = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!isMergeKey(t.getKeyNode())) continue;
            Node v = t.getValueNode();
            if (v instanceof MappingNode) continue;
            if (v instanceof SequenceNode && ((SequenceNode) v).getValue().stream().allMatch(n -> n instanceof MappingNode)) continue;
            invalid.add(v);
        }
        return invalid;
    }
}
