package org.qualitycity.complaint.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics answered from the monthly summary (plus unfolded deltas) equal the statistics counted
 * from the cases, for the last twelve months and for ten years, in every scope, before and after the
 * deltas of new and changed cases are folded.
 */
@QcIntegrationTest
class ComplaintStatsSummaryTest {

    @LocalServerPort
    int port;
    @Autowired
    ComplaintStats stats;
    @Autowired
    JdbcClient jdbc;

    private CurrentUser user(String unitCode, DataScope.Kind kind) {
        var u = jdbc.sql("SELECT id, code, path FROM platform_unit WHERE code = :c").param("c", unitCode).query().singleRow();
        return new CurrentUser(-1, "stats-test", "stats-test", ((Number) u.get("id")).longValue(), unitCode, unitCode,
                (String) u.get("path"), kind, Set.of(), Set.of());
    }

    private void assertSame(CurrentUser user, YearMonth from, YearMonth to) {
        ComplaintStats.Stats fromSummary = stats.stats(from, to, user);
        ComplaintStats.Stats counted = stats.direct(from, to, user);
        assertThat(fromSummary).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(counted);
    }

    private void assertAllSame() {
        YearMonth last = YearMonth.from(new TestApi(port).today()).minusMonths(1);
        for (CurrentUser u : new CurrentUser[]{user("421200", DataScope.Kind.ALL),
                user("421222", DataScope.Kind.UNIT_AND_BELOW)}) {
            assertSame(u, last.minusMonths(11), last);
            assertSame(u, YearMonth.of(2017, 1), YearMonth.of(2026, 10));
            assertSame(u, YearMonth.of(2019, 1), YearMonth.of(2019, 12));
        }
    }

    @Test
    void theSummaryAnswersExactlyWhatCountingTheCasesAnswers() {
        stats.fold();
        assertThat(jdbc.sql("SELECT count(*) FROM complaint_stat_month").query(Long.class).single()).isPositive();
        assertAllSame();
        // a direct count of the ten years
        CurrentUser city = user("421200", DataScope.Kind.ALL);
        assertThat(stats.stats(YearMonth.of(2017, 1), YearMonth.of(2026, 10), city).total())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM complaint_case WHERE repeat_of_id IS NULL "
                        + "AND received_on BETWEEN DATE '2017-01-01' AND DATE '2026-10-31'").query(Long.class).single());

        // new and changed cases count at once, through the deltas, and after folding
        TestApi api = new TestApi(port);
        var receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "统计测试商行",
                ComplaintFixtures.freshPhone()));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        long id = ComplaintFixtures.idOf(api, receipt.json().get("trackingCode").asText());
        assertAllSame();
        jdbc.sql("""
                UPDATE complaint_case SET decided_on = received_on + 3, handled_on = received_on + 17,
                       outcome = 'AGREEMENT', money_recovered = 120.50, satisfaction = 'SATISFIED' WHERE id = :id
                """).param("id", id).update();
        assertAllSame();
        jdbc.sql("UPDATE complaint_case SET received_on = received_on - 40 WHERE id = :id").param("id", id).update();
        assertAllSame();
        stats.fold();
        assertAllSame();
    }
}
