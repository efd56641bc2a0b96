package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.springframework.modulith.core.ApplicationModules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message key that Java code renders ({@code Text.of("…")}, {@code Texts.msg("…")}, bean-validation
 * messages {@code "{…}"}, export column headers, permission labels) exists in the Chinese and the English
 * bundles, so that no reader sees a raw key.
 */
class MessageKeysTest {

    /**
     * Every module but the platform (whose bundle is {@code messages}) has a bundle of its own: the modules are the
     * application's (Spring Modulith), so a new module needs no edit here, only its two bundle files.
     */
    private static final List<String> MODULES = ApplicationModules.of(QualityCityApplication.class).stream()
            .map(m -> m.getIdentifier().toString()).filter(m -> !m.equals("platform")).sorted().toList();

    /** Each module's bundle exists in both languages and is registered in {@code spring.messages.basename}. */
    @Test
    void everyModuleHasBothBundlesAndAllAreRegistered() throws IOException {
        assertThat(MODULES).hasSizeGreaterThan(15).contains("complaint", "traceability");
        Set<String> expected = new TreeSet<>(List.of("i18n/messages"));
        MODULES.forEach(m -> expected.add("i18n/" + m + "_messages"));
        String yml = Files.readString(Path.of("src/main/resources/application.yml"));
        Matcher b = Pattern.compile("(?m)^\\s+basename:\\s*(.+)$").matcher(yml);
        assertThat(b.find()).as("spring.messages.basename in application.yml").isTrue();
        Set<String> registered = new TreeSet<>(List.of(b.group(1).strip().split("\\s*,\\s*")));
        assertThat(registered).as("spring.messages.basename = messages + one bundle per module").isEqualTo(expected);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            Set<String> onDisk = new TreeSet<>(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".properties")).map(f -> "i18n/" + f.replaceAll("(_en)?\\.properties$", ""))
                    .toList());
            assertThat(onDisk).as("bundle files in src/main/resources/i18n").isEqualTo(expected);
        }
        for (String m : MODULES) {
            assertThat(load(m + "_messages.properties").stringPropertyNames()).as(m + " zh").isNotEmpty();
            assertThat(load(m + "_messages_en.properties").stringPropertyNames()).as(m + " en").isNotEmpty();
        }
    }

    private static final Pattern USED = Pattern.compile(
            "(?:Text\\.of|Texts\\.msg|\\bmsg)\\(\\s*\"([a-z][a-zA-Z0-9.-]*[a-zA-Z0-9])\"\\s*[,)]"
                    + "|message = \"\\{([a-z][a-zA-Z0-9.-]*)}\""
                    + "|Column<>\\(\\s*\"([a-z]+\\.[a-zA-Z0-9.-]+)\"");
    private static final Pattern PERMISSION = Pattern.compile("\"([a-z]+):([a-z-]+):([a-z-]+)\"");

    @Test
    void everyKeyUsedInJavaExistsInChineseAndEnglish() throws IOException {
        Set<String> zh = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        for (String m : MODULES) {
            zh.addAll(load(m + "_messages.properties").stringPropertyNames());
            en.addAll(load(m + "_messages_en.properties").stringPropertyNames());
        }
        Set<String> used = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = USED.matcher(src);
                while (m.find()) {
                    String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    used.add(key);
                }
                String name = f.getFileName().toString();
                if (name.endsWith("Permissions.java") || name.equals("EnterpriseAccountAdministration.java")) {
                    Matcher p = PERMISSION.matcher(src);
                    while (p.find()) {
                        used.add(new Permission(p.group(1) + ":" + p.group(2) + ":" + p.group(3)).labelKey());
                    }
                }
            }
        }
        for (String k : used) {
            if (!zh.contains(k)) {
                missing.add("zh: " + k);
            }
            if (!en.contains(k)) {
                missing.add("en: " + k);
            }
        }
        assertThat(used).hasSizeGreaterThan(150);
        assertThat(missing).as("message keys used in Java but missing from a bundle").isEmpty();
    }

    /** A key defined twice (in one bundle or in two) silently hides one of its texts. */
    @Test
    void noKeyIsDefinedTwice() throws IOException {
        for (String suffix : List.of(".properties", "_en.properties")) {
            List<String> seen = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            List<String> names = new ArrayList<>(List.of("messages" + suffix));
            MODULES.forEach(m -> names.add(m + "_messages" + suffix));
            for (String name : names) {
                for (String line : Files.readAllLines(Path.of("src/main/resources/i18n/" + name))) {
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || !t.contains("=")) {
                        continue;
                    }
                    String key = t.substring(0, t.indexOf('=')).strip();
                    if (seen.contains(key)) {
                        twice.add(name + ": " + key);
                    }
                    seen.add(key);
                }
            }
            assertThat(twice).as("keys defined twice").isEmpty();
        }
    }

    @Test
    void keysBuiltAtRunTimeExist() throws IOException {
        Properties zh = load("task_messages.properties");
        Properties en = load("task_messages_en.properties");
        for (String lv : List.of("BLUE", "YELLOW", "RED")) {
            assertThat(zh.getProperty("task.notice." + lv)).isNotBlank();
            assertThat(en.getProperty("task.notice." + lv)).isNotBlank();
        }
        Properties czh = load("complaint_messages.properties");
        Properties cen = load("complaint_messages_en.properties");
        for (String kind : List.of("ACCEPT", "CHECK", "REPLY")) {
            assertThat(czh.getProperty("complaint.deadline.kind." + kind)).isNotBlank();
            assertThat(cen.getProperty("complaint.deadline.kind." + kind)).isNotBlank();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageKeysTest.class.getResourceAsStream("/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
