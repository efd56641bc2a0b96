package org.qualitycity.survey;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.TestClockConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4, second half: with demo data off (QC_DEMO=false) there are no demo surveys and S1, S2 and W3 have no
 * generated values. Same configuration as AuditRetentionTest, so that both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {org.qualitycity.QualityCityApplication.class, TestClockConfig.class},
        properties = {"qc.data-dir=${qc.test.data-dir:target/test-data}-audit-retention", "qc.demo=false",
                "qc.audit.retention-days=180", "spring.main.allow-bean-definition-overriding=true"})
class SurveyWithoutDemoTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutDemoDataS1S2AndW3HaveNoGeneratedValues() {
        assertThat(jdbc.sql("SELECT count(*) FROM survey WHERE demo").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM indicator_value WHERE element_code IN (:e)")
                .param("e", List.of("S1_SCORE_SUM", "S1_RESPONSES", "S2_SCORE_SUM", "S2_RESPONSES", "W3_SCORE_SUM",
                        "W3_RESPONSES")).query(Long.class).single()).isZero();
    }
}
