package org.qualitycity.spotcheck;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 7: spot-check result announcements are drafted from chosen samples, previewed and published after a
 * confirmation on staff pages over the API's service, with the API's permission.
 */
@QcIntegrationTest
class AnnouncementStaffPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long audits(long id, String action) {
        return jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'spotcheck' AND entity_type = 'announcement' "
                + "AND entity_id = :id AND action = :a").param("id", String.valueOf(id)).param("a", action)
                .query(Long.class).single();
    }

    @Test
    void onlyThePublisherSeesThePages() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        for (String path : List.of("/spotchecks/announcements", "/spotchecks/announcements?status=DRAFT",
                "/spotchecks/announcements/new", "/spotchecks/announcements/new?pickVerdict=PASS&pickPeriod=2019")) {
            for (String lang : List.of("zh-CN", "en")) {
                var p = admin.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(p.status()).as(path).isEqualTo(200);
                assertThat(p.body()).as(path).doesNotContain("??");
            }
        }
        admin.get("/?lang=zh-CN");
        for (String user : List.of("tongcheng", "qiye")) {
            WebSession s = WebSession.loggedIn(port, user);
            assertThat(s.get("/spotchecks/announcements").status()).as(user).isEqualTo(403);
            assertThat(s.get("/spotchecks/announcements/new").status()).as(user).isEqualTo(403);
        }
    }

    @Test
    void anAnnouncementIsDraftedFromChosenSamplesPreviewedAndPublishedAfterAConfirmation() {
        TestApi api = new TestApi(port);
        String token = api.token("admin");
        String batch = "ANNP-" + UUID.randomUUID().toString().substring(0, 6);
        String ent = EnterpriseFixtures.create(api, "421202", "公告页面测试企业");
        long failed = SpotcheckFixtures.create(api, token, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-MEAT",
                batch + "-1", api.today().minusDays(5).toString()));
        SpotcheckFixtures.record(api, token, failed, false);
        long pending = SpotcheckFixtures.create(api, token, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-MEAT",
                batch + "-2", api.today().minusDays(4).toString()));

        WebSession s = WebSession.loggedIn(port, "admin");
        s.get("/?lang=zh-CN");
        // the sample search of the form finds the failed batch (and offers no pending one for announcement)
        var form = s.get("/spotchecks/announcements/new?pickVerdict=&pickQ=" + batch + "&title=typed");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + failed + "\"").contains(batch + "-1").contains("value=\"typed\"");
        assertThat(form.body()).containsPattern("value=\"" + pending + "\"[^>]*disabled");

        // a bad form keeps what was typed and names the field
        var noTitle = s.postForm("/spotchecks/announcements", Map.of("title", " ", "body", "正文已写",
                "sampleIds", List.of(failed), "pickQ", batch));
        assertThat(noTitle.status()).isEqualTo(200);
        assertThat(noTitle.body()).contains("请填写此项").contains("正文已写")
                .containsPattern("value=\"" + failed + "\"[^>]*checked");
        assertThat(noTitle.body()).containsPattern("name=\"title\"[^>]*is-invalid|is-invalid[^>]*name=\"title\"");
        var noSamples = s.postForm("/spotchecks/announcements", Map.of("title", "无样品公告", "body", ""));
        assertThat(noSamples.body()).contains("请至少选择一个样品批次").contains("value=\"无样品公告\"");
        var pendingChosen = s.postForm("/spotchecks/announcements", Map.of("title", "待检公告",
                "sampleIds", List.of(pending)));
        assertThat(pendingChosen.status()).isEqualTo(200);
        assertThat(pendingChosen.body()).contains("value=\"待检公告\"").contains("invalid-feedback");
        JsonNode before = api.get("/api/v1/spotchecks/announcements", token).json();
        for (JsonNode a : before) {
            assertThat(a.get("title").asText()).isNotIn("无样品公告", "待检公告");
        }

        // saved as a draft: the preview shows it as the public will see it; the public does not see it yet
        String title = "页面公告 " + batch;
        var saved = s.postForm("/spotchecks/announcements", Map.of("title", title, "body", "依据抽查计划",
                "sampleIds", List.of(failed)));
        assertThat(saved.status()).isEqualTo(302);
        long id = Long.parseLong(saved.location().replaceAll(".*/spotchecks/announcements/", ""));
        assertThat(audits(id, "CREATE")).isEqualTo(1);
        assertThat(api.get("/api/v1/public/announcements/" + id, null).status()).isEqualTo(404);
        String preview = s.get("/spotchecks/announcements/" + id).body();
        assertThat(preview).contains(title).contains(batch + "-1").contains("酸价").contains("公告页面测试企业")
                .contains("id=\"publish\"");
        assertThat(s.get("/spotchecks/announcements?status=DRAFT&size=200").body()).contains("data-announcement-id=\"" + id + "\"");

        // editing the draft changes it as the API's update does
        assertThat(s.get("/spotchecks/announcements/" + id + "/edit").body()).contains("value=\"" + title + "\"")
                .containsPattern("value=\"" + failed + "\"[^>]*checked");
        var edited = s.postForm("/spotchecks/announcements/" + id, Map.of("title", title + " 修订", "body", "依据抽查计划",
                "sampleIds", List.of(failed)));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/spotchecks/announcements", token).body()).contains(title + " 修订");
        assertThat(audits(id, "UPDATE")).isEqualTo(1);

        // publishing asks for a confirmation first
        var step = s.postForm("/spotchecks/announcements/" + id + "/publish", Map.of());
        assertThat(step.status()).isEqualTo(200);
        assertThat(step.body()).contains("id=\"publish-confirm\"").contains("不能再修改");
        assertThat(api.get("/api/v1/public/announcements/" + id, null).status()).isEqualTo(404);
        var published = s.postForm("/spotchecks/announcements/" + id + "/publish", Map.of("confirmed", "true"));
        assertThat(published.status()).isEqualTo(302);
        var pub = api.get("/api/v1/public/announcements/" + id, null);
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.json().get("title").asText()).isEqualTo(title + " 修订");
        assertThat(pub.body()).contains(batch + "-1");
        assertThat(audits(id, "PUBLISH")).isEqualTo(1);
        assertThat(s.get("/spotchecks/announcements/" + id).body()).doesNotContain("id=\"publish\"")
                .doesNotContain("id=\"edit\"");
        // a published announcement cannot be edited or published again
        assertThat(s.get("/spotchecks/announcements/" + id + "/edit").status()).isEqualTo(409);
        assertThat(s.postForm("/spotchecks/announcements/" + id + "/publish", Map.of("confirmed", "true")).status())
                .isEqualTo(409);
    }
}
