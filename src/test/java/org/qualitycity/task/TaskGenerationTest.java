package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.Plans;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 1: the bundled plan's 57 measures, the units' work plans and the recurring duties become tasks. */
@QcIntegrationTest
class TaskGenerationTest {

    @LocalServerPort
    int port;
    @Autowired
    Plans plans;
    @Autowired
    org.qualitycity.platform.Units units;

    @Test
    void everyMeasureIsATaskWithALeadUnitAndADeadlineInsideItsPhase() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        JsonNode page = api.get("/api/v1/tasks?kind=MEASURE&size=200", admin).json();
        assertThat(page.get("total").asLong()).isEqualTo(57);
        String planId = plans.current().id();
        Map<String, Phase> phases = new HashMap<>();
        plans.phases(planId).forEach(p -> phases.put(p.code(), p));
        Map<String, Measure> measures = new HashMap<>();
        for (MeasureGroup g : plans.measureGroups(planId)) {
            g.measures().forEach(m -> measures.put(m.code(), m));
        }
        assertThat(measures).hasSize(57);
        for (JsonNode t : page.get("items")) {
            Measure m = measures.remove(t.get("measureCode").asText());
            assertThat(m).as("task %s matches a measure once", t.get("measureCode")).isNotNull();
            assertThat(t.get("leadUnit").asText()).isEqualTo(m.leadUnit());
            Phase phase = phases.get(m.phase());
            LocalDate deadline = LocalDate.parse(t.get("deadline").asText());
            assertThat(phase.contains(deadline)).as("deadline %s inside %s", deadline, phase.code()).isTrue();
            assertThat(deadline).isEqualTo(phase.end());
            assertThat(t.get("state").asText()).isIn("CREATED", "ASSIGNED", "ACKNOWLEDGED", "IN_PROGRESS", "FEEDBACK",
                    "REVIEW", "CLOSED");
        }
        assertThat(measures).isEmpty();
    }

    @Test
    void everyDistrictZoneAndDepartmentHasAWorkPlanTaskDueOn20170720WithADocument() {
        TestApi api = new TestApi(port);
        JsonNode page = api.get("/api/v1/tasks?kind=WORK_PLAN&size=200", api.token("admin")).json();
        // the units that existed when the tasks were generated (the seeded ones; other tests add districts later)
        long expected = units.all().stream().filter(u -> u.active() && ((u.isArea()
                && u.code().matches("4212\\d\\d|421200GX")) || u.kind() == org.qualitycity.platform.Unit.Kind.DEPARTMENT))
                .count();
        assertThat(expected).isGreaterThanOrEqualTo(7 + 20);
        assertThat(page.get("total").asLong()).isEqualTo(expected);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode t : page.get("items")) {
            assertThat(t.get("deadline").asText()).isEqualTo("2017-07-20");
            assertThat(t.get("requiresDocument").asBoolean()).isTrue();
            assertThat(seen.add(t.get("leadUnit").asText())).isTrue();
        }
        assertThat(seen).contains("421222", "421281", "421200GX", "421200-SCJG");
        // a district officer sees its own work plan only
        JsonNode mine = api.get("/api/v1/tasks?kind=WORK_PLAN", api.token("tongcheng")).json();
        assertThat(mine.get("total").asLong()).isEqualTo(1);
        assertThat(mine.get("items").get(0).get("leadUnit").asText()).isEqualTo("421222");
    }

    @Test
    void recurringDutiesBecomeOneTaskPerOccurrence() {
        TestApi api = new TestApi(port);
        JsonNode page = api.get("/api/v1/tasks?kind=RECURRING&measure=M01.1&size=200", api.token("admin")).json();
        var plan = plans.current();
        int years = plan.endDate().getYear() - plan.startDate().getYear() + 1;
        assertThat(page.get("total").asLong()).isEqualTo(years);
        for (JsonNode t : page.get("items")) {
            assertThat(t.get("deadline").asText()).endsWith("-12-31");
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    /**
     * PlanChanged re-synchronises open generated tasks with the plan's lead units (the plan itself is shared by all
     * tests, so the task is moved away from its measure's lead unit and the event brings it back) and creates no
     * duplicates.
     */
    @Test
    void planChangedBringsOpenTasksBackToTheMeasuresLeadUnitWithoutDuplicates() throws InterruptedException {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String planId = plans.current().id();
        // an open measure task (the demo leaves three under review; closed tasks keep their unit)
        JsonNode open = api.get("/api/v1/tasks?kind=MEASURE&state=REVIEW", admin).json();
        assertThat(open.get("total").asLong()).isPositive();
        long id = open.get("items").get(0).get("id").asLong();
        String code = open.get("items").get(0).get("measureCode").asText();
        Measure m = plans.measureGroups(planId).stream().flatMap(g -> g.measures().stream())
                .filter(x -> x.code().equals(code)).findFirst().orElseThrow();
        String elsewhere = "421200-TJJ".equals(m.leadUnit()) ? "421200-KJJ" : "421200-TJJ";
        jdbc.sql("UPDATE task_task SET unit_id = (SELECT id FROM platform_unit WHERE code = :c) WHERE id = :id")
                .param("c", elsewhere).param("id", id).update();
        assertThat(api.get("/api/v1/tasks/" + id, admin).json().get("task").get("leadUnit").asText())
                .isEqualTo(elsewhere);
        tx.executeWithoutResult(s -> events.publishEvent(new org.qualitycity.plan.PlanChanged(planId,
                plans.current().version(), "test", true)));
        // the regeneration listens to PlanChanged after the commit: await its effect
        Await.until("the task's lead unit back to the measure's after PlanChanged",
                () -> api.get("/api/v1/tasks/" + id, admin).json().get("task").get("leadUnit").asText(),
                lead -> lead.equals(m.leadUnit()));
        assertThat(api.get("/api/v1/tasks?kind=MEASURE&size=200", admin).json().get("total").asLong()).isEqualTo(57);
    }
}
