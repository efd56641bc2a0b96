package org.qualitycity.plan.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shape of a plan file, as the JSON Schema {@value #RESOURCE} (draft 2020-12) checked by the
 * networknt validator: fields, types, enumerations, forms, lengths, ranges and the fields each kind of
 * target or source needs. Its errors become {@link PlanProblem}s with the path of the field in the
 * plan's notation ({@code indicators[3].target.kind}) and a text of the plan bundle, one key per kind
 * of error; where the schema names a key itself ({@code "message": {"pattern": "plan.error.plan-id"}}),
 * that key is used.
 */
final class PlanSchema {

    /** Classpath resource of the schema. */
    static final String RESOURCE = "plans/plan.schema.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Schema SCHEMA = load();

    private PlanSchema() {
    }

    private static Schema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .errorMessageKeyword("message")
                .formatAssertionsEnabled(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config));
        try (InputStream in = PlanSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE), text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of the file's shape, in the order of the file. */
    static List<PlanProblem> check(PlanSource source, PlanTexts texts) {
        JsonNode document = JSON.valueToTree(source.tree());
        List<PlanProblem> problems = new ArrayList<>();
        for (Error e : SCHEMA.validate(document)) {
            problems.add(problem(e, source, texts));
        }
        return problems;
    }

    private static PlanProblem problem(Error e, PlanSource source, PlanTexts texts) {
        String at = path(e.getInstanceLocation());
        Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
        JsonNode value = e.getInstanceNode();
        String field = at;
        String key;
        Object[] values;
        switch (e.getKeyword()) {
            case "required", "additionalProperties" -> field = child(at, e.getProperty());
            case "dependentRequired" -> field = child(at, String.valueOf(args[0]));
            default -> {
            }
        }
        if (e.isCustomMessage()) {
            key = e.getMessage();
            values = new Object[]{text(value)};
        } else {
            switch (e.getKeyword()) {
                case "required" -> {
                    key = "plan.error.required";
                    values = new Object[0];
                }
                case "additionalProperties" -> {
                    key = "plan.error.unknown-field";
                    values = new Object[]{e.getProperty()};
                }
                case "type" -> {
                    String expected = String.valueOf(args.length > 1 ? args[1] : e.getSchemaNode().asString());
                    key = typeKey(expected, value);
                    values = new Object[]{text(value)};
                }
                case "enum" -> {
                    key = "plan.error.enum";
                    values = new Object[]{text(value), names(e.getSchemaNode())};
                }
                case "const" -> {
                    key = "plan.error.format";
                    values = new Object[]{text(e.getSchemaNode()), text(value)};
                }
                case "format" -> {
                    key = "plan.error.not-date";
                    values = new Object[]{text(value)};
                }
                case "maxLength" -> {
                    key = "plan.error.too-long";
                    values = new Object[]{text(e.getSchemaNode())};
                }
                case "minItems" -> {
                    key = "plan.error.empty-list";
                    values = new Object[0];
                }
                case "minimum" -> {
                    key = "plan.error.min";
                    values = new Object[]{text(e.getSchemaNode())};
                }
                case "maximum" -> {
                    key = "plan.error.max";
                    values = new Object[]{text(e.getSchemaNode())};
                }
                case "exclusiveMinimum" -> {
                    key = "plan.error.greater-than";
                    values = new Object[]{text(e.getSchemaNode())};
                }
                case "pattern" -> {
                    key = "plan.error.pattern";
                    values = new Object[]{text(value), text(e.getSchemaNode())};
                }
                default -> {
                    key = "plan.error.schema";
                    values = new Object[]{e.getKeyword()};
                }
            }
        }
        int[] pos = source.position(field);
        return new PlanProblem(field, pos == null ? null : pos[0], pos == null ? null : pos[1],
                texts.text(key, values));
    }

    /** A value of the wrong type: what it must be. YAML reads a unit code like 110000 or 2020 as a number: quote it. */
    private static String typeKey(String expected, JsonNode value) {
        return switch (expected) {
            case "string" -> value != null && (value.isNumber() || value.isBoolean())
                    ? "plan.error.not-text-quote" : "plan.error.not-text";
            case "integer" -> "plan.error.not-integer";
            case "number" -> "plan.error.not-number";
            case "boolean" -> "plan.error.not-boolean";
            case "array" -> "plan.error.not-a-list";
            case "object" -> "plan.error.not-a-mapping-field";
            default -> "plan.error.wrong-type";
        };
    }

    /** {@code /indicators/3/target} → {@code indicators[3].target}. */
    static String path(NodePath location) {
        StringBuilder sb = new StringBuilder();
        if (location == null) {
            return "";
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.toString();
    }

    private static String child(String at, String key) {
        return key == null ? at : at.isEmpty() ? key : at + "." + key;
    }

    /** A scalar as written (numbers without grouping), or the node's text. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.toString();
    }

    /** The allowed values of an enumeration (or the known fields of a mapping), sorted. */
    private static String names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> names.add(text(n)));
        } else if (node != null && node.isObject()) {
            node.propertyNames().forEach(names::add);
        }
        return String.join(", ", names);
    }

    /** For tests: the document as the schema sees it. */
    static JsonNode document(Map<String, Object> tree) {
        return JSON.valueToTree(tree);
    }
}
