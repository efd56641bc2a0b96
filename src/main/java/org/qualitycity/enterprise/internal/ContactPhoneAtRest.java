package org.qualitycity.enterprise.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.PersonalData;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * Encrypts enterprise contact phones stored in plain text (data from before encryption, bulk-loaded
 * demo data) and fills their look-up hash; runs on every start after the demo data.
 */
@Component
@Order(5)
class ContactPhoneAtRest implements ApplicationRunner {

    private static final int BATCH = 5000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final PersonalData personalData;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    ContactPhoneAtRest(JdbcClient jdbc, NamedParameterJdbcTemplate named, PersonalData personalData,
                       TransactionTemplate tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.named = named;
        this.personalData = personalData;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        int n;
        do {
            n = tx.execute(s -> {
                List<Map<String, Object>> rows = jdbc.sql("""
                                SELECT id, contact_phone FROM enterprise
                                WHERE contact_phone NOT LIKE 'pd1:%' AND btrim(contact_phone) <> ''
                                ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED
                                """)
                        .param("batch", BATCH).query().listOfRows();
                named.batchUpdate("UPDATE enterprise SET contact_phone = :cp, contact_phone_hash = :cph WHERE id = :id",
                        rows.stream().map(r -> new MapSqlParameterSource("id", r.get("id"))
                                .addValue("cp", personalData.encrypt((String) r.get("contact_phone")))
                                .addValue("cph", personalData.phoneHash((String) r.get("contact_phone"))))
                                .toArray(MapSqlParameterSource[]::new));
                return rows.size();
            });
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            int count = total;
            tx.executeWithoutResult(s -> audit.record("enterprise", "enterprise", null, null, "ENCRYPT_PERSONAL_DATA",
                    null, Map.of("enterprises", count)));
        }
    }
}
