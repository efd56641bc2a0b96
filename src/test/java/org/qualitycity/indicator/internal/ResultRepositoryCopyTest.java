package org.qualitycity.indicator.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recompute writes its results with {@code COPY} (issue 13): every value arrives as the batched INSERT stored it —
 * decimals rounded by the column, nulls, booleans, and text with tabs, backslashes, quotes and Chinese in the
 * missing-members array and the other text columns.
 */
@QcIntegrationTest
class ResultRepositoryCopyTest {

    @Autowired
    ResultRepository results;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void copiedResultsReadBackExactlyAsWritten() {
        long unit = jdbc.sql("SELECT min(id) FROM platform_unit").query(Long.class).single();
        List<String> members = List.of("乡镇\t\"甲\"", "back\\slash", "逗号,{括号}", "NULL", "");
        var full = new ResultRepository.Result("T13COPY", unit, "2990Q1", "QUARTER", 2990,
                new BigDecimal("95.123456789012345678901234567890"), new BigDecimal("12.3456785"), new BigDecimal("13"),
                new BigDecimal("-0.0000001"), "GE", new BigDecimal("95"), "MET", new BigDecimal("1E+3"),
                "RATE_RECENT:3/4\n\\x", true, "EACH_MEMBER", new BigDecimal("3"), new BigDecimal("2.5"),
                "2017-01-01/2990-03-31", members, new BigDecimal("0.33333333333"));
        var empty = new ResultRepository.Result("T13COPY", unit, "2990", "YEAR", 2990, null, null, null, null, null,
                null, "NO_DATA", null, null, false, null, null, null, null, List.of(), null);
        tx.executeWithoutResult(s -> {
            results.replace(2990, List.of("T13COPY"), List.of(full, empty));
            Map<String, Object> q = jdbc.sql("SELECT * FROM indicator_result WHERE indicator_code = 'T13COPY' AND period = '2990Q1'")
                    .query().singleRow();
            assertThat(q.get("value")).isEqualTo(new BigDecimal("95.1234567890"));
            assertThat(q.get("numerator")).isEqualTo(new BigDecimal("12.345679"));
            assertThat(q.get("denominator")).isEqualTo(new BigDecimal("13.000000"));
            assertThat(q.get("comparator")).isEqualTo(new BigDecimal("-0.000000"));
            assertThat(q.get("projection")).isEqualTo(new BigDecimal("1000.0000000000"));
            assertThat(q.get("projection_method")).isEqualTo("RATE_RECENT:3/4\n\\x");
            assertThat(q.get("approved")).isEqualTo(true);
            assertThat(q.get("basis_span")).isEqualTo("2017-01-01/2990-03-31");
            assertThat(q.get("demo_share")).isEqualTo(new BigDecimal("0.333333"));
            assertThat(q.get("period_type")).isEqualTo("QUARTER");
            assertThat(q.get("year")).isEqualTo(2990);
            try {
                assertThat(Arrays.asList((Object[]) ((Array) q.get("missing_members")).getArray()))
                        .containsExactlyElementsOf(members);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> e = jdbc.sql("SELECT * FROM indicator_result WHERE indicator_code = 'T13COPY' AND period = '2990'")
                    .query().singleRow();
            assertThat(e.get("value")).isNull();
            assertThat(e.get("target_kind")).isNull();
            assertThat(e.get("approved")).isEqualTo(false);
            assertThat(e.get("status")).isEqualTo("NO_DATA");
            try {
                assertThat((Object[]) ((Array) e.get("missing_members")).getArray()).isEmpty();
            } catch (java.sql.SQLException x) {
                throw new IllegalStateException(x);
            }
            // replacing again leaves one row per key
            results.replace(2990, List.of("T13COPY"), List.of(empty));
            assertThat(jdbc.sql("SELECT count(*) FROM indicator_result WHERE indicator_code = 'T13COPY'")
                    .query(Long.class).single()).isEqualTo(1L);
            s.setRollbackOnly();
        });
    }
}
