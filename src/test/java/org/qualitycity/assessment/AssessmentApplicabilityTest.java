package org.qualitycity.assessment;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 6: an item with nothing to score is left out, the total is scaled to the applicable maximum, a
 * unit with nothing to assess is not ranked (no longer first with full points), ties share a rank explicitly.
 */
@QcIntegrationTest
class AssessmentApplicabilityTest {

    static final int YEAR = 2019;
    static final Set<String> SCORED = Set.of("IND", "TASK", "REP");

    @LocalServerPort
    int port;

    @Test
    void notApplicableItemsAreLeftOutAndTheTotalIsScaled() throws InterruptedException {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long job = api.post("/api/v1/assessments/" + YEAR + "/run", null, admin).json().get("jobId").asLong();
        Await.jobSucceeded(api, job, admin);
        JsonNode a = api.get("/api/v1/assessments/" + YEAR + "?lang=en", admin).json();
        int unranked = 0;
        int scaled = 0;
        for (String group : new String[]{"districts", "departments"}) {
            for (JsonNode s : a.get(group)) {
                BigDecimal earned = BigDecimal.ZERO;
                BigDecimal applicableMax = BigDecimal.ZERO;
                BigDecimal scoredMax = BigDecimal.ZERO;
                BigDecimal scale = null;
                String scaleDetail = null;
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode l : s.get("lines")) {
                    BigDecimal points = new BigDecimal(l.get("points").asText());
                    sum = sum.add(points);
                    String code = l.get("code").asText();
                    if (SCORED.contains(code)) {
                        BigDecimal max = new BigDecimal(l.get("maxPoints").asText());
                        scoredMax = scoredMax.add(max);
                        if (l.get("detail").asText().contains("not applicable")) {
                            assertThat(points).as("%s %s left out", s.get("unitCode"), code).isEqualByComparingTo("0");
                        } else {
                            applicableMax = applicableMax.add(max);
                            earned = earned.add(points);
                        }
                    } else if (code.equals("SCALE")) {
                        scale = points;
                        scaleDetail = l.get("detail").asText();
                    }
                }
                assertThat(sum).as("lines of %s sum to the total", s.get("unitCode"))
                        .isEqualByComparingTo(new BigDecimal(s.get("total").asText()));
                if (applicableMax.signum() == 0) {
                    unranked++;
                    assertThat(s.get("rank").isNull()).as("%s has nothing to assess: not ranked", s.get("unitCode"))
                            .isTrue();
                    assertThat(s.get("rankNote").asText()).isEqualTo("not ranked");
                    assertThat(earned.add(scale == null ? BigDecimal.ZERO : scale)).isEqualByComparingTo("0");
                } else if (applicableMax.compareTo(scoredMax) < 0) {
                    scaled++;
                    BigDecimal expected = earned.multiply(scoredMax).divide(applicableMax, 2, RoundingMode.HALF_UP);
                    assertThat(scale).as("%s has a scaling line", s.get("unitCode")).isNotNull();
                    assertThat(earned.add(scale)).isEqualByComparingTo(expected);
                    assertThat(scaleDetail).isEqualTo(earned.setScale(2).toPlainString() + " of "
                            + applicableMax.setScale(2).toPlainString() + " applicable points, scaled to "
                            + expected.toPlainString() + " of " + scoredMax.setScale(2).toPlainString());
                    assertThat(s.get("rank").isNull()).isFalse();
                } else {
                    assertThat(scale).as("%s: everything applies, nothing to scale", s.get("unitCode")).isNull();
                }
                if (!s.get("rank").isNull()) {
                    long same = 0;
                    for (JsonNode o : a.get(group)) {
                        same += !o.get("rank").isNull() && o.get("rank").asInt() == s.get("rank").asInt() ? 1 : 0;
                    }
                    assertThat(s.get("tied").asBoolean()).isEqualTo(same > 1);
                    assertThat(s.get("rankNote").asText()).isEqualTo(same > 1 ? "tied" : "");
                }
            }
        }
        assertThat(unranked).as("departments with nothing to do are not ranked").isPositive();
        assertThat(scaled).as("some units have items that do not apply").isPositive();
        // the Chinese breakdown says the same through the zh bundle
        JsonNode zh = api.get("/api/v1/assessments/" + YEAR + "?lang=zh-CN", admin).json();
        assertThat(zh.toString()).contains("适用满分").contains("不排名");
    }
}
