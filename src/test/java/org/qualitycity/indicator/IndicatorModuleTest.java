package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.support.QcModuleTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicator module with the modules it depends on (platform, plan, calendar, jobs, notification) and none of
 * the operational modules that supply computed values: a provider of this test stands in for them. When a provider
 * announces {@link ComputedDataChanged}, the engine pulls the new values after the commit, stores them as computed
 * values and recomputes the indicator's results; the engine knows the provider through the SPI only.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@QcModuleTest
class IndicatorModuleTest {

    /** P7 (international standards adopted, yearly) is the enterprise module's element in the plan. */
    static final String ELEMENT = "P7_ADOPTED";
    static final int YEAR = 2019;

    /** Stands in for the enterprise module: the values it would compute from its records. */
    static final class StandInProvider implements ComputedElementProvider {

        final Map<Long, BigDecimal> byUnit = new ConcurrentHashMap<>();

        @Override
        public Set<String> elements() {
            return Set.of(ELEMENT);
        }

        @Override
        public List<ElementValue> values(String element, int year) {
            return year != YEAR ? List.of() : byUnit.entrySet().stream()
                    .map(e -> new ElementValue(e.getKey(), Period.year(year), e.getValue())).toList();
        }

        @Override
        public String drillDownLink(String element, String unitCode, Period period) {
            return null;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StandInConfig {
        @Bean
        StandInProvider standInProvider() {
            return new StandInProvider();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    StandInProvider provider;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;

    @Test
    void bootstrapsWithoutTheProvidingModules() {
        assertThat(context.getBeanNamesForType(org.qualitycity.plan.Plans.class)).isNotEmpty();
        for (String other : List.of("org.qualitycity.enterprise.Enterprises", "org.qualitycity.spotcheck.SpotcheckRecords",
                "org.qualitycity.task.internal.TaskService", "org.qualitycity.complaint.internal.ComplaintService")) {
            assertThat(context.getBeanDefinitionNames()).as(other)
                    .noneMatch(name -> context.getType(name) != null && context.getType(name).getName().equals(other));
        }
        assertThat(context.getBeansOfType(ComputedElementProvider.class)).containsKey("standInProvider")
                .allSatisfy((name, p) -> assertThat(p.getClass().getPackageName())
                        .as("no provider of an operational module").isEqualTo("org.qualitycity.indicator"));
    }

    @Test
    void aProvidersChangeIsPulledAndRecomputedAfterTheCommit(Scenario scenario) {
        Unit area = units.areas().get(0);
        provider.byUnit.put(area.id(), new BigDecimal("4321"));

        scenario.publish(new ComputedDataChanged(Set.of(ELEMENT), Set.of(YEAR)))
                .andWaitAtMost(Duration.ofMinutes(3))
                .andWaitForStateChange(() -> result(area.id()), Optional::isPresent)
                .andVerify(result -> assertThat(result.orElseThrow()).isEqualByComparingTo("4321"));

        assertThat(jdbc.sql("SELECT source || ':' || status || ':' || value FROM indicator_value "
                        + "WHERE element_code = :e AND unit_id = :u AND period = :p")
                .param("e", ELEMENT).param("u", area.id()).param("p", String.valueOf(YEAR)).query(String.class).list())
                .as("stored as a computed value, approved on arrival").containsExactly("COMPUTED:APPROVED:4321.000000");
    }

    /** P7's result of the unit for the year, once a recompute wrote the provider's value. */
    private Optional<BigDecimal> result(long unitId) {
        return jdbc.sql("SELECT value FROM indicator_result WHERE indicator_code = 'P7' AND unit_id = :u "
                        + "AND period = :p AND value = 4321")
                .param("u", unitId).param("p", String.valueOf(YEAR)).query(BigDecimal.class).optional();
    }
}
