package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/**
 * Issue 9, findings 1 and 6: personal data typed into free text never leaves through the public Open311
 * API, the staff's masked list and view or the respondent view; the public list is capped and
 * rate-limited; an Open311 submission that fails validation leaves no case.
 */
@QcIntegrationTest
class PersonalDataLeakTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void personalDataInFreeTextIsRedactedInEveryPublicAndMaskedViewButNotForTheHandler() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String phone = freshPhone();
        String other = "13" + phone.substring(2, 3) + "-" + phone.substring(3, 7) + "-" + "9876";
        var body = complaint("421222", "通城县文本脱敏测试电器行", phone);
        String facts = "买的冰箱不制冷。我是张三丰，住通城县隽水镇某小区3栋，手机 " + phone.substring(0, 3) + " "
                + phone.substring(3, 7) + " " + phone.substring(7) + "，备用 +86 " + other + "，座机0715-4321987，"
                + "身份证42122219800101123X，银行卡6222 0212 3456 7894，邮箱 zsf@example.com。";
        body.put("facts", facts);
        body.put("request", "退款到卡6222021234567894，或致电" + phone);
        String code = submit(api, body).json().get("trackingCode").asText();
        long id = idOf(api, code);
        // the masked person fields keep the phone's last four digits (139****5678); the free text keeps none
        List<String> secrets = List.of(phone, "9876", "4321987", "42122219800101123X", "7894", "zsf@example.com",
                "张三丰", "隽水镇某小区3栋");

        // public Open311: detail and search, no login
        var one = api.get("/open311/v2/requests/" + code + ".json", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get(0).get("description").asText()).contains("买的冰箱不制冷");
        var search = api.get("/open311/v2/requests.json?service_request_id=" + code, null);
        assertThat(search.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(phone.substring(7));
        for (String s : secrets) {
            assertThat(one.body()).as(s).doesNotContain(s);
            assertThat(search.body()).as(s).doesNotContain(s);
        }

        // staff: the masked list and the masked view (also for the supervisor until unmasked), the respondent view
        var list = api.get("/api/v1/complaints?q=" + code, admin);
        var masked = api.get("/api/v1/complaints/" + id, admin);
        var respondent = api.get("/api/v1/complaints/" + id + "/respondent-view", admin);
        assertThat(masked.json().get("facts").asText()).contains("买的冰箱不制冷").doesNotContain(phone.substring(7));
        assertThat(respondent.body()).doesNotContain(phone.substring(7));
        for (var r : List.of(list, masked, respondent)) {
            assertThat(r.status()).isEqualTo(200);
            for (String s : secrets) {
                assertThat(r.body()).as(s).doesNotContain(s);
            }
        }

        // the handler who unmasks reads the original text
        var open = api.get("/api/v1/complaints/" + id + "?unmask=true", admin);
        assertThat(open.json().get("facts").asText()).isEqualTo(facts);
        assertThat(open.json().get("request").asText()).contains("6222021234567894");
    }

    @Test
    void thePublicListIsCappedInPageSizeAndDateWindow() {
        TestApi api = new TestApi(port);
        LocalDate today = LocalDate.now(clock);
        assertThat(api.get("/open311/v2/requests.json?page_size=101", null).status()).isEqualTo(400);
        assertThat(api.get("/open311/v2/requests.json?page_size=0", null).status()).isEqualTo(400);
        var wide = api.get("/open311/v2/requests.json?start_date=" + today.minusDays(400) + "&end_date=" + today, null);
        assertThat(wide.status()).isEqualTo(400);
        assertThat(wide.body()).contains("start_date");
        var page = api.get("/open311/v2/requests.json?page_size=100", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().size()).isLessThanOrEqualTo(100);
        // default: at most 50
        assertThat(api.get("/open311/v2/requests.json", null).json().size()).isLessThanOrEqualTo(50);
    }

    @Test
    void thePublicListIsRateLimitedPerAddress() {
        TestApi api = new TestApi(port);
        // a window of its own (two hours ahead), so that no other test shares these counts
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        try {
            int status = 200;
            for (int i = 0; i < 400 && status == 200; i++) {
                status = api.get("/open311/v2/requests.json?page_size=1", null).status();
            }
            assertThat(status).isEqualTo(429);
            var limited = api.get("/open311/v2/requests.json?page_size=1", null);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotBlank();
        } finally {
            clock.reset();
        }
    }

    @Test
    void anOpen311SubmissionWithABadLocationLeavesNoCase() {
        TestApi api = new TestApi(port);
        String respondent = "嘉鱼县坐标校验测试店" + System.nanoTime() % 100000;
        for (String bad : List.of("lat=91&long=113.9", "lat=29.9&long=abc", "lat=29.9&long=-181")) {
            String form = "service_code=GOODS_COMPLAINT&description=" + enc("买到的电饭煲通电就跳闸，商家不退。")
                    + "&address_string=" + enc("嘉鱼县鱼岳镇沿江大道8号") + "&attribute%5Brespondent%5D=" + enc(respondent)
                    + "&first_name=" + enc("小明") + "&last_name=" + enc("李") + "&phone=" + freshPhone() + "&" + bad;
            var r = api.send("POST", "/open311/v2/requests.json", form, null, "application/x-www-form-urlencoded");
            assertThat(r.status()).as(bad + " " + r.body()).isEqualTo(400);
        }
        var cases = api.get("/api/v1/complaints?q=" + enc(respondent), api.token("admin"));
        assertThat(cases.json().get("total").asLong()).isZero();
    }
}
