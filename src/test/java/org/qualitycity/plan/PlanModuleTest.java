package org.qualitycity.plan;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.internal.PlanService;
import org.qualitycity.plan.internal.PlanSource;
import org.qualitycity.support.QcModuleTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan module on its own (with the platform it depends on, nothing else): it loads the bundled plan into a
 * fresh database, answers other modules through {@link Plans}, and announces imports and edits as
 * {@link PlanChanged} without knowing who listens.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@QcModuleTest
class PlanModuleTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Plans plans;
    @Autowired
    PlanService service;

    @Test
    void bootstrapsThePlanModuleWithThePlatformOnly() {
        assertThat(context.getBeanProvider(org.qualitycity.platform.Units.class).getIfAvailable()).isNotNull();
        for (Class<?> other : List.of(org.qualitycity.indicator.IndicatorResults.class,
                org.qualitycity.calendar.WorkingDayCalendar.class, org.qualitycity.jobs.Jobs.class,
                org.qualitycity.notification.Notifications.class)) {
            assertThat(context.getBeanNamesForType(other)).as(other.getSimpleName()).isEmpty();
        }
    }

    @Test
    void theBundledPlanIsCurrentInAFreshDatabase() {
        PlanInfo current = plans.current();
        assertThat(current.id()).isEqualTo(PlanTestFiles.BUNDLED_ID);
        assertThat(plans.indicators(current.id())).hasSize(46);
        assertThat(plans.indicator(current.id(), "P2").orElseThrow().numerator().code()).isEqualTo("P2_PASSED");
    }

    @Test
    void importsAndEditsArePublished(AssertablePublishedEvents events) {
        String id = "module-" + UUID.randomUUID().toString().substring(0, 8);
        service.importPlan(PlanTestFiles.copy(id), PlanSource.Format.YAML, false);
        service.updateMeasureUnits(id, "M06.4", "421200-ZJJ", List.of("421200-ZRZY"));

        assertThat(events.ofType(PlanChanged.class).matching(e -> e.planId().equals(id)))
                .extracting(PlanChanged::change).containsExactly("IMPORTED", "MEASURE_UNITS_EDITED");
        assertThat(plans.find(id).orElseThrow().version()).isEqualTo(2);
        assertThat(plans.current().id()).as("an import that is not made current leaves the current plan")
                .isEqualTo(PlanTestFiles.BUNDLED_ID);
    }
}
