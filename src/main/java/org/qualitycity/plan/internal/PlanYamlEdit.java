package org.qualitycity.plan.internal;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Changes a few values of a measure in the YAML text itself, so that the exported file keeps its
 * comments and layout. The caller checks the result by parsing it again; when the text cannot be
 * edited in place (an unusual layout), it falls back to generating the file from the document.
 */
final class PlanYamlEdit {

    private PlanYamlEdit() {
    }

    /**
     * The text with the measure at {@code measure_groups[group].measures[measure]} given new values for
     * {@code fields} (strings or lists of strings, written as quoted scalars and flow sequences), or
     * empty when the fields cannot be located.
     */
    static Optional<String> setMeasureFields(String yaml, int group, int measure, Map<String, Object> fields) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(PlanSource.loaderOptions())).compose(new StringReader(yaml));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Node m = child(child(child(child(root, "measure_groups"), group), "measures"), measure);
        if (!(m instanceof MappingNode mapping) || mapping.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            return Optional.empty();
        }
        record Edit(int start, int end, String text) {
        }
        List<Edit> edits = new ArrayList<>();
        NodeTuple anchor = null;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            NodeTuple t = tuple(mapping, f.getKey());
            if (t == null) {
                missing.add(f.getKey());
                continue;
            }
            anchor = anchor == null ? t : anchor;
            Node v = t.getValueNode();
            int start = offset(yaml, v.getStartMark().getIndex());
            int end;
            if (v instanceof SequenceNode s && s.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK) {
                if (s.getValue().isEmpty()) {
                    return Optional.empty();
                }
                end = offset(yaml, s.getValue().get(s.getValue().size() - 1).getEndMark().getIndex());
            } else if (v instanceof ScalarNode || v instanceof SequenceNode) {
                end = offset(yaml, v.getEndMark().getIndex());
            } else {
                return Optional.empty();
            }
            edits.add(new Edit(start, end, render(f.getValue())));
        }
        if (!missing.isEmpty()) {
            // new keys go on lines of their own after a plain value of the measure (e.g. lead_unit's), at the
            // indentation of its key
            if (anchor == null || !(anchor.getValueNode() instanceof ScalarNode value)
                    || value.getStartMark().getLine() != anchor.getKeyNode().getStartMark().getLine()) {
                return Optional.empty();
            }
            int at = offset(yaml, value.getEndMark().getIndex());
            String indent = " ".repeat(anchor.getKeyNode().getStartMark().getColumn());
            String lines = missing.stream().map(k -> "\n" + indent + k + ": " + render(fields.get(k)))
                    .collect(Collectors.joining());
            edits.add(new Edit(at, at, lines));
        }
        StringBuilder sb = new StringBuilder(yaml);
        edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(e -> sb.replace(e.start(), e.end(), e.text()));
        return Optional.of(sb.toString());
    }

    private static String render(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(x -> quote(String.valueOf(x))).collect(Collectors.joining(", ", "[", "]"));
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** SnakeYAML marks count code points; Java strings count UTF-16 units. */
    private static int offset(String text, int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }

    private static NodeTuple tuple(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode m) {
            NodeTuple t = tuple(m, key);
            return t == null ? null : t.getValueNode();
        }
        return null;
    }

    private static Node child(Node node, int index) {
        if (node instanceof SequenceNode s && index >= 0 && index < s.getValue().size()) {
            return s.getValue().get(index);
        }
        return null;
    }
}
