package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module boundaries: no module reaches into another's internals, and each depends only on the modules its
 * {@code package-info.java} allows ({@code @ApplicationModule(allowedDependencies = ...)}), which are the
 * modules the table in docs/architecture.md lists. Writes the module diagrams to docs/modules.
 * The SQL side of the boundaries (no module reads another's tables) is {@link SqlTableBoundaryTest}.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(QualityCityApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
        assertThat(MODULES.getModuleByName("platform")).isPresent();
    }

    /** The declared dependencies are the architecture table's, and each one is used (no stale permission). */
    @Test
    void declaredDependenciesAreTheDocumentedOnesAndAreUsed() throws IOException {
        Map<String, Set<String>> documented = documentedDependencies();
        Map<String, Set<String>> declared = new TreeMap<>();
        Map<String, Set<String>> used = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            String name = module.getIdentifier().toString();
            declared.put(name, declaredDependencies(module.getBasePackage().getName()));
            used.put(name, module.getDirectDependencies(MODULES).uniqueModules()
                    .map(m -> m.getIdentifier().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(declared).as("allowedDependencies of each package-info vs. docs/architecture.md")
                .isEqualTo(documented);
        assertThat(used).as("dependencies in the code vs. the declared ones").isEqualTo(declared);
    }

    private static Set<String> declaredDependencies(String basePackage) {
        try {
            var annotation = Class.forName(basePackage + ".package-info")
                    .getAnnotation(org.springframework.modulith.ApplicationModule.class);
            assertThat(annotation).as("@ApplicationModule on " + basePackage).isNotNull();
            assertThat(annotation.allowedDependencies()).as("allowedDependencies of " + basePackage)
                    .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN);
            return Arrays.stream(annotation.allowedDependencies()).map(d -> d.split("::")[0].trim())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no package-info in " + basePackage, e);
        }
    }

    /** The "depends on" column of the module table: "platform, plan, indicator (SPI)"; "—" for none. */
    static Map<String, Set<String>> documentedDependencies() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        String section = doc.substring(doc.indexOf("## Modules"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : section.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 5 || !cells[2].trim().startsWith("`org.qualitycity.")) {
                continue;
            }
            Set<String> deps = new TreeSet<>();
            for (String d : cells[cells.length - 1].split(",")) {
                String name = d.replaceAll("\\(.*?\\)", "").trim();
                if (!name.isEmpty() && !name.equals("—")) {
                    deps.add(name);
                }
            }
            table.put(cells[1].trim(), deps);
        }
        assertThat(table).as("module table of docs/architecture.md").isNotEmpty();
        return table;
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
