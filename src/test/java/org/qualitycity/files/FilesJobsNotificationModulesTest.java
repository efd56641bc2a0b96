package org.qualitycity.files;

import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three shared services (files, jobs, notification) are modules of their own that keep Spring
 * Modulith's rules and depend on the platform only, so that every operational module may use them.
 */
class FilesJobsNotificationModulesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(QualityCityApplication.class);

    @Test
    void theModulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void eachSharedServiceDependsOnThePlatformOnly() {
        for (String name : List.of("files", "jobs", "notification")) {
            ApplicationModule module = MODULES.getModuleByName(name).orElseThrow(() -> new AssertionError("no module " + name));
            List<String> dependencies = module.getDirectDependencies(MODULES).uniqueModules()
                    .map(ApplicationModule::getIdentifier).map(Object::toString).distinct().toList();
            assertThat(dependencies).as(name).containsExactly("platform");
        }
    }
}
