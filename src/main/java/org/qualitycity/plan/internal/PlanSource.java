package org.qualitycity.plan.internal;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan file read into a plain tree (maps with string keys in file order, lists, strings, {@link Long}
 * or {@link BigDecimal} numbers, booleans, nulls), with the line and column of every field so that
 * problems can name them.
 *
 * <p>YAML is composed into nodes with SnakeYAML's safe loader (no arbitrary types; aliases limited) and
 * converted here. Dates stay the strings they are written as (the format quotes them; an unquoted date
 * is read as its text too), so every reader sees the same values. JSON is read with Jackson.
 */
public final class PlanSource {

    public enum Format { YAML, JSON }

    /** Largest plan file accepted, in characters (the bundled plan has about 150 000). */
    public static final int MAX_CHARS = 2_000_000;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, Object> tree;
    private final Map<String, int[]> positions;
    private final String text;
    private final Format format;

    private PlanSource(Map<String, Object> tree, Map<String, int[]> positions, String text, Format format) {
        this.tree = tree;
        this.positions = positions;
        this.text = text;
        this.format = format;
    }

    /** The parsed document (a mutable copy is not handed out: treat it as read-only). */
    public Map<String, Object> tree() {
        return tree;
    }

    /** The text as uploaded. */
    public String text() {
        return text;
    }

    public Format format() {
        return format;
    }

    /**
     * The YAML file to store and export: the upload itself when it was YAML (comments and layout kept),
     * otherwise YAML generated from the document.
     */
    public String yamlText() {
        return format == Format.YAML ? text : toYaml(tree);
    }

