package org.qualitycity.notification;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QcIntegrationTest
class NotificationsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Notifications notifications;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;

    TestApi api;
    long chibiUnit;
    long tongchengUnit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        chibiUnit = units.byCode("421281").orElseThrow().id();
        tongchengUnit = units.byCode("421222").orElseThrow().id();
    }

    /** A second officer of 赤壁市, so that a unit message has two readers. */
    private String newChibiOfficer() {
        String username = "chibi-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi.Response r = api.post("/api/v1/users", Map.of("username", username, "displayName", "赤壁市 测试员",
                "unitCode", "421281", "password", TestApi.DEMO_PASSWORD, "roles", List.of("DISTRICT_OFFICER")),
                api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    private long unread(String user) {
        return api.get("/api/v1/notifications/unread-count", api.token(user)).json().get("count").asLong();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM platform_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    @Test
    void aUnitMessageIsSeenByEveryUserOfTheUnitAndNobodyElse() {
        String colleague = newChibiOfficer();
        long id = notifications.toUnit(chibiUnit, Notice.warn("task.overdue", "赤壁市：3项任务已逾期",
                "请尽快报送进展。", "/tasks?overdue=true"));

        for (String user : List.of("chibi", colleague)) {
            JsonNode inbox = api.get("/api/v1/notifications?size=200", api.token(user)).json();
            assertThat(ids(inbox)).as(user).contains(id);
            JsonNode m = api.get("/api/v1/notifications/" + id, api.token(user)).json();
            assertThat(m.get("title").asText()).isEqualTo("赤壁市：3项任务已逾期");
            assertThat(m.get("severity").asText()).isEqualTo("WARN");
            assertThat(m.get("toUnit").asBoolean()).isTrue();
            assertThat(m.get("readAt").isNull()).isTrue();
        }
        // another district, and a sub-unit of 赤壁市 (the message is for the unit itself)
        for (String user : List.of("tongcheng", "chibi-scj", "admin")) {
            assertThat(ids(api.get("/api/v1/notifications?size=200", api.token(user)).json())).as(user).doesNotContain(id);
            assertThat(api.get("/api/v1/notifications/" + id, api.token(user)).status()).as(user).isEqualTo(404);
            assertThat(api.post("/api/v1/notifications/" + id + "/read", null, api.token(user)).status()).as(user)
                    .isEqualTo(404);
        }
        assertThat(api.post("/api/v1/notifications/" + (id + 100000) + "/read", null, api.token("chibi")).status())
                .isEqualTo(404);
    }

    @Test
    void eachUserReadsAUnitMessageSeparatelyAndTheUnreadCountFollows() {
        String colleague = newChibiOfficer();
        long chibiBefore = unread("chibi");
        long colleagueBefore = unread(colleague);
        long tongchengBefore = unread("tongcheng");

        long toUnit = notifications.toUnit(chibiUnit, Notice.alert("indicator.red", "赤壁市 产品质量监督抽查合格率低于目标",
                null, "/indicators/P1"));
        long toUser = notifications.toUser(userId("chibi"), Notice.info("task.assigned", "新任务：编制年度质量工作计划",
                null, null));
        assertThat(unread("chibi")).isEqualTo(chibiBefore + 2);
        assertThat(unread(colleague)).isEqualTo(colleagueBefore + 1);
        assertThat(unread("tongcheng")).isEqualTo(tongchengBefore);
        // a message to chibi personally is not the colleague's
        assertThat(api.get("/api/v1/notifications/" + toUser, api.token(colleague)).status()).isEqualTo(404);

        JsonNode read = api.post("/api/v1/notifications/" + toUnit + "/read", null, api.token("chibi")).json();
        assertThat(read.get("readAt").isNull()).isFalse();
        assertThat(unread("chibi")).isEqualTo(chibiBefore + 1);
        assertThat(unread(colleague)).isEqualTo(colleagueBefore + 1);
        // reading again changes nothing
        assertThat(api.post("/api/v1/notifications/" + toUnit + "/read", null, api.token("chibi")).status()).isEqualTo(200);
        assertThat(unread("chibi")).isEqualTo(chibiBefore + 1);

        JsonNode unreadOnly = api.get("/api/v1/notifications?unread=true&size=200", api.token("chibi")).json();
        assertThat(ids(unreadOnly)).contains(toUser).doesNotContain(toUnit);
        assertThat(ids(api.get("/api/v1/notifications?size=200", api.token("chibi")).json())).contains(toUser, toUnit);

        api.post("/api/v1/notifications/" + toUser + "/read", null, api.token("chibi"));
        assertThat(unread("chibi")).isEqualTo(chibiBefore);

        JsonNode marked = api.post("/api/v1/notifications/read-all", null, api.token(colleague)).json();
        assertThat(marked.get("marked").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(unread(colleague)).isZero();
        assertThat(unread("chibi")).isEqualTo(chibiBefore);
    }

    @Test
    void postedMessagesAreValidated() {
        long chibi = userId("chibi");
        for (String link : List.of("https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "/a b", "/\\evil")) {
            assertThatThrownBy(() -> notifications.toUser(chibi, Notice.info("task.x", "t", null, link)))
                    .as(link).isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.problems().get(0).field()).isEqualTo("link"));
        }
        assertThatThrownBy(() -> notifications.toUser(chibi, Notice.info("task.x", "  ", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("title"));
        assertThatThrownBy(() -> notifications.toUser(chibi, Notice.info("Bad Category", "t", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("category"));
        assertThatThrownBy(() -> notifications.toUser(-5, Notice.info("task.x", "t", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("userId"));
        assertThatThrownBy(() -> notifications.toUnit(-5, Notice.info("task.x", "t", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("unitId"));
    }

    @Test
    void noticesSentByHandReachTheirUnitAndAreAudited() {
        TestApi.Response sent = api.post("/api/v1/notifications", Map.of("unitCode", "421281",
                "title", "关于报送2026年质量工作总结的通知", "body", "请于12月20日前报送。", "severity", "WARN"), api.token("admin"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long id = sent.json().get("id").asLong();
        assertThat(ids(api.get("/api/v1/notifications?size=200", api.token("chibi")).json())).contains(id);
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'notification' AND action = 'SEND' "
                + "AND entity_id = :id").param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);

        TestApi.Response toUser = api.post("/api/v1/notifications", Map.of("username", "tongcheng", "title", "请核对数据"),
                api.token("admin"));
        assertThat(toUser.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/notifications/" + toUser.json().get("id").asLong(), api.token("tongcheng")).status())
                .isEqualTo(200);

        assertThat(api.post("/api/v1/notifications", Map.of("unitCode", "421281", "title", "x"), api.token("tongcheng"))
                .status()).isEqualTo(403);
        TestApi.Response both = api.post("/api/v1/notifications", Map.of("unitCode", "421281", "username", "chibi",
                "title", "x"), api.token("admin"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        TestApi.Response noTitle = api.post("/api/v1/notifications", Map.of("unitCode", "421281"), api.token("admin"));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().get("errors").get(0).get("field").asText()).isEqualTo("title");
        TestApi.Response badLink = api.post("/api/v1/notifications", Map.of("unitCode", "421281", "title", "x",
                "link", "https://evil.example"), api.token("admin"));
        assertThat(badLink.json().get("errors").get(0).get("field").asText()).isEqualTo("link");
        assertThat(api.post("/api/v1/notifications", Map.of("unitCode", "NOPE", "title", "x"), api.token("admin"))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/v1/notifications", Map.of("unitCode", "421281", "title", "x", "severity", "LOUD"),
                api.token("admin")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications?page=-1", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications?size=100000", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications/abc", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications/unread-count", null).status()).isEqualTo(401);
    }

    @Test
    void theInboxPageMarksReadAndFollowsLinks() {
        String colleague = newChibiOfficer();
        long id = notifications.toUnit(chibiUnit, Notice.info("notice", "页面测试消息", "正文", "/jobs"));
        WebSession page = WebSession.loggedIn(port, colleague);
        WebSession.Page inbox = page.get("/notifications?unread=true");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.body()).contains("data-notification-id=\"" + id + "\"").contains("页面测试消息");

        long before = unread(colleague);
        WebSession.Page opened = page.postForm("/notifications/" + id + "/open", Map.of());
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.location()).endsWith("/jobs");
        assertThat(unread(colleague)).isEqualTo(before - 1);
        assertThat(page.get("/notifications?unread=true").body()).doesNotContain("data-notification-id=\"" + id + "\"");

        WebSession other = WebSession.loggedIn(port, "tongcheng");
        other.get("/notifications");
        assertThat(other.postForm("/notifications/" + id + "/read", Map.of()).status()).isEqualTo(404);

        page.get("/notifications");
        WebSession.Page all = page.postForm("/notifications/read-all", Map.of());
        assertThat(all.status()).isEqualTo(302);
        assertThat(unread(colleague)).isZero();
    }

    @Test
    void theBadgeFragmentShowsTheUnreadCountOfTheSignedInUser() {
        String colleague = newChibiOfficer();
        long colleagueId = userId(colleague);
        notifications.toUser(colleagueId, Notice.info("notice", "徽标测试一", null, null));
        notifications.toUser(colleagueId, Notice.info("notice", "徽标测试二", null, null));
        long expected = unread(colleague);
        assertThat(expected).isGreaterThanOrEqualTo(2);

        WebSession page = WebSession.loggedIn(port, colleague);
        String badge = page.get("/test-support/notification-badge").body();
        assertThat(badge).contains("id=\"qc-notification-badge\"").contains("data-unread=\"" + expected + "\"")
                .contains(">" + expected + "</span>").contains("href=\"/notifications\"");

        api.post("/api/v1/notifications/read-all", null, api.token(colleague));
        String none = page.get("/test-support/notification-badge").body();
        assertThat(none).contains("data-unread=\"0\"").doesNotContain("qc-unread");
    }
}
