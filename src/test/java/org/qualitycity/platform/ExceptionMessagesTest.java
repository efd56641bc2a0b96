package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message of an exception that reaches a user (a 400 field message, a 409 conflict, a 403 refusal, a reason of a
 * ResponseStatusException) is rendered from the bundles in the reader's language ({@code Texts.msg("….error.…")}),
 * never written as an English string literal in Java: such a text would reach Chinese screens as it is.
 * A literal is allowed inside a call (a message key, a number format, a code given as an argument), only not as the
 * message itself or as a part of it joined with {@code +}.
 *
 * <p>Not scanned: {@code NotFoundException} (its message is for the log; the API answers a fixed 404 text and pages
 * the 404 page) and the exceptions that never reach a user (IllegalStateException, IllegalArgumentException...).
 */
class ExceptionMessagesTest {

    /** The exceptions whose message users read, and the index of the message among the constructor's arguments. */
    static final Map<String, Integer> USER_VISIBLE = Map.of("ValidationException", 1, "FieldProblem", 1,
            "ConflictException", 0, "AccessDeniedException", 0, "ResponseStatusException", 1, "Refused", 0,
            "Forbidden", 0);

    private static final Pattern NEW = Pattern.compile("new\\s+(?:[\\w.]+\\.)?(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{2}");

    @Test
    void noUserVisibleExceptionMessageIsAStringLiteral() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String h : literalMessages(Files.readString(f))) {
                    hits.add(f + ":" + h);
                }
            }
        }
        assertThat(hits).as("exception messages written as literals; use Texts.msg(\"<module>.error.<slug>\", args) "
                + "with the key in the module's Chinese and English bundles").isEmpty();
    }

    @Test
    void theScannerFindsLiteralMessagesAndAllowsKeysFieldNamesAndComments() {
        String src = """
                class X {
                    void a() {
                        throw new ValidationException("unitCode", "unknown unit " + code);        // line 3
                        throw new ConflictException("The job has already finished.");               // line 4
                        throw new org.springframework.security.access.AccessDeniedException(
                                "not the handler");                                                 // line 5
                        problems.add(new ValidationException.FieldProblem(at + ".kind",
                                "one of " + List.of(1, 2)));                                        // line 7
                        throw new ValidationException("x", cond ? "say why" : Texts.msg("k.error.b"));  // line 9
                        throw new ResponseStatusException(HttpStatus.CONFLICT, "busy, \\"really\\"");  // line 10
                        throw new ValidationException("text", \"""
                            a text block
                            \""");                                                                  // line 11
                        // throw new ConflictException("in a comment");
                        /* throw new ConflictException("in a comment"); */
                        throw new ValidationException("unitCode", Texts.msg("error.unknown-unit", code));
                        throw new ValidationException("period", Texts.msg("x.error.y", String.format("%d", 1)));
                        throw new ValidationException(problems);
                        throw new ConflictException(e.getMessage());
                        throw new NotFoundException("unit " + code);
                        throw new IllegalStateException("two rows for " + action);
                        throw new ValidationException("field", "1–10");
                        throw new ConflictException(Texts.msg("a.error.b", "(" + code + ")"));
                    }
                }
                """;
        assertThat(literalMessages(src)).extracting(h -> h.substring(0, h.indexOf(':')))
                .containsExactly("3", "4", "5", "7", "9", "10", "11");
    }

    /** "line: Type: message" for each user-visible exception of the source whose message holds a literal with letters. */
    static List<String> literalMessages(String source) {
        String s = withoutComments(source);
        List<String> hits = new ArrayList<>();
        Matcher m = NEW.matcher(s);
        while (m.find()) {
            Integer index = USER_VISIBLE.get(m.group(1));
            if (index == null) {
                continue;
            }
            List<Argument> args = arguments(s, m.end() - 1);
            if (m.group(1).equals("ValidationException") && args.size() < 2 || index >= args.size()) {
                continue;
            }
            Argument message = args.get(index);
            if (message.literals().stream().anyMatch(l -> LETTERS.matcher(l).find())) {
                int line = (int) s.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                hits.add(line + ": " + m.group(1) + ": " + message.text().strip().replaceAll("\\s+", " "));
            }
        }
        return hits;
    }

    /** An argument's text and the string literals at its own level (not inside a call or parentheses). */
    record Argument(String text, List<String> literals) {
    }

    /** The arguments of the call whose "(" is at {@code open}. */
    static List<Argument> arguments(String s, int open) {
        List<Argument> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        List<String> literals = new ArrayList<>();
        int depth = 0;
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(s, i);
                String lit = s.substring(i, end);
                if (c == '"' && depth == 0) {
                    literals.add(lit.startsWith("\"\"\"") ? lit.substring(3, lit.length() - 3)
                            : lit.substring(1, lit.length() - 1));
                }
                cur.append(lit);
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    out.add(new Argument(cur.toString(), literals));
                    return out;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(new Argument(cur.toString(), literals));
                cur = new StringBuilder();
                literals = new ArrayList<>();
                i++;
                continue;
            }
            cur.append(c);
            i++;
        }
        return out;
    }

    /** The index after the string, text block or char literal that starts at {@code i}. */
    private static int literalEnd(String s, int i) {
        if (s.startsWith("\"\"\"", i)) {
            int j = i + 3;
            while (j < s.length() && !s.startsWith("\"\"\"", j)) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 3, s.length());
        }
        char q = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != q && s.charAt(j) != '\n') {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, s.length());
    }

    /** The source with its comments blanked (line breaks kept), literals untouched. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                out.append(s.substring(i, end).replaceAll("[^\n]", " "));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(s, i);
                out.append(s, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
