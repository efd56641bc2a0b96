package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One clock (DESIGN §16): production code reads the time only through the injected {@link java.time.Clock},
 * so that tests move it and every node agrees. Any {@code .now()} without a clock argument in
 * {@code src/main/java} ({@code LocalDate.now()}, {@code Instant.now()}, {@code Year.now()} …) fails this scan.
 */
class ClockUseTest {

    /** A call of now() with no argument, also with blanks or a line break between the parentheses. */
    static final Pattern NOW_WITHOUT_CLOCK = Pattern.compile("\\.\\s*now\\s*\\(\\s*\\)");

    @Test
    void noNowWithoutAClockInMainCode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String[] lines = withoutComments(Files.readString(file)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (NOW_WITHOUT_CLOCK.matcher(lines[i]).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            }
        }
        assertThat(found).as("use LocalDate.now(clock) etc. with the injected Clock").isEmpty();
    }

    @Test
    void theScanSeesEveryFormOfNow() {
        for (String call : List.of("LocalDate.now()", "java.time.Instant.now( )", "Year.now()", "LocalDateTime.now()",
                "OffsetDateTime\n.now()", "YearMonth.now()")) {
            assertThat(NOW_WITHOUT_CLOCK.matcher(call).find()).as(call).isTrue();
        }
        for (String call : List.of("LocalDate.now(clock)", "Instant.now(this.clock)", "Year.now(ZoneId.of(z))",
                "knowNow()")) {
            assertThat(NOW_WITHOUT_CLOCK.matcher(call).find()).as(call).isFalse();
        }
    }

    /** Blanks out comments (keeping line breaks), so that Javadoc may name LocalDate.now() as the thing to avoid. */
    static String withoutComments(String java) {
        StringBuilder out = new StringBuilder(java.length());
        int i = 0;
        while (i < java.length()) {
            if (java.startsWith("//", i)) {
                while (i < java.length() && java.charAt(i) != '\n') {
                    i++;
                }
            } else if (java.startsWith("/*", i)) {
                int end = java.indexOf("*/", i + 2);
                end = end < 0 ? java.length() : end + 2;
                for (int k = i; k < end; k++) {
                    if (java.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                i = end;
            } else if (java.charAt(i) == '"') {
                // a string literal (or text block): copied as is, so that "//" inside it is not a comment
                int end = java.startsWith("\"\"\"", i) ? java.indexOf("\"\"\"", i + 3) + 3 : closingQuote(java, i);
                end = end <= i ? java.length() : end;
                out.append(java, i, end);
                i = end;
            } else {
                out.append(java.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int closingQuote(String java, int open) {
        for (int k = open + 1; k < java.length(); k++) {
            char c = java.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '"' || c == '\n') {
                return k + 1;
            }
        }
        return java.length();
    }
}
