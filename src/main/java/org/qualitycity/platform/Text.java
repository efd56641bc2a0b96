package org.qualitycity.platform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A visible text as a message key with arguments, stored as such (JSON, {@link #toJson()}) and rendered in
 * the reader's language when shown ({@link Texts#render(Text)}). Notifications, job messages, credit reasons
 * and assessment breakdown lines use it, so that no text is frozen in one language at write time.
 *
 * <p>An argument is a string, a number (written as is, without grouping), a boolean, a date or time
 * (ISO form), another {@code Text} (rendered first, in the same language) or {@link Names} (data that
 * carries a Chinese and an English name, e.g. an indicator or a unit: the reader's one is shown).
 */
public record Text(String key, List<Object> args) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Text {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : List.copyOf(args.stream().map(Text::normalised).toList());
    }

    /** A key with its arguments. */
    public static Text of(String key, Object... args) {
        return new Text(key, args == null ? List.of() : Arrays.asList(args));
    }

    /**
     * A name in both languages; the reader's is shown, the other when it is missing.
     */
    public record Names(String zh, String en) {

        public String in(Locale locale) {
            boolean english = locale != null && "en".equals(locale.getLanguage());
            String first = english ? en : zh;
            return first == null || first.isBlank() ? (english ? zh : en) : first;
        }
    }

    private static Object normalised(Object a) {
        if (a == null) {
            return "";
        }
        if (a instanceof Text || a instanceof Names || a instanceof String || a instanceof Boolean) {
            return a;
        }
        if (a instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (a instanceof Number || a instanceof TemporalAccessor || a instanceof Enum<?>) {
            return a instanceof Enum<?> e ? e.name() : a.toString();
        }
        return a.toString();
    }

    /** {"key": "…", "args": [ "a", {"key": …}, {"zh": …, "en": …} ]}. */
    public String toJson() {
        return JSON.writeValueAsString(node());
    }

    private ObjectNode node() {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", key);
        ArrayNode a = n.putArray("args");
        for (Object o : args) {
            if (o instanceof Text t) {
                a.add(t.node());
            } else if (o instanceof Names names) {
                ObjectNode m = a.addObject();
                m.put("zh", names.zh());
                m.put("en", names.en());
            } else if (o instanceof Boolean b) {
                a.add(b);
            } else {
                a.add(o.toString());
            }
        }
        return n;
    }

    /** The text stored by {@link #toJson()}, or null for null or blank. */
    public static Text fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        return from(JSON.readTree(json));
    }

    private static Text from(JsonNode n) {
        List<Object> args = new ArrayList<>();
        JsonNode a = n.get("args");
        if (a != null) {
            for (JsonNode x : a) {
                if (x.isObject() && x.has("key")) {
                    args.add(from(x));
                } else if (x.isObject()) {
                    args.add(new Names(x.path("zh").asString(null), x.path("en").asString(null)));
                } else if (x.isBoolean()) {
                    args.add(x.booleanValue());
                } else {
                    args.add(x.asString());
                }
            }
        }
        return new Text(n.get("key").asString(), args);
    }
}
