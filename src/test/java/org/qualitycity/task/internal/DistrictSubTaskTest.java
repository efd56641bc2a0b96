package org.qualitycity.task.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Plans;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 item 5: measures flagged {@code involves_districts} get one sub-task per district and zone, once. */
@QcIntegrationTest
class DistrictSubTaskTest {

    @LocalServerPort
    int port;
    @Autowired
    Plans plans;
    @Autowired
    TaskGenerator generator;
    @Autowired
    TransactionTemplate tx;

    @Test
    void everyFlaggedMeasureHasOneSubTaskPerAreaOnGenerationAndResync() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        List<String> flagged = new ArrayList<>();
        for (MeasureGroup g : plans.measureGroups(plans.current().id())) {
            g.measures().stream().filter(Measure::involvesDistricts).forEach(m -> flagged.add(m.code()));
        }
        assertThat(flagged).contains("M01.4", "M11.3");
        // the seeded districts and the zone (other tests may add areas later; a re-sync gives them theirs too)
        Set<String> seeded = Set.of("421202", "421221", "421222", "421223", "421224", "421281", "421200GX");
        for (String code : flagged) {
            JsonNode parent = api.get("/api/v1/tasks?kind=MEASURE&measure=" + code, admin).json().get("items").get(0);
            Set<String> units = subTaskUnits(api, admin, code, parent.get("id").asLong(), parent.get("deadline").asText());
            assertThat(units).as("sub-tasks of %s", code).containsAll(seeded);
        }
        int before = count(api, admin, flagged);
        tx.execute(s -> generator.sync());
        tx.execute(s -> generator.sync());
        int after = count(api, admin, flagged);
        Set<String> areas = new HashSet<>();
        for (JsonNode u : api.get("/api/v1/units", admin).json()) {
            String kind = u.get("kind").asText();
            if ((kind.equals("DISTRICT") || kind.equals("ZONE")) && u.get("active").asBoolean()) {
                areas.add(u.get("code").asText());
            }
        }
        // an open measure task gets the sub-tasks of areas added since (other tests add districts); a closed one none
        int expected = 0;
        for (String code : flagged) {
            JsonNode parent = api.get("/api/v1/tasks?kind=MEASURE&measure=" + code, admin).json().get("items").get(0);
            expected += parent.get("state").asText().equals("CLOSED")
                    ? subTaskUnits(api, admin, code, parent.get("id").asLong(), parent.get("deadline").asText()).size()
                    : areas.size();
        }
        assertThat(after).as("re-sync creates each area's sub-task once").isEqualTo(expected);
        assertThat(after).isGreaterThanOrEqualTo(before);
        tx.execute(s -> generator.sync());
        assertThat(count(api, admin, flagged)).as("idempotent").isEqualTo(after);
        // a district officer sees its own sub-task
        JsonNode mine = api.get("/api/v1/tasks?kind=SUB&size=200&measure=M01.4", api.token("tongcheng")).json();
        List<String> leads = new ArrayList<>();
        mine.get("items").forEach(t -> leads.add(t.get("leadUnit").asText()));
        assertThat(leads).contains("421222");
    }

    private Set<String> subTaskUnits(TestApi api, String admin, String measure, long parentId, String deadline) {
        Set<String> units = new HashSet<>();
        for (JsonNode t : api.get("/api/v1/tasks?kind=SUB&size=200&measure=" + measure, admin).json().get("items")) {
            if (t.get("parentId").asLong() == parentId) {
                assertThat(units.add(t.get("leadUnit").asText())).as("one sub-task per area").isTrue();
                assertThat(t.get("deadline").asText()).isEqualTo(deadline);
            }
        }
        return units;
    }

    private int count(TestApi api, String admin, List<String> measures) {
        int n = 0;
        for (String code : measures) {
            JsonNode parent = api.get("/api/v1/tasks?kind=MEASURE&measure=" + code, admin).json().get("items").get(0);
            n += subTaskUnits(api, admin, code, parent.get("id").asLong(), parent.get("deadline").asText()).size();
        }
        return n;
    }
}
