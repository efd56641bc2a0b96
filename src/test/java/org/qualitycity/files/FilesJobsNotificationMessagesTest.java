package org.qualitycity.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

/**
 * The message bundles of files, jobs and notification: Chinese (default) and English have the same
 * keys, and every key the module's code and templates use is defined.
 */
class FilesJobsNotificationMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"files", "jobs", "notification"})
    void bundlesAreCompleteInBothLanguages(String module) throws IOException {
        Set<String> zh = load(module + "_messages.properties").stringPropertyNames();
        Set<String> en = load(module + "_messages_en.properties").stringPropertyNames();
        assertThat(en).isEqualTo(zh);
        assertThat(zh).allMatch(k -> k.startsWith(module + "."));

        // a key in a message expression #{…} or a quoted string, not a variable of the same name (${files.isEmpty()})
        Pattern key = Pattern.compile("(?:#\\{|[\"'])(" + module + "\\.[a-zA-Z][a-zA-Z0-9.-]*)");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java/org/qualitycity/" + module)),
                Files.walk(Path.of("src/main/resources/templates/" + module)))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1).replaceAll("[.-]+$", ""));
                }
            }
        }
        // keys completed at run time ('jobs.status.' + status) appear as their prefix
        used.removeIf(k -> zh.stream().anyMatch(d -> d.startsWith(k + ".")) || k.endsWith(".js") || k.endsWith(".html"));
        assertThat(used).isNotEmpty();
        assertThat(zh).containsAll(used);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs.status.QUEUED", "jobs.status.RUNNING", "jobs.status.SUCCEEDED", "jobs.status.FAILED",
            "jobs.status.CANCELLED", "jobs.kind.audit-verify", "notification.severity.INFO",
            "notification.severity.WARN", "notification.severity.ALERT"})
    void keysBuiltAtRunTimeExist(String k) throws IOException {
        String module = k.substring(0, k.indexOf('.'));
        assertThat(load(module + "_messages.properties").getProperty(k)).isNotBlank();
        assertThat(load(module + "_messages_en.properties").getProperty(k)).isNotBlank();
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = FilesJobsNotificationMessagesTest.class.getResourceAsStream("/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