    /** Line and column (1-based) of {@code path} or of its nearest parent that is in the file. */
    public int[] position(String path) {
        String p = path;
        while (true) {
            int[] pos = positions.get(p);
            if (pos != null || p.isEmpty()) {
                return pos;
            }
            p = parent(p);
        }
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /**
     * Reads a plan file.
     *
     * @throws PlanInvalidException for a syntax error (with its line and column), a document that is not
     *         a mapping, duplicate keys, or a file over {@link #MAX_CHARS}
     */
    public static PlanSource parse(String text, Format format, PlanTexts texts) {
        if (text == null || text.isBlank()) {
            throw invalid("", null, texts.text("plan.error.empty"));
        }
        if (text.length() > MAX_CHARS) {
            throw invalid("", null, texts.text("plan.error.too-large", String.valueOf(MAX_CHARS)));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return format == Format.JSON ? parseJson(text, texts) : parseYaml(text, texts);
    }

    private static PlanSource parseYaml(String text, PlanTexts texts) {
        LoaderOptions options = loaderOptions();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new DumperOptions()), new DumperOptions(), options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) {
                what = e.getContext() + ": " + what;
            }
            throw new PlanInvalidException(List.of(new PlanProblem("", mark == null ? null : mark.getLine() + 1,
                    mark == null ? null : mark.getColumn() + 1,
                    texts.text("plan.error.yaml-syntax", oneLine(what)))));
        } catch (YAMLException e) {
            throw invalid("", null, texts.text("plan.error.yaml-syntax", oneLine(e.getMessage())));
        }
        if (!(root instanceof MappingNode)) {
            throw new PlanInvalidException(List.of(new PlanProblem("", root == null ? null : line(root),
                    root == null ? null : column(root),
                    texts.text("plan.error.not-a-mapping"))));
        }
        Converter c = new Converter(options, texts);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) c.convert(root, "");
        if (!c.problems.isEmpty()) {
            throw new PlanInvalidException(c.problems);
        }
        return new PlanSource(Collections.unmodifiableMap(tree), c.positions, text, Format.YAML);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static PlanSource parseJson(String text, PlanTexts texts) {
        Object root;
        try {
            root = JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            Integer line = loc == null || loc.getLineNr() < 1 ? null : loc.getLineNr();
            Integer column = loc == null || loc.getColumnNr() < 1 ? null : loc.getColumnNr();
            throw new PlanInvalidException(List.of(new PlanProblem("", line, column,
                    texts.text("plan.error.json-syntax", oneLine(e.getOriginalMessage())))));
        }
        if (!(root instanceof Map<?, ?>)) {
            throw invalid("", null, texts.text("plan.error.not-a-mapping"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) normalise(root);
        return new PlanSource(Collections.unmodifiableMap(tree), Map.of(), text, Format.JSON);
    }

    /** A tree from elsewhere (e.g. an edited document) as if it had been uploaded as YAML. */
    public static PlanSource ofYaml(String yaml, PlanTexts texts) {
        return parse(yaml, Format.YAML, texts);
    }

    /** Integers to Long (BigDecimal when too large), other numbers to BigDecimal, keys to strings. */
    static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalise(x)));
            return out;
        }
        return number(v);
    }

    private static Object number(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : v;
        }
        return v;
    }

    /** YAML text of a tree: block style, Chinese kept as is, strings that look like numbers or dates quoted. */
    public static String toYaml(Map<String, Object> tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setAllowUnicode(true);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setWidth(200);
        o.setSplitLines(false);
        return "# qualitycity-plan/1 — generated from a JSON upload; format: docs/plan-format.md\n"
                + new Yaml(o).dump(tree);
    }

    private static PlanInvalidException invalid(String field, Integer line, String message) {
        return new PlanInvalidException(List.of(new PlanProblem(field, line, null, message)));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    static int column(Node n) {
        return n.getStartMark().getColumn() + 1;
    }

    /** Nodes to the plain tree, recording positions and reporting duplicate keys and recursion. */
    private static final class Converter {

        private final Scalars scalars;
        private final PlanTexts texts;
        private final Map<String, int[]> positions = new LinkedHashMap<>();
        private final List<PlanProblem> problems = new ArrayList<>();
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

        Converter(LoaderOptions options, PlanTexts texts) {
            this.scalars = new Scalars(options);
            this.texts = texts;
        }

        Object convert(Node node, String path) {
            positions.putIfAbsent(path, new int[]{line(node), column(node)});
            if (!open.add(node)) {
                problems.add(new PlanProblem(path, line(node), column(node),
                        texts.text("plan.error.recursive")));
                return null;
            }
            try {
                if (node instanceof MappingNode m) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (NodeTuple t : m.getValue()) {
                        if (!(t.getKeyNode() instanceof ScalarNode k)) {
                            problems.add(new PlanProblem(path, line(t.getKeyNode()), column(t.getKeyNode()),
                                    texts.text("plan.error.complex-key")));
                            continue;
                        }
                        String key = k.getValue();
                        String child = path.isEmpty() ? key : path + "." + key;
                        if (out.containsKey(key)) {
                            problems.add(new PlanProblem(child, line(k), column(k),
                                    texts.text("plan.error.duplicate-key", key)));
                            continue;
                        }
                        positions.put(child, new int[]{line(k), column(k)});
                        out.put(key, convert(t.getValueNode(), child));
                    }
                    return out;
                }
                if (node instanceof SequenceNode s) {
                    List<Object> out = new ArrayList<>(s.getValue().size());
                    for (int i = 0; i < s.getValue().size(); i++) {
                        out.add(convert(s.getValue().get(i), path + "[" + i + "]"));
                    }
                    return out;
                }
                return scalar((ScalarNode) node);
            } finally {
                open.remove(node);
            }
        }

        private Object scalar(ScalarNode n) {
            Tag tag = n.getTag();
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return scalars.construct(n);
            }
            if (Tag.INT.equals(tag)) {
                return number(scalars.construct(n));
            }
            if (Tag.FLOAT.equals(tag)) {
                try {
                    return new BigDecimal(n.getValue().replace("_", ""));
                } catch (NumberFormatException e) {
                    return number(scalars.construct(n));
                }
            }
            // strings, dates (kept as written) and any other tag: the text
            return n.getValue();
        }
    }

    /** SafeConstructor's scalar rules (YAML 1.1 booleans and integers) for one node at a time. */
    private static final class Scalars extends SafeConstructor {

        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(Node node) {
            return constructObject(node);
        }
    }
}
