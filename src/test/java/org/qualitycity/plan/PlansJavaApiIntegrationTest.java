package org.qualitycity.plan;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.internal.PlanInvalidException;
import org.qualitycity.plan.internal.PlanService;
import org.qualitycity.plan.internal.PlanSource;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Plans} bean as other modules use it, and the {@link PlanChanged} event. */
@QcIntegrationTest
@RecordApplicationEvents
class PlansJavaApiIntegrationTest {

    @Autowired
    Plans plans;
    @Autowired
    PlanService service;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEvents events;
    @Autowired
    CacheManager caches;
    @Autowired
    ApplicationEventPublisher publisher;

    @Test
    void otherModulesReadTheCurrentPlan() {
        PlanInfo current = plans.current();
        assertThat(current.id()).isEqualTo(PlanTestFiles.BUNDLED_ID);
        assertThat(current.current()).isTrue();
        assertThat(current.ownerUnit()).isEqualTo("421200-ZQB");
        assertThat(current.endDate()).isEqualTo(LocalDate.of(2020, 12, 31));
        assertThat(plans.find("no-such-plan")).isEmpty();
        assertThat(plans.all()).extracting(PlanInfo::id).contains(PlanTestFiles.BUNDLED_ID);

        List<IndicatorDefinition> indicators = plans.indicators(current.id());
        assertThat(indicators).hasSize(46);
        assertThat(indicators.get(0).code()).as("plan order").isEqualTo("P1");
        IndicatorDefinition p2 = plans.indicator(current.id(), "P2").orElseThrow();
        assertThat(p2.isRatio()).isTrue();
        assertThat(p2.numerator().code()).isEqualTo("P2_PASSED");
        assertThat(p2.denominator().code()).isEqualTo("P2_TESTED");
        assertThat(p2.factor()).isEqualByComparingTo("100");
        assertThat(p2.periodType()).isEqualTo(IndicatorDefinition.PeriodType.QUARTER);
        assertThat(p2.target().kind()).isEqualTo(TargetRule.Kind.GE);
        assertThat(p2.target().value()).isEqualByComparingTo("95");
        assertThat(p2.measureCodes()).containsExactly("M05.1");
        assertThat(p2.elements()).hasSize(2);
        IndicatorDefinition p5 = plans.indicator(current.id(), "P5").orElseThrow();
        assertThat(p5.elements()).extracting(DataElement::code).containsExactly("P5_NOTIFIED", "P5_EXPORTED", "P5_NATIONAL_AVG");
        assertThat(p5.comparator().reportedBy()).isEqualTo("421200-HG");
        IndicatorDefinition g1a = plans.indicator(current.id(), "G1a").orElseThrow();
        assertThat(g1a.elements()).extracting(DataElement::code)
                .containsExactly("G1_PROVINCE_RANK", "G1_GOOD_DAYS", "G1_VALID_DAYS");
        assertThat(plans.indicator(current.id(), "W2b").orElseThrow().aggregation())
                .isEqualTo(IndicatorDefinition.Aggregation.SUM_RATIO);

        assertThat(plans.indicatorGroups(current.id())).extracting(IndicatorGroup::code).containsExactly("G1", "W1", "W2");
        List<MeasureGroup> groups = plans.measureGroups(current.id());
        assertThat(groups).hasSize(12);
        assertThat(groups.stream().mapToInt(g -> g.measures().size()).sum()).isEqualTo(57);
        Measure m12 = groups.get(0).measures().get(1);
        assertThat(m12.groupCode()).isEqualTo("MG01");
        assertThat(m12.milestones()).containsExactly("UNIT_PLANS_DUE");
        assertThat(plans.phases(current.id())).extracting(Phase::code).containsExactly("MOBILISATION", "IMPLEMENTATION",
                "SELF_CHECK", "PRE_ACCEPTANCE", "ACCEPTANCE_APPLICATION");
        assertThat(plans.milestones(current.id()).get(0).date()).isEqualTo(LocalDate.of(2017, 7, 20));
    }

    @Test
    void readsInsideATransactionAnswerToo() {
        // demo-data contributors read the plan inside their transaction
        Integer count = tx.execute(s -> plans.indicators(plans.current().id()).size());
        assertThat(count).isEqualTo(46);
    }

    @Test
    void importsAndEditsArePublishedAsPlanChanged() {
        String id = "java-" + UUID.randomUUID().toString().substring(0, 8);
        PlanInfo imported = service.importPlan(PlanTestFiles.copy(id), PlanSource.Format.YAML, false);
        assertThat(imported.version()).isEqualTo(1);
        assertThat(imported.current()).isFalse();
        service.updateMeasureUnits(id, "M06.4", "421200-ZJJ", List.of("421200-ZRZY"));
        assertThat(events.stream(PlanChanged.class).filter(e -> e.planId().equals(id)))
                .containsExactly(new PlanChanged(id, 1, "IMPORTED", false),
                        new PlanChanged(id, 2, "MEASURE_UNITS_EDITED", false));
        assertThat(plans.find(id).orElseThrow().version()).isEqualTo(2);
        assertThat(plans.measureGroups(id).get(5).measures().get(3).coUnits()).containsExactly("421200-ZRZY");

        long before = events.stream(PlanChanged.class).count();
        assertThatThrownBy(() -> service.replace(id, PlanTestFiles.copy(id).replace("phase: IMPLEMENTATION", "phase: LATER"),
                PlanSource.Format.YAML)).isInstanceOf(PlanInvalidException.class);
        assertThat(events.stream(PlanChanged.class).count()).as("nothing published for a refused file").isEqualTo(before);
        assertThat(plans.find(id).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void readsAreCachedBySpringsCacheAbstractionAndPlanChangedEmptiesTheCache() {
        String id = plans.current().id();
        plans.indicators(id);
        Cache snapshots = caches.getCache("plan.snapshots");
        assertThat(snapshots).as("the plan cache of the application's cache manager").isNotNull();
        assertThat(snapshots.get(id)).as("cached after a read").isNotNull();
        assertThat(caches.getCache("plan.current").get("current")).isNotNull();
        // a missing plan is not cached: it may be imported a moment later
        assertThat(plans.find("no-such-plan")).isEmpty();
        assertThat(snapshots.get("no-such-plan")).isNull();

        // heard after the commit of the transaction that publishes it
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(new PlanChanged(id, plans.current().version(), "REPLACED", false));
            assertThat(snapshots.get(id)).as("not before the commit").isNotNull();
        });
        assertThat(snapshots.get(id)).as("emptied on PlanChanged").isNull();
        assertThat(caches.getCache("plan.current").get("current")).isNull();
        assertThat(plans.indicators(id)).hasSize(46);
        assertThat(snapshots.get(id)).isNotNull();
    }

    @Test
    void aChangeEmptiesTheCacheSoThatTheNextReadSeesIt() {
        String id = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(plans.find(id)).isEmpty();
        service.importPlan(PlanTestFiles.copy(id), PlanSource.Format.YAML, false);
        assertThat(plans.find(id).orElseThrow().version()).isEqualTo(1);
        assertThat(plans.measureGroups(id).get(5).measures().get(3).leadUnit()).isEqualTo("421200-ZJJ");
        service.updateMeasureUnits(id, "M06.4", "421200-ZRZY", List.of());
        assertThat(plans.find(id).orElseThrow().version()).isEqualTo(2);
        assertThat(plans.measureGroups(id).get(5).measures().get(3).leadUnit()).isEqualTo("421200-ZRZY");
    }
}
