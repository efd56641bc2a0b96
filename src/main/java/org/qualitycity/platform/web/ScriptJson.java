package org.qualitycity.platform.web;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for a page's scripts (chart data inside {@code <script type="application/json">}): the one way
 * to write data into a script element. {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are written as
 * {@code \\uXXXX} escapes, so that no value (a unit name containing {@code </script>}, say) can end the
 * element or be read as markup; JSON.parse gives the original text back. Templates use it through the
 * {@code qc:json="${data}"} attribute ({@link ScriptJsonDialect}); never {@code th:utext} for data.
 */
public final class ScriptJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScriptJson() {
    }

    /** The value as JSON that is safe inside a script element. */
    public static String write(Object value) {
        return escape(JSON.writeValueAsString(value));
    }

    /** Escapes an already serialised JSON text (these characters occur in JSON only inside strings). */
    static String escape(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
