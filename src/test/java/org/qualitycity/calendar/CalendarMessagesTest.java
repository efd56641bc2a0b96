package org.qualitycity.calendar;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message key the module uses exists in Chinese and English, and the two files match. */
class CalendarMessagesTest {

    private static final Pattern KEY = Pattern.compile("(?<=[\"'{])calendar\\.(?:[a-z]+[.-])*[a-z0-9]+(?=[\"'})(])");

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("calendar_messages_en.properties").stringPropertyNames())
                .isEqualTo(load("calendar_messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyUsedInCodeOrTemplateExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("src/main/java/org/qualitycity/calendar")),
                Stream.of(Path.of("src/main/resources/templates/calendar.html")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        used.removeIf(k -> k.endsWith(".") || k.equals("calendar.html") || k.equals("calendar.js"));
        Set<String> defined = load("calendar_messages.properties").stringPropertyNames();
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(defined).containsAll(used);
        // keys built at run time
        for (int i = 1; i <= 12; i++) {
            assertThat(defined).contains("calendar.month." + i);
        }
        for (int i = 1; i <= 7; i++) {
            assertThat(defined).contains("calendar.weekday." + i);
        }
        assertThat(defined).contains("calendar.kind.HOLIDAY", "calendar.kind.WORKDAY");
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CalendarMessagesTest.class.getResourceAsStream("/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
