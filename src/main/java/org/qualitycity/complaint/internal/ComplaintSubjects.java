package org.qualitycity.complaint.internal;

import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.PersonalDataSubjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The cases of a complainant or reporter for the personal-data access report: by phone (keyed hash) or
 * by a tracking code, which stands for the person of that case and so for every case with the same phone.
 */
@Component
class ComplaintSubjects implements PersonalDataSubjects {

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    ComplaintSubjects(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @Override
    public List<SubjectRecord> recordsOf(String subject) {
        String s = subject.trim();
        String phoneHash;
        if (s.matches("T\\d{8}-[0-9A-Z]{6}")) {
            phoneHash = jdbc.sql("SELECT person_phone_hash FROM complaint_case WHERE tracking_code = :c").param("c", s)
                    .query(String.class).optional().orElse(null);
            if (phoneHash == null) {
                return jdbc.sql("SELECT id, tracking_code FROM complaint_case WHERE tracking_code = :c").param("c", s)
                        .query((rs, n) -> new SubjectRecord("complaint", "case", rs.getString(1), rs.getString(2))).list();
            }
        } else {
            phoneHash = personalData.phoneHash(s);
        }
        if (phoneHash == null) {
            return List.of();
        }
        return jdbc.sql("SELECT id, tracking_code FROM complaint_case WHERE person_phone_hash = :h ORDER BY id LIMIT 1000")
                .param("h", phoneHash)
                .query((rs, n) -> new SubjectRecord("complaint", "case", rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public List<String> accessActions() {
        return List.of("VIEW_PERSONAL", "VIEW_MASKED");
    }
}
