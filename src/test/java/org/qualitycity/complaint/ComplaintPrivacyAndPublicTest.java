package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/** Acceptance 5 (personal data), 7 (Open311) and 8 (public intake: 400, 429, never 500). */
@QcIntegrationTest
class ComplaintPrivacyAndPublicTest {

    @LocalServerPort
    int port;

    TestApi api() {
        return new TestApi(port);
    }

    @Test
    void personalDataIsMaskedForOtherUnitsAndInExportsAndUnmaskingIsAudited() throws Exception {
        TestApi api = api();
        String admin = api.token("admin");
        String phone = freshPhone();
        var body = complaint("421222", "通城县脱敏测试手机店", phone);
        String code = submit(api, body).json().get("trackingCode").asText();
        long id = idOf(api, code);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);

        // lists are masked, also for the supervisor
        var list = api.get("/api/v1/complaints?q=" + code, admin).json().get("items").get(0);
        assertThat(list.get("personName").asText()).isEqualTo("张**");
        assertThat(list.get("personPhone").asText()).isEqualTo(masked);
        assertThat(list.get("personIdNumber").asText()).isEqualTo("421222********123X");

        // the auditor (another unit, not handling the case) sees it masked and may not unmask
        String auditor = api.token("auditor");
        var seen = api.get("/api/v1/complaints/" + id, auditor);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain(phone).doesNotContain("张三丰").doesNotContain("42122219800101123X");
        assertThat(api.get("/api/v1/complaints/" + id + "?unmask=true", auditor).status()).isEqualTo(403);

        // exports are masked
        byte[] xlsx = api.getBytes("/api/v1/complaints/export?q=" + code, admin);
        String text = excelText(xlsx);
        assertThat(text).contains(code).contains(masked).doesNotContain(phone).doesNotContain("张三丰");

        // the supervisor unmasks: the view is written to the audit trail
        var before = api.get("/api/v1/audit?module=complaint&entityId=" + id + "&action=VIEW_PERSONAL", api.token("auditadmin")).json()
                .get("total").asLong();
        var open = api.get("/api/v1/complaints/" + id + "?unmask=true", admin);
        assertThat(open.json().get("personPhone").asText()).isEqualTo(phone);
        assertThat(open.json().get("personName").asText()).isEqualTo("张三丰");
        assertThat(open.json().get("masked").asBoolean()).isFalse();
        var after = api.get("/api/v1/audit?module=complaint&entityId=" + id + "&action=VIEW_PERSONAL", api.token("auditadmin")).json()
                .get("total").asLong();
        assertThat(after).isEqualTo(before + 1);

