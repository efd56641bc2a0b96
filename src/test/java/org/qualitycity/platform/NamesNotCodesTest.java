package org.qualitycity.platform;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, acceptance 4 (names, not codes) and items 5–6: each role's main pages and the records they link to, in
 * Chinese and in English, show names where names exist — no data-element codes, unit codes standing alone, task
 * generation keys, JSON, "12/15/20" dates, "2,018" years or "3.000000" values — and the English pages show the
 * English names of units, indicators and data elements. Free text that people or the plan wrote (complaint facts,
 * enterprise names, plan definitions) is not judged.
 */
@QcIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamesNotCodesTest {

    @LocalServerPort
    int port;

    /** Raw codes that must not be visible where a name exists. */
    static final Map<String, Pattern> RAW = new LinkedHashMap<>();

    static {
        // a code followed by its name ("W2a_ONTIME 质量投诉按期受理率") is a code column, not a code instead of a name
        RAW.put("element code", Pattern.compile("\\b[A-Z]+\\d*[a-z]?_[A-Z][A-Z_]*\\b(?!\\s*[\\p{IsHan}A-Z])"));
        RAW.put("unit code alone", Pattern.compile("(?<![\\w./:,-])\\d{6}(?:[A-Z]{2})?(?![\\w./:,%-])(?!\\s*[\\p{IsHan}A-Z])"));
        RAW.put("task key", Pattern.compile("\\b[A-Z]{1,3}:[\\w-]+:[\\w.:-]+"));
        RAW.put("JSON", Pattern.compile("[{\\[]\\s*\"\\w+\"\\s*:"));
        RAW.put("US short date", Pattern.compile("(?<![\\d/])\\d{1,2}/\\d{1,2}/\\d{2}(?![\\d/])"));
        RAW.put("year with separator", Pattern.compile("(?<![\\d,])[12],\\d{3}(?![\\d,])(?=\\s*(年|年度))"
                + "|(?i)(?:assessment|year)\\s+[12],\\d{3}(?![\\d,])"));
        RAW.put("trailing zeros", Pattern.compile("(?<![\\d.])\\d+\\.\\d*[1-9]?0{3,}(?![\\d.])"));
    }

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    /** Pages whose content other parts of issue 12 own (dashboard and analytics, complaint statistics, data entry and review, task timeline). */
    static final Pattern OTHERS = Pattern.compile(
            "^/(indicators/(dashboard|review|entry|analytics)|complaints/stats|tasks/timeline)");

    /** Links not followed: downloads, the API, logging out, language switches, further list pages. */
    static final Pattern SKIP = Pattern.compile(
            "^/(api|api-docs|swagger|logout|webjars|css|js|img|actuator|v3)\\b|\\.(xlsx|docx|pdf|csv|json|png|svg)"
                    + "|/export|/download|/content|lang=|page=");

    static final int MAX_PAGES = 30;

    record Finding(String user, String lang, String path, String what, String text) {
    }

    long verifyJob;

    @BeforeAll
    void records() {
        TestApi api = new TestApi(port);
        // a finished job with a result, and an assessment with a breakdown, to be read by name
        verifyJob = api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), api.token("auditor")).json().get("id").asLong();
        long run = api.post("/api/v1/assessments/2020/run", null, api.token("admin")).json().get("jobId").asLong();
        Await.jobSucceeded(api, verifyJob, api.token("auditor"));
        Await.jobSucceeded(api, run, api.token("admin"));
    }

    @Test
    void everyRoleSeesNamesNotCodesInEitherLanguage() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        users.put("admin", List.of("/", "/assessments/2020", "/units/421222", "/units/421222-SCJG", "/jobs", "/enterprises",
                "/spotchecks/samples", "/tasks", "/indicators/warnings", "/indicators/value/P1/421222/2026Q3"));
        users.put("tongcheng", List.of("/", "/tasks/mine", "/complaints", "/enterprises", "/spotchecks/follow-ups"));
        users.put("qiye", List.of("/", "/enterprises", "/spotchecks/samples"));
        users.put("auditor", List.of("/jobs/" + verifyJob, "/jobs"));
        users.put("auditadmin", List.of("/audit", "/audit?module=indicator", "/login-log"));
        users.put("secadmin", List.of("/roles", "/roles/1", "/login-log", "/users"));
        List<Finding> findings = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        users.forEach((user, start) -> {
            for (String lang : List.of("zh-CN", "en")) {
                crawl(user, lang, start, findings, visited);
            }
        });
        findings.forEach(f -> System.out.println("FINDING " + f));
        assertThat(visited).as("pages checked").hasSizeGreaterThan(100)
                .anyMatch(p -> p.contains("/jobs/")).anyMatch(p -> p.contains("/assessments/2020"))
                .anyMatch(p -> p.contains("/tasks/")).anyMatch(p -> p.contains("/indicators/value/"))
                .anyMatch(p -> p.contains("/audit")).anyMatch(p -> p.contains("/roles"));
        assertThat(findings).isEmpty();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void qualitativeValuesShowTheirLevelNotTheirRank() {
        // S3 is rated on the plan's four-level scale; its value is stored as the level's rank (1 = excellent)
        WebSession s = WebSession.loggedIn(port, "admin");
        int shown = 0;
        for (int year = 2017; year <= 2026; year++) {
            Element zh = Jsoup.parse(s.get("/indicators/value/S3/421200/" + year + "?lang=zh-CN").body())
                    .selectFirst("#result-card .display-6");
            Element en = Jsoup.parse(s.get("/indicators/value/S3/421200/" + year + "?lang=en").body())
                    .selectFirst("#result-card .display-6");
            if (zh != null && !zh.text().equals("—")) {
                assertThat(zh.text()).as("S3 " + year).isIn("优秀", "良好", "一般", "差");
                assertThat(en).isNotNull();
                assertThat(en.text()).as("S3 " + year).isIn("Excellent", "Good", "Fair", "Poor");
                shown++;
            }
        }
        s.get("/?lang=zh-CN");
        assertThat(shown).as("years with an S3 rating").isPositive();
    }

    @Test
    void creditRulesAreStoredAsKeysNotGluedText() {
        assertThat(jdbc.sql("SELECT description FROM credit_rule").query(String.class).list())
                .isNotEmpty().noneMatch(d -> d.contains(" / ")).allMatch(d -> d.startsWith("credit.rule."));
        var api = new TestApi(port);
        var zh = api.get("/api/v1/credit/rules?lang=zh-CN", api.token("tongcheng"));
        var en = api.get("/api/v1/credit/rules?lang=en", api.token("tongcheng"));
        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.body()).contains("基础分").doesNotContain("base score");
        assertThat(en.body()).contains("Base score").doesNotContain("基础分");
    }

    private void crawl(String user, String lang, List<String> start, List<Finding> findings, Set<String> visited) {
        WebSession s = WebSession.loggedIn(port, user);
        s.get("/?lang=" + lang);
        Deque<String> queue = new ArrayDeque<>(start);
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> perShape = new HashMap<>();
        int fetched = 0;
        while (!queue.isEmpty() && fetched < MAX_PAGES) {
            String path = queue.poll();
            WebSession.Page p = s.get(path);
            fetched++;
            if (p.status() != 200 || !p.body().contains("<html")) {
                continue;
            }
            visited.add(user + " " + lang + " " + path);
            Document doc = Jsoup.parse(p.body());
            if (!OTHERS.matcher(path).find()) {
                check(user, lang, path, doc, findings);
            }
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href").replaceAll("#.*", "");
                if (!href.startsWith("/") || href.startsWith("//") || SKIP.matcher(href).find()) {
                    continue;
                }
                // two records of each kind are enough: /tasks/12 and /tasks/40 are the same page
                String shape = href.replaceAll("\\?.*", "").replaceAll("/[^/]*[\\dA-Z][^/]*", "/X");
                if (seen.add(href) && perShape.merge(shape, 1, Integer::sum) <= 2) {
                    queue.add(href);
                }
            }
        }
        s.get("/?lang=zh-CN");
    }

    static void check(String user, String lang, String path, Document doc, List<Finding> findings) {
        // not judged: scripts, form controls and their choices, codes shown beside their names (qc-code), free text
        // written by people or by the plan (definitions), preformatted diffs of the audit trail
        doc.select("script, style, textarea, input, select, code, .qc-code, pre, #indicator-definition, .qc-free-text")
                .remove();
        Element main = doc.selectFirst("main");
        Element scope = main != null ? main : doc.body();
        if (scope == null) {
            return;
        }
        String text = scope.text();
        RAW.forEach((what, pattern) -> {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                int from = Math.max(0, m.start() - 50);
                findings.add(new Finding(user, lang, path, what,
                        text.substring(from, Math.min(text.length(), m.end() + 50))));
            }
        });
        if (lang.equals("en")) {
            // names this issue translated: the user's unit in the header, the parent unit, element and unit names of
            // a value's inputs, audit actions, job results, role permissions
            for (Element e : scope.select("#unit-parent, #job-result, .qc-audit-action, .qc-role-grants, #inputs-table td:lt(2),"
                    + " #result-card a, .qc-card a[href^=/indicators/value/]")) {
                if (HAN.matcher(e.text()).find()) {
                    findings.add(new Finding(user, lang, path, "Chinese name on an English page", e.text()));
                }
            }
            Element unit = doc.getElementById("qc-user-unit");
            if (unit != null && HAN.matcher(unit.text()).find()) {
                findings.add(new Finding(user, lang, path, "the user's unit in Chinese on an English page", unit.text()));
            }
        }
    }
}
