package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Module boundaries: no module reaches into another's internals; writes the module diagram to docs/. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(QualityCityApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
        assertThat(MODULES.getModuleByName("platform")).isPresent();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
