package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every visible text goes through the message bundles: no Chinese text in a string, text block or char
 * literal of {@code src/main/java}, except in demo-data contributors ({@code *DemoData.java}). Comments
 * may be Chinese. The scanner reads Java's lexical structure (comments, escapes, text blocks, unicode
 * escapes), so that a quote inside a comment or an escaped quote inside a literal does not confuse it.
 */
class SourceTextsTest {

    @Test
    void noChineseLiteralInMainCode() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().endsWith("DemoData.java")).sorted().toList()) {
                for (Literal l : literals(Files.readString(f))) {
                    if (chinese(l.text())) {
                        hits.add(f + ":" + l.line() + ": " + l.text());
                    }
                }
            }
        }
        assertThat(hits).as("Chinese literals outside the bundles").isEmpty();
    }

    @Test
    void theScannerSeesLiteralsNotComments() {
        String src = """
                // "注释" is a comment
                /* "也是注释" */ String a = "a \\" 中 \\" b"; char c = '字';
                /** "文档" */ String t = \"""
                    文本块 "x"
                    \""";
                String u = "\\u4e2d"; String r = "\\\\u8f6c"; String url = "http://x"; // "注"
                """;
        List<Literal> found = literals(src);
        assertThat(found).extracting(Literal::text).filteredOn(SourceTextsTest::chinese)
                .containsExactly("a \" 中 \" b", "字", "\n    文本块 \"x\"\n    ", "中");
        assertThat(found).filteredOn(l -> l.text().equals("字")).extracting(Literal::line).containsExactly(2);
        assertThat(found).extracting(Literal::text).contains("\\\\u8f6c".substring(1), "http://x");
    }

    record Literal(int line, String text) {
    }

    static boolean chinese(String s) {
        return s.codePoints().anyMatch(c -> (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E) || (c >= 0x20000 && c <= 0x2FA1F));
    }

    /** Java's unicode escapes (\\uXXXX after an even number of backslashes) replaced, as the compiler does. */
    static String unicodeUnescaped(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                int run = 0;
                while (i + run < s.length() && s.charAt(i + run) == '\\') {
                    run++;
                }
                // pairs of backslashes stay; an odd last one may start a unicode escape
                out.append("\\".repeat(run - (run % 2)));
                i += run - (run % 2);
                if (run % 2 == 1) {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) == 'u') {
                        j++;
                    }
                    if (j > i + 1 && j + 4 <= s.length() && s.substring(j, j + 4).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                        i = j + 4;
                    } else {
                        out.append('\\');
                        i++;
                    }
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The literals of a Java source with their (first) line; their content with escapes left as written. */
    static List<Literal> literals(String source) {
        String s = unicodeUnescaped(source);
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(s, i, end);
                i = end;
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int j = start;
                while (j < n && !s.startsWith("\"\"\"", j)) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, unescape(s.substring(start, Math.min(j, n)))));
                line += count(s, i, Math.min(j, n));
                i = Math.min(j + 3, n);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, unescape(s.substring(i + 1, Math.min(j, n)))));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    /** Escaped quotes and backslashes as their characters (enough to read the text). */
    private static String unescape(String lit) {
        return lit.replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }
}
