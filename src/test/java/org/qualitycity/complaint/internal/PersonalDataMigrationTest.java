package org.qualitycity.complaint.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases stored before encryption (plain text) are encrypted, and get their look-up hashes, at the next start. */
@QcIntegrationTest
class PersonalDataMigrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalData personalData;
    @Autowired
    PersonalDataAtRest migration;

    @Test
    void plainTextPersonalDataIsEncryptedOnStartUp() {
        long id = jdbc.sql("""
                        INSERT INTO complaint_case (tracking_code, type, channel, category, respondent_name, district_unit_id,
                            unit_id, facts, person_name, person_phone, person_id_number, person_address, received_at,
                            received_on, status, accept_due)
                        SELECT 'T20200101-LEGACY', type, channel, category, respondent_name, district_unit_id, unit_id, facts,
                               '旧数据', '13800001111', '42122219800101123X', '旧地址1号', received_at, received_on, status,
                               accept_due
                        FROM complaint_case ORDER BY id LIMIT 1
                        RETURNING id
                        """).query(Long.class).single();

        Map<String, Object> row;
        try {
            migration.run(null);
            row = jdbc.sql("SELECT * FROM complaint_case WHERE id = :id").param("id", id).query().singleRow();
        } finally {
            // leave the figures of the demo data as they were
            jdbc.sql("DELETE FROM complaint_case WHERE id = :id").param("id", id).update();
        }
        for (String col : ComplaintService.PERSONAL_COLUMNS) {
            assertThat(PersonalData.isEncrypted((String) row.get(col))).as(col).isTrue();
        }
        assertThat(personalData.decrypt((String) row.get("person_phone"))).isEqualTo("13800001111");
        assertThat(personalData.decrypt((String) row.get("person_id_number"))).isEqualTo("42122219800101123X");
        assertThat(row.get("person_phone_hash")).isEqualTo(personalData.phoneHash("138 0000 1111"));
        assertThat(row.get("person_phone4_hash")).isEqualTo(personalData.hash("phone4", "1111"));
        assertThat(row.get("person_name_hash")).isEqualTo(personalData.hash("name", "旧数据"));
    }
}
