package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The complaint pages render in Chinese and English without missing keys; the public form works without login. */
@QcIntegrationTest
class ComplaintPagesTest {

    @LocalServerPort
    int port;

    @Test
    void staffPagesRenderInBothLanguages() {
        TestApi api = new TestApi(port);
        String code = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421221", "嘉鱼县页面测试店",
                ComplaintFixtures.freshPhone())).json().get("trackingCode").asText();
        long id = ComplaintFixtures.idOf(api, code);
        WebSession s = WebSession.loggedIn(port, "admin");
        for (String path : new String[]{"/complaints", "/complaints/" + id, "/complaints/stats",
                "/complaints?district=421221&period=2019&missed=HANDLE", "/public/complaints", "/public/complaints/track", "/complaints/new"}) {
            for (String lang : new String[]{"zh-CN", "en"}) {
                var p = s.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(p.status()).as(path + " " + lang).isEqualTo(200);
                assertThat(p.body()).as(path + " " + lang).doesNotContain("??");
            }
        }
        assertThat(s.get("/complaints/" + id + "?lang=zh-CN").body()).contains(code).contains("张**")
                .doesNotContain("张三丰");
        // operator entry by the hotline: the channel is recorded
        s.get("/complaints/new");
        var created = s.postForm("/complaints/new", Map.of("channel", "HOTLINE", "type", "COMPLAINT", "category", "SERVICES",
                "respondentName", "嘉鱼县热线登记测试酒店", "district", "421221", "facts", "婚宴菜品与合同约定不符，酒店拒绝退还差价。",
                "request", "退还差价", "name", "钱七", "phone", ComplaintFixtures.freshPhone()));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String hotline = created.location().replaceAll(".*q=", "");
        assertThat(api.get("/api/v1/complaints?q=" + hotline, api.token("admin")).json().get("items").get(0)
                .get("channel").asText()).isEqualTo("HOTLINE");
        var invalid = s.postForm("/complaints/new", Map.of("channel", "FAX", "type", "COMPLAINT"));
        assertThat(invalid.status()).isEqualTo(400);
    }

    @Test
    void thePublicFormWorksWithoutLoginWithCsrfAndReportsFieldErrors() {
        WebSession anon = new WebSession(port);
        var form = anon.get("/public/complaints?lang=zh-CN");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("_csrf").contains("name=\"website\"");
        Map<String, String> fields = new HashMap<>();
        fields.put("type", "COMPLAINT");
        fields.put("category", "SERVICES");
        fields.put("respondentName", "");
        fields.put("district", "421222");
        fields.put("facts", "短");
        var bad = anon.postForm("/public/complaints", fields);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("form-errors").contains("invalid-feedback");
        String phone = ComplaintFixtures.freshPhone();
        fields.put("respondentName", "通城县表单测试理发店");
        fields.put("facts", "办卡后理发店关门，余额无法退还，联系不上老板。");
        fields.put("request", "退还卡内余额");
        fields.put("name", "王五");
        fields.put("phone", phone);
        fields.put("amount", "1200");
        fields.put("website", "");
        var ok = anon.postForm("/public/complaints", fields);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("tracking-code");
        var forged = anon.postFormWithoutCsrf("/public/complaints", fields);
        assertThat(forged.status()).as("the form keeps its CSRF protection").isIn(302, 403);
        assertThat(forged.body()).doesNotContain("tracking-code");
    }
}
