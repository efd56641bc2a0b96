package org.qualitycity.complaint.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * Encrypts the personal data of cases stored in plain text (data from before encryption, and the
 * bulk-loaded demo data) and fills their look-up hashes; runs on every start after the demo data,
 * in batches, and does nothing once every value is encrypted.
 */
@Component
@Order(5)
class PersonalDataAtRest implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataAtRest.class);
    private static final int BATCH = 5000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final PersonalData personalData;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    PersonalDataAtRest(JdbcClient jdbc, NamedParameterJdbcTemplate named, PersonalData personalData,
                       TransactionTemplate tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.named = named;
        this.personalData = personalData;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        long t0 = System.nanoTime();
        int total = 0;
        int n;
        do {
            n = tx.execute(s -> encryptBatch());
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            int count = total;
            tx.executeWithoutResult(s -> audit.record("complaint", "case", null, null, "ENCRYPT_PERSONAL_DATA", null,
                    Map.of("cases", count)));
            log.info("Encrypted the personal data of {} cases ({} ms)", total, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private int encryptBatch() {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id, person_name, person_phone, person_id_number, person_address FROM complaint_case
                        WHERE (person_name NOT LIKE 'pd1:%' AND btrim(person_name) <> '')
                           OR (person_phone NOT LIKE 'pd1:%' AND btrim(person_phone) <> '')
                           OR (person_id_number NOT LIKE 'pd1:%' AND btrim(person_id_number) <> '')
                           OR (person_address NOT LIKE 'pd1:%' AND btrim(person_address) <> '')
                        ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED
                        """)
                .param("batch", BATCH).query().listOfRows();
        if (rows.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource[] batch = rows.stream().map(r -> {
            String name = personalData.decrypt((String) r.get("person_name"));
            String phone = personalData.decrypt((String) r.get("person_phone"));
            return new MapSqlParameterSource("id", r.get("id"))
                    .addValue("name", personalData.encrypt(name))
                    .addValue("phone", personalData.encrypt(phone))
                    .addValue("idno", personalData.encrypt(personalData.decrypt((String) r.get("person_id_number"))))
                    .addValue("addr", personalData.encrypt(personalData.decrypt((String) r.get("person_address"))))
                    .addValue("phoneHash", personalData.phoneHash(phone))
                    .addValue("phone4Hash", personalData.phone4Hash(phone))
                    .addValue("nameHash", personalData.hash("name", name));
        }).toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                UPDATE complaint_case SET person_name = :name, person_phone = :phone, person_id_number = :idno,
                       person_address = :addr, person_phone_hash = :phoneHash, person_phone4_hash = :phone4Hash,
                       person_name_hash = :nameHash
                WHERE id = :id
                """, batch);
        return rows.size();
    }
}