        // 通城县 sees its new case at once while the city centre holds it (issue 12): masked, read-only, never
        // unmasked; after dispatch it handles it and may unmask
        String tc = api.token("tongcheng");
        var waiting = api.get("/api/v1/complaints/" + id, tc);
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().get("awaitingDispatch").asBoolean()).isTrue();
        assertThat(waiting.body()).doesNotContain(phone).doesNotContain("张三丰").doesNotContain("42122219800101123X");
        assertThat(api.get("/api/v1/complaints/" + id + "?unmask=true", tc).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/complaints/" + id + "/actions", Map.of("action", "DISPATCH"), admin).status())
                .isEqualTo(200);
        var tcView = api.get("/api/v1/complaints/" + id, tc).json();
        assertThat(tcView.get("unitCode").asText()).isEqualTo("421222-SCJG");
        assertThat(tcView.get("personPhone").asText()).isEqualTo(masked);
        assertThat(api.get("/api/v1/complaints/" + id + "?unmask=true", tc).json().get("personPhone").asText())
                .isEqualTo(phone);
        // 赤壁市 never sees it
        assertThat(api.get("/api/v1/complaints/" + id, api.token("chibi")).status()).isEqualTo(404);
    }

    @Test
    void aReportsRespondentViewNeverContainsTheReporter() {
        TestApi api = api();
        String phone = freshPhone();
        var report = complaint("421224", "通山县保密测试餐馆", phone);
        report.put("type", "REPORT");
        report.put("facts", "该餐馆后厨卫生极差，我张三丰亲眼所见，电话" + phone + "。");
        long id = idOf(api, submit(api, report).json().get("trackingCode").asText());
        var view = api.get("/api/v1/complaints/" + id + "/respondent-view", api.token("admin"));
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains("通山县保密测试餐馆").contains("后厨卫生")
                .doesNotContain(phone).doesNotContain("张三丰").doesNotContain("42122219800101123X")
                .doesNotContain(phone.substring(7));
    }

    @Test
    void badPublicInputIs400WithFieldErrorsNeverA500() {
        TestApi api = api();
        var empty = api.post("/api/v1/public/complaints", Map.of(), null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("respondentName").contains("facts").contains("district");
        assertThat(api.postRaw("/api/v1/public/complaints", "", null).status()).isEqualTo(400);
        assertThat(api.postRaw("/api/v1/public/complaints", "{not json", null).status()).isEqualTo(400);
        assertThat(api.postRaw("/api/v1/public/complaints", "[1,2]", null).status()).isEqualTo(400);
        assertThat(api.postRaw("/api/v1/public/complaints", "{\"amount\":\"lots\"}", null).status()).isEqualTo(400);

        var noContact = complaint("421222", "通城县校验测试店", freshPhone());
        noContact.remove("phone");
        noContact.remove("name");
        var r = submit(api, noContact);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"phone\"").contains("\"name\"");

        var huge = complaint("421222", "通城县校验测试店", freshPhone());
        huge.put("facts", "很".repeat(4001));
        huge.put("district", "999999");
        huge.put("phone", "12");
        var h = submit(api, huge);
        assertThat(h.status()).isEqualTo(400);
        assertThat(h.body()).contains("facts").contains("district").contains("phone");

        var bot = complaint("421222", "通城县校验测试店", freshPhone());
        bot.put("website", "http://spam.example");
        assertThat(submit(api, bot).status()).as("honeypot filled").isEqualTo(400);

        assertThat(api.get("/api/v1/public/complaints/nonsense?phone4=1234", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/public/complaints/T20250101-ABCDEF?phone4=12", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/public/complaints/T20250101-ABCDEF?phone4=1234", null).status()).isEqualTo(404);
    }

    @Test
    void thePublicIntakeIsRateLimitedPerPhoneWith429AndTrackingShowsOnlyStatusAndReply() {
        TestApi api = api();
        String phone = freshPhone();
        String code = null;
        for (int i = 0; i < 5; i++) {
            var r = submit(api, complaint("421281", "赤壁市限流测试店" + i, phone));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            code = r.json().get("trackingCode").asText();
        }
        // the case and its audit entry are written by one statement (issue 13): the entry is the intake's as before
        long caseId = idOf(api, code);
        var created = api.get("/api/v1/audit?module=complaint&entityType=case&entityId=" + caseId + "&action=CREATE",
                api.token("auditadmin")).json().get("items");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("actor").asText()).isEqualTo("anonymous");
        assertThat(created.get(0).get("ip").asText()).isNotBlank();
        assertThat(created.get(0).get("after").asText()).contains(code).contains("\"channel\"").contains("421281");

        var limited = submit(api, complaint("421281", "赤壁市限流测试店X", phone));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();

        var tracked = api.get("/api/v1/public/complaints/" + code + "?phone4=" + phone.substring(7), null);
        assertThat(tracked.status()).isEqualTo(200);
        assertThat(tracked.json().get("status").asText()).isEqualTo("RECEIVED");
        assertThat(tracked.body()).doesNotContain("张三丰").doesNotContain("赤壁市限流测试店").doesNotContain(phone);
        assertThat(api.get("/api/v1/public/complaints/" + code + "?phone4=0000", null).status()).isEqualTo(404);
    }

    @Test
    void open311AnswersInGeoReportV2ShapesWithoutPersonalData() {
        TestApi api = api();
        var services = api.get("/open311/v2/services.json", null);
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.json().isArray()).isTrue();
        assertThat(services.json().get(0).has("service_code")).isTrue();
        assertThat(services.json().get(0).has("service_name")).isTrue();
        assertThat(services.json().get(0).get("type").asText()).isEqualTo("realtime");

        String phone = freshPhone();
        String form = "service_code=GOODS_COMPLAINT&description=" + enc("买到的电饭煲通电就跳闸，商家不退。")
                + "&address_string=" + enc("嘉鱼县鱼岳镇沿江大道8号") + "&attribute%5Brespondent%5D=" + enc("嘉鱼县开放接口测试电器")
                + "&first_name=" + enc("小明") + "&last_name=" + enc("李") + "&phone=" + phone
                + "&email=li%40example.com&lat=29.97&long=113.93";
        var posted = api.send("POST", "/open311/v2/requests.json", form, null, "application/x-www-form-urlencoded");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String id = posted.json().get(0).get("service_request_id").asText();
        assertThat(posted.json().get(0).get("token").asText()).isNotBlank();

        var one = api.get("/open311/v2/requests/" + id + ".json", null);
        assertThat(one.status()).isEqualTo(200);
        var req = one.json().get(0);
        assertThat(req.get("service_request_id").asText()).isEqualTo(id);
        assertThat(req.get("status").asText()).isEqualTo("open");
        assertThat(req.get("service_code").asText()).isEqualTo("GOODS_COMPLAINT");
        assertThat(req.get("requested_datetime").asText()).isNotBlank();
        assertThat(req.get("agency_responsible").asText()).isEqualTo("咸宁市市场监督管理局");
        assertThat(req.get("lat").asDouble()).isEqualTo(29.97);
        assertThat(one.body()).doesNotContain(phone).doesNotContain("小明").doesNotContain("li@example.com");

        var search = api.get("/open311/v2/requests.json?status=open&service_code=GOODS_COMPLAINT", null);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains(id).doesNotContain(phone).doesNotContain("张三丰");
        var token = api.get("/open311/v2/tokens/" + id + ".json", null);
        assertThat(token.json().get(0).get("service_request_id").asText()).isEqualTo(id);

        assertThat(api.send("POST", "/open311/v2/requests.json", "service_code=NOPE", null,
                "application/x-www-form-urlencoded").status()).isEqualTo(400);
        assertThat(api.get("/open311/v2/requests.json?status=maybe", null).status()).isEqualTo(400);
        assertThat(api.get("/open311/v2/requests/T20990101-ZZZZZZ.json", null).status()).isEqualTo(404);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String excelText(byte[] xlsx) throws Exception {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            StringBuilder sb = new StringBuilder();
            wb.getSheetAt(0).forEach(row -> row.forEach(c -> sb.append(c.toString()).append('|')));
            return sb.toString();
        }
    }
}
