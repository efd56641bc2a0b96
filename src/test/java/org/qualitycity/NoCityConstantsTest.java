package org.qualitycity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No city constants in Java: the city is data (the unit tree file, unit roles, the plan file, message templates,
 * configuration). Every source file under {@code src/main/java} except the demo-data contributors
 * ({@code *DemoData.java}) is free of Xianning's division codes and of a hard-coded time zone.
 */
class NoCityConstantsTest {

    static final List<String> FORBIDDEN = List.of("4212", "421200", "Asia/Shanghai");

    @Test
    void noSourceFileOutsideTheDemoDataNamesTheCity() throws IOException {
        Path root = Path.of("src", "main", "java");
        assertThat(root).isDirectory();
        List<String> hits = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().endsWith("DemoData.java")).toList()) {
                scanned++;
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (String s : FORBIDDEN) {
                        if (lines.get(i).contains(s)) {
                            hits.add(f + ":" + (i + 1) + ": " + s + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("source files scanned").isGreaterThan(100);
        assertThat(hits).as("city constants in src/main/java (put them in the unit tree file, a unit role, the plan, "
                + "a message template or configuration)").isEmpty();
    }
}
