package org.qualitycity.credit;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 7: the staff screens over the credit service (serious-violation list on and off, credit repair
 * request and decision, penalties and honours) change state exactly as the API does, audit it, confirm before
 * destructive steps, keep typed values on errors, and answer only to the roles and scope the API answers to.
 */
@QcIntegrationTest
class CreditStaffPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long audits(String entity, Object id, String action) {
        return jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'credit' AND entity_type = :t "
                        + "AND entity_id = :id AND action = :a").param("t", entity).param("id", String.valueOf(id))
                .param("a", action).query(Long.class).single();
    }

    private static String sidebar(String page) {
        int from = page.indexOf("id=\"qc-sidebar\"");
        return from < 0 ? "" : page.substring(from, page.indexOf("</nav>", from));
    }

    private static Map<String, Object> listingForm(String code) {
        Map<String, Object> f = new HashMap<>();
        f.put("creditCode", code);
        f.put("decisionNo", "咸市监信列〔页面〕1号");
        f.put("legalBasis", "《市场监督管理严重违法失信名单管理办法》第十条");
        f.put("reason", "生产销售不合格产品，拒不整改");
        f.put("approvedBy", "局务会");
        f.put("listedOn", "");
        f.put("years", "3");
        return f;
    }

    @Test
    void pagesRenderForPermittedRolesOnlyAndTheStaffNavigationLinksToThem() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421222", "页面权限测试企业");
        String other = EnterpriseFixtures.create(api, "421222", "页面权限另一企业");
        String admin = api.token("admin");
        long otherListing = api.post("/api/v1/credit/blacklist", Map.of("creditCode", other, "decisionNo", "权限1号",
                "legalBasis", "依据", "reason", "事由", "approvedBy", "局务会",
                "listedOn", api.today().minusDays(400).toString()), admin).json().get("id").asLong();
        WebSession s = WebSession.loggedIn(port, "admin");
        List<String> staffPages = List.of("/credit/blacklist", "/credit/blacklist?status=ALL", "/credit/blacklist/new",
                "/credit/blacklist/new?creditCode=" + code, "/credit/blacklist/" + otherListing + "/remove",
                "/credit/repairs", "/credit/repairs?status=ALL", "/credit/enterprises/" + code + "/events/new?kind=HONOUR",
                "/credit/enterprises/" + code + "/events/new?kind=PENALTY", "/enterprises/" + other);
        for (String path : staffPages) {
            String sep = path.contains("?") ? "&" : "?";
            var zh = s.get(path + sep + "lang=zh-CN");
            assertThat(zh.status()).as(path).isEqualTo(200);
            assertThat(zh.body()).as(path).doesNotContain("??");
            var en = s.get(path + sep + "lang=en");
            assertThat(en.status()).as(path).isEqualTo(200);
            assertThat(en.body()).as(path).doesNotContain("??");
            if (!path.startsWith("/enterprises/")) {
                assertThat(en.body()).as(path).containsPattern("<title>[^<\\p{IsHan}]+</title>");
            }
        }
        String nav = sidebar(s.get("/?lang=zh-CN").body());
        assertThat(nav).contains("href=\"/credit/blacklist\"").contains("href=\"/credit/repairs\"")
                .contains("href=\"/spotchecks/announcements\"")
                .doesNotContain("href=\"/public/blacklist\"").doesNotContain("href=\"/public/announcements\"");

        // the system administrator holds no credit permission: 403 on every page
        WebSession sys = WebSession.loggedIn(port, "sysadmin");
        for (String path : staffPages.subList(0, 9)) {
            assertThat(sys.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(sidebar(sys.get("/").body())).doesNotContain("/credit/");

        // an enterprise account: no staff page, none of its navigation; another enterprise's listing does not exist
        String user = EnterpriseFixtures.enterpriseUser(api, code, "421222");
        WebSession ent = WebSession.loggedIn(port, user);
        for (String path : List.of("/credit/blacklist/new", "/credit/blacklist/" + otherListing + "/remove",
                "/credit/repairs", "/credit/enterprises/" + code + "/events/new")) {
            assertThat(ent.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(ent.get("/credit/blacklist/" + otherListing + "/repair").status()).isEqualTo(404);
        assertThat(ent.get("/enterprises/" + other).status()).isEqualTo(404);
        ent.get("/enterprises/" + code);
        assertThat(ent.postForm("/credit/blacklist/" + otherListing + "/repair", Map.of("commitment", "c",
                "evidence", "e")).status()).isEqualTo(404);
        assertThat(sidebar(ent.get("/").body())).doesNotContain("/credit/blacklist").doesNotContain("/credit/repairs")
                .doesNotContain("/spotchecks/announcements");
        // the enterprise sees its own credit history without the officers' buttons
        String own = ent.get("/enterprises/" + code).body();
        assertThat(own).contains("id=\"credit-history\"").doesNotContain("id=\"record-penalty\"");
    }

    @Test
    void listingAndRemovalGoThroughAConfirmationAndChangeStateAsTheApi() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421222", "页面列入测试企业");
        String tc = api.token("tongcheng");
        WebSession s = WebSession.loggedIn(port, "tongcheng");

        // the enterprise field offers matches by name
        assertThat(s.get("/enterprises/picker?q=页面列入测试").body()).contains("value=\"" + code + "\"")
                .contains("页面列入测试企业");

        // a bad form: the typed values stay and each empty field is named
        s.get("/credit/blacklist/new?lang=zh-CN");
        Map<String, Object> bad = listingForm(code);
        bad.put("decisionNo", "");
        bad.put("years", "12");
        var r = s.postForm("/credit/blacklist", bad);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"listing-form\"").contains("生产销售不合格产品，拒不整改")
                .contains("value=\"" + code + "\"").contains("请填写此项").contains("公示年限应为 1 至 10 的整数");
        assertThat(fieldError(r.body(), "decisionNo")).isTrue();
        Map<String, Object> unknown = listingForm(EnterpriseFixtures.freshCode("421222"));
        assertThat(s.postForm("/credit/blacklist", unknown).body()).contains("没有这个统一社会信用代码的企业");

        // step one shows what will happen and changes nothing
        var confirm = s.postForm("/credit/blacklist", listingForm(code));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"listing-confirm\"").contains("页面列入测试企业")
                .contains("name=\"confirmed\"").contains(api.today() + " – " + api.today().plusYears(3));
        assertThat(api.get("/api/v1/credit/blacklist?all=true", tc).body()).doesNotContain(code);

        // step two, the confirmation form as the page renders it (its hidden fields), lists it as the API would
        Map<String, Object> confirmed = hiddenFields(confirm.body(), "listing-confirm");
        assertThat(confirmed).containsEntry("creditCode", code).containsEntry("reason", "生产销售不合格产品，拒不整改");
        confirmed.put("confirmed", "true");
        var done = s.postForm("/credit/blacklist", confirmed);
        assertThat(done.status()).isEqualTo(302);
        JsonNode listings = api.get("/api/v1/credit/enterprises/" + code, tc).json().get("listings");
        assertThat(listings.size()).isEqualTo(1);
        long id = listings.get(0).get("id").asLong();
        assertThat(listings.get(0).get("decisionNo").asText()).isEqualTo("咸市监信列〔页面〕1号");
        assertThat(listings.get(0).get("until").asText()).isEqualTo(api.today().plusYears(3).toString());
        assertThat(api.get("/api/v1/credit/enterprises/" + code, tc).json().get("grade").get("grade").asText())
                .isEqualTo("D");
        assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        assertThat(audits("blacklist", id, "LIST")).isEqualTo(1);
        String list = s.get(done.location().replace("http://localhost:" + port, "")).body();
        assertThat(list).contains("data-listing-id=\"" + id + "\"").contains("已列入严重违法失信名单");
        // listing it twice is refused on the form
        assertThat(s.postForm("/credit/blacklist", confirmed).body()).contains("该企业已在严重违法失信名单中");

        // removal: the reason is required, then a confirmation, then it is off the public list
        assertThat(list).contains("/credit/blacklist/" + id + "/remove");
        s.get("/credit/blacklist/" + id + "/remove");
        var noReason = s.postForm("/credit/blacklist/" + id + "/remove", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(200);
        assertThat(fieldError(noReason.body(), "reason")).isTrue();
        var step = s.postForm("/credit/blacklist/" + id + "/remove", Map.of("reason", "行政复议撤销列入决定"));
        assertThat(step.body()).contains("id=\"removal-confirm\"").contains("行政复议撤销列入决定");
        assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        assertThat(audits("blacklist", id, "REMOVE")).isZero();
        Map<String, Object> removal = hiddenFields(step.body(), "removal-confirm");
        assertThat(removal).containsEntry("reason", "行政复议撤销列入决定");
        removal.put("confirmed", "true");
        var removed = s.postForm("/credit/blacklist/" + id + "/remove", removal);
        assertThat(removed.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/public/blacklist", null).body()).doesNotContain(code);
        JsonNode after = api.get("/api/v1/credit/enterprises/" + code, tc).json().get("listings").get(0);
        assertThat(after.get("removedOn").asText()).isEqualTo(api.today().toString());
        assertThat(after.get("removalReason").asText()).isEqualTo("行政复议撤销列入决定");
        assertThat(audits("blacklist", id, "REMOVE")).isEqualTo(1);
        // the API does the same through the same service: a removed listing cannot be removed again
        assertThat(api.post("/api/v1/credit/blacklist/" + id + "/removal", Map.of("reason", "x"), tc).status())
                .isEqualTo(409);
        var blank = api.post("/api/v1/credit/blacklist/" + id + "/removal", Map.of("reason", ""), tc);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("reason");
    }

    @Test
    void theApiRemovesAListingAsThePageDoes() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421222", "接口移出测试企业");
        String tc = api.token("tongcheng");
        long id = api.post("/api/v1/credit/blacklist", Map.of("creditCode", code, "decisionNo", "接口1号",
                "legalBasis", "依据", "reason", "事由", "approvedBy", "局务会"), tc).json().get("id").asLong();
        var r = api.post("/api/v1/credit/blacklist/" + id + "/removal", Map.of("reason", "撤销"), tc);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("removedOn").asText()).isEqualTo(api.today().toString());
        assertThat(api.get("/api/v1/public/blacklist", null).body()).doesNotContain(code);
        assertThat(audits("blacklist", id, "REMOVE")).isEqualTo(1);
    }

    @Test
    void theEnterpriseAppliesForRepairOnItsOwnPageAndAnOfficerDecidesAfterAConfirmation() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421222", "页面修复测试企业");
        String tc = api.token("tongcheng");
        long listing = api.post("/api/v1/credit/blacklist", Map.of("creditCode", code, "decisionNo", "修复1号",
                "legalBasis", "依据", "reason", "事由", "approvedBy", "局务会",
                "listedOn", api.today().minusDays(400).toString()), tc).json().get("id").asLong();
        String user = EnterpriseFixtures.enterpriseUser(api, code, "421222");
        WebSession ent = WebSession.loggedIn(port, user);

        String own = ent.get("/enterprises/" + code + "?lang=zh-CN").body();
        assertThat(own).contains("/credit/blacklist/" + listing + "/repair").contains("修复1号");
        var form = ent.get("/credit/blacklist/" + listing + "/repair");
        assertThat(form.status()).isEqualTo(200);
        var bad = ent.postForm("/credit/blacklist/" + listing + "/repair", Map.of("commitment", "本企业承诺守法经营",
                "evidence", ""));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("本企业承诺守法经营").contains("请填写此项");
        assertThat(fieldError(bad.body(), "evidence")).isTrue();
        var applied = ent.postForm("/credit/blacklist/" + listing + "/repair", Map.of("commitment", "本企业承诺守法经营",
                "evidence", "罚款缴纳凭证；复查合格报告"));
        assertThat(applied.status()).isEqualTo(302);
        assertThat(applied.location()).endsWith("/enterprises/" + code);
        JsonNode repairs = api.get("/api/v1/credit/enterprises/" + code, tc).json().get("repairs");
        assertThat(repairs.size()).isEqualTo(1);
        assertThat(repairs.get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(repairs.get(0).get("evidence").asText()).isEqualTo("罚款缴纳凭证；复查合格报告");
        long repair = repairs.get(0).get("id").asLong();
        assertThat(audits("repair", repair, "APPLY")).isEqualTo(1);
        // a second application while one is pending is refused on the form
        assertThat(ent.postForm("/credit/blacklist/" + listing + "/repair", Map.of("commitment", "c", "evidence", "e"))
                .body()).contains("已有待审核的修复申请");

        // the district officer sees it among the pending applications and decides
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        String pending = s.get("/credit/repairs?lang=zh-CN&size=200").body();
        assertThat(pending).contains("data-repair-id=\"" + repair + "\"").contains("页面修复测试企业");
        assertThat(api.get("/api/v1/credit/repairs?size=200", tc).body()).contains("\"id\":" + repair);
        s.get("/credit/repairs/" + repair);
        var noNote = s.postForm("/credit/repairs/" + repair + "/decision", Map.of("decision", "APPROVE", "note", ""));
        assertThat(noNote.status()).isEqualTo(200);
        assertThat(fieldError(noNote.body(), "note")).isTrue();
        assertThat(noNote.body()).contains("checked");
        var step = s.postForm("/credit/repairs/" + repair + "/decision", Map.of("decision", "APPROVE", "note", "整改到位"));
        assertThat(step.body()).contains("id=\"decision-confirm\"").contains("提前移出");
        assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        Map<String, Object> decision = hiddenFields(step.body(), "decision-confirm");
        assertThat(decision).containsEntry("decision", "APPROVE").containsEntry("note", "整改到位");
        decision.put("confirmed", "true");
        var decided = s.postForm("/credit/repairs/" + repair + "/decision", decision);
        assertThat(decided.status()).isEqualTo(302);
        JsonNode record = api.get("/api/v1/credit/enterprises/" + code, tc).json();
        assertThat(record.get("repairs").get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(record.get("repairs").get(0).get("decisionNote").asText()).isEqualTo("整改到位");
        assertThat(record.get("listings").get(0).get("removedOn").asText()).isEqualTo(api.today().toString());
        assertThat(api.get("/api/v1/public/blacklist", null).body()).doesNotContain(code);
        assertThat(audits("repair", repair, "APPROVED")).isEqualTo(1);
        assertThat(audits("blacklist", listing, "REMOVE")).isEqualTo(1);
        assertThat(s.get("/credit/repairs?size=200").body()).doesNotContain("data-repair-id=\"" + repair + "\"");
    }

    @Test
    void penaltiesAndHonoursAreRecordedOnAFormAndListedOnTheEnterpriseDetail() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421222", "页面处罚测试企业");
        String tc = api.token("tongcheng");
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        String detail = s.get("/enterprises/" + code + "?lang=zh-CN").body();
        assertThat(detail).contains("id=\"record-penalty\"").contains("id=\"record-honour\"");

        s.get("/credit/enterprises/" + code + "/events/new?kind=PENALTY");
        LocalDate tomorrow = api.today().plusDays(1);
        var future = s.postForm("/credit/enterprises/" + code + "/events", Map.of("kind", "PENALTY",
                "occurredOn", tomorrow.toString(), "description", "销售不合格电线电缆", "reference", "咸市监罚〔页面〕9号"));
        assertThat(future.status()).isEqualTo(200);
        assertThat(future.body()).contains("不能晚于今天").contains("销售不合格电线电缆").contains("咸市监罚〔页面〕9号");
        assertThat(fieldError(future.body(), "occurredOn")).isTrue();
        var noText = s.postForm("/credit/enterprises/" + code + "/events", Map.of("kind", "PENALTY",
                "occurredOn", "yesterday", "description", ""));
        assertThat(fieldError(noText.body(), "description")).isTrue();
        assertThat(fieldError(noText.body(), "occurredOn")).isTrue();
        assertThat(api.get("/api/v1/credit/enterprises/" + code, tc).json().get("events").size()).isZero();

        var penalty = s.postForm("/credit/enterprises/" + code + "/events", Map.of("kind", "PENALTY",
                "occurredOn", api.today().minusDays(3).toString(), "description", "销售不合格电线电缆",
                "reference", "咸市监罚〔页面〕9号"));
        assertThat(penalty.status()).isEqualTo(302);
        var honour = s.postForm("/credit/enterprises/" + code + "/events", Map.of("kind", "HONOUR",
                "occurredOn", api.today().minusDays(1).toString(), "description", "湖北名牌产品", "reference", ""));
        assertThat(honour.status()).isEqualTo(302);
        JsonNode record = api.get("/api/v1/credit/enterprises/" + code, tc).json();
        assertThat(record.get("events").size()).isEqualTo(2);
        assertThat(record.get("grade").get("score").asInt()).isEqualTo(85);
        for (JsonNode ev : record.get("events")) {
            assertThat(audits("event", ev.get("id").asLong(), "CREATE")).isEqualTo(1);
        }
        String after = s.get("/enterprises/" + code + "?lang=zh-CN").body();
        assertThat(after).contains("data-event-kind=\"PENALTY\"").contains("data-event-kind=\"HONOUR\"")
                .contains("销售不合格电线电缆").contains("咸市监罚〔页面〕9号").contains("湖北名牌产品");
        assertThat(api.get("/api/v1/enterprises/" + code, tc).json().get("sections").get("creditHistory").get("events")
                .size()).isEqualTo(2);
    }

    /** The hidden inputs of the form with the given id (without the CSRF token, which the session adds). */
    private static Map<String, Object> hiddenFields(String page, String formId) {
        int from = page.indexOf("id=\"" + formId + "\"");
        assertThat(from).as(formId).isPositive();
        String form = page.substring(from, page.indexOf("</form>", from));
        Map<String, Object> fields = new HashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (m.find()) {
            if (!m.group(1).equals("_csrf")) {
                fields.put(m.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(2)));
            }
        }
        return fields;
    }

    /** Whether the page marks the input named {@code field} as invalid and shows an error right under it. */
    private static boolean fieldError(String page, String field) {
        Matcher m = Pattern.compile("<(input|textarea|select)[^>]*name=\"" + field + "\"[^>]*>").matcher(page);
        boolean marked = false;
        while (m.find()) {
            if (m.group().contains("is-invalid")) {
                marked = true;
            }
        }
        if (field.equals("decision")) {
            marked = true;
        }
        int at = page.indexOf("name=\"" + field + "\"");
        int feedback = page.indexOf("invalid-feedback", at);
        return marked && at >= 0 && feedback > at && feedback - at < 1500;
    }
}
