package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/**
 * 等保 2.0 / issue 9, acceptance 4: a raw scan of the database (every text, character, JSON and bytea
 * column of every table, including the audit trail and the event publication table) finds none of the
 * complainants' mobile numbers; look-ups by phone still work through the keyed hashes; and the
 * personal-data access report lists who saw whose data.
 */
@QcIntegrationTest
class PersonalDataAtRestTest {

    private static final String MOBILE = "1[3-9][0-9]{9}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalData personalData;
    @Value("${qc.data-dir}")
    String dataDir;

    @Test
    void noComplainantPhoneIsStoredInPlainTextAnywhereInTheDatabase() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // a new case through the public API, unmasked by the supervisor (audit trail) and handled (events)
        String phone = freshPhone();
        String code = submit(api, complaint("421222", "加密测试电器行", phone)).json().get("trackingCode").asText();
        long id = idOf(api, code);
        assertThat(api.get("/api/v1/complaints/" + id + "?unmask=true", admin).json().get("personPhone").asText())
                .isEqualTo(phone);
        assertThat(api.post("/api/v1/complaints/" + id + "/actions", Map.of("action", "ACCEPT"), admin).status())
                .isEqualTo(200);
        String contact = "1380000" + phone.substring(7);
        var body = new java.util.HashMap<>(org.qualitycity.enterprise.EnterpriseFixtures.enterprise(
                org.qualitycity.enterprise.EnterpriseFixtures.freshCode("421222"), "加密联系电话有限公司", "421222"));
        body.put("contactPhone", contact);
        var enterprise = api.post("/api/v1/enterprises", body, admin);
        assertThat(enterprise.status()).as(enterprise.body()).isEqualTo(201);
        assertThat(enterprise.json().get("contactPhone").asText()).isEqualTo(contact);

        List<String> stored = jdbc.sql("SELECT person_phone FROM complaint_case WHERE person_phone IS NOT NULL")
                .query(String.class).list();
        assertThat(stored).allMatch(PersonalData::isEncrypted, "stored encrypted (pd1:<key id>:…)");
        Set<String> phones = stored.stream().map(personalData::decrypt).filter(p -> p.matches(MOBILE))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(phones).as("the demo complainants' and reporters' mobile numbers").hasSizeGreaterThan(1000)
                .contains(phone);
        jdbc.sql("SELECT contact_phone FROM enterprise WHERE contact_phone IS NOT NULL").query(String.class).list()
                .forEach(p -> {
                    assertThat(PersonalData.isEncrypted(p)).as("enterprise contact phone stored encrypted").isTrue();
                    phones.add(personalData.decrypt(p));
                });

        Set<String> found = new TreeSet<>();
        var columns = jdbc.sql("""
                        SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                        FROM information_schema.columns c JOIN information_schema.tables t
                          ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
                          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                        """)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
        assertThat(columns.stream().map(c -> c[1]).collect(Collectors.toSet()))
                .contains("complaint_case", "platform_audit", "event_publication", "enterprise");
        for (String[] c : columns) {
            String col = q(c[2]);
            String text = c[3].equals("bytea") ? "encode(" + col + ", 'escape')" : "CAST(" + col + " AS text)";
            found.addAll(jdbc.sql("SELECT DISTINCT m[1] FROM " + q(c[0]) + "." + q(c[1]) + ", regexp_matches(" + text
                    + ", '" + MOBILE + "', 'g') AS m").query(String.class).list());
        }
        found.retainAll(phones);
        assertThat(found).as("plaintext phone numbers found by a raw scan of the database").isEmpty();

        Path key = Path.of(dataDir).resolve("keys").resolve("master.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void lookUpsByPhoneGoThroughTheKeyedHash() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String phone = freshPhone();
        String code = submit(api, complaint("421222", "哈希查询测试店", phone)).json().get("trackingCode").asText();
        // public tracking by the last four digits
        var tracked = api.get("/api/v1/public/complaints/" + code + "?phone4=" + phone.substring(7), null);
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        String wrong = String.format("%04d", (Integer.parseInt(phone.substring(7)) + 1) % 10000);
        assertThat(api.get("/api/v1/public/complaints/" + code + "?phone4=" + wrong, null).status()).isEqualTo(404);
        // staff search by the whole phone number (also written with separators)
        String spaced = phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
        var byPhone = api.get("/api/v1/complaints?q=" + spaced.replace(" ", "%20"), admin).json();
        assertThat(byPhone.get("total").asLong()).isEqualTo(1);
        assertThat(byPhone.get("items").get(0).get("trackingCode").asText()).isEqualTo(code);
        assertThat(jdbc.sql("SELECT person_phone_hash FROM complaint_case WHERE tracking_code = :c").param("c", code)
                .query(String.class).single()).isEqualTo(personalData.phoneHash(phone)).hasSize(64);
    }

    @Test
    void theAccessReportListsWhoSawAPersonsDataAndWhen() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String phone = freshPhone();
        String first = submit(api, complaint("421222", "访问报告测试店", phone)).json().get("trackingCode").asText();
        String second = submit(api, complaint("421222", "访问报告测试二店", phone)).json().get("trackingCode").asText();
        long id1 = idOf(api, first);
        long id2 = idOf(api, second);
        api.get("/api/v1/complaints/" + id1 + "?unmask=true", admin);
        api.get("/api/v1/complaints/" + id2, api.token("auditor"));

        // the audit administrator reads the report (the city administrator no longer reads the audit trail)
        var byPhone = api.get("/api/v1/audit/personal-data-access?subject=" + phone, api.token("auditadmin"));
        assertThat(byPhone.status()).as(byPhone.body()).isEqualTo(200);
        var items = byPhone.json().get("items");
        assertThat(byPhone.json().get("total").asLong()).isEqualTo(2);
        assertThat(items.get(0).get("actor").asText()).isEqualTo("auditor");
        assertThat(items.get(0).get("record").asText()).isEqualTo(second);
        assertThat(items.get(0).get("unmasked").asBoolean()).isFalse();
        assertThat(items.get(1).get("actor").asText()).isEqualTo("admin");
        assertThat(items.get(1).get("record").asText()).isEqualTo(first);
        assertThat(items.get(1).get("unmasked").asBoolean()).isTrue();
        assertThat(items.get(1).get("at").asText()).isNotBlank();

        // by a tracking code: the person of that case, so both cases; the auditor may read the report
        var byCode = api.get("/api/v1/audit/personal-data-access?subject=" + first, api.token("auditor"));
        assertThat(byCode.json().get("total").asLong()).isEqualTo(2);
        // a district officer may not; a subject is required
        assertThat(api.get("/api/v1/audit/personal-data-access?subject=" + phone, api.token("tongcheng")).status())
                .isEqualTo(403);
        // separation of duties: the city administrator, who unmasked the data, cannot read who saw it
        assertThat(api.get("/api/v1/audit/personal-data-access?subject=" + phone, admin).status()).isEqualTo(403);
        var missing = api.get("/api/v1/audit/personal-data-access", api.token("auditadmin"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("subject");

        // the page, for the auditor
        var page = org.qualitycity.support.WebSession.loggedIn(port, "auditor")
                .get("/audit/personal-data-access?subject=" + phone);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"pda-table\"").contains(first).contains(second);
        assertThat(org.qualitycity.support.WebSession.loggedIn(port, "auditor").get("/audit").body()).contains("pda-link");
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
