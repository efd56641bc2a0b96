package org.qualitycity.platform;

import org.qualitycity.files.FilesFixtures;
import org.qualitycity.support.TestApi;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-scope probes of the endpoints of modules other than the platform, one method per module,
 * so that {@link DataScopeTest} covers every endpoint of the application.
 */
final class ModuleScopeProbes {

    private ModuleScopeProbes() {
    }

    static void register(DataScopeTest t) {
        indicator(t);
        calendar(t);
        files(t);
        jobs(t);
        notification(t);
        plan(t);
        task(t);
        assessment(t);
        complaint(t);
        enterpriseSpotcheckCredit(t);
        SurveyScopeProbes.register(t);
        ReportScopeProbes.register(t);
        PortalScopeProbes.register(t);
        MonitoringScopeProbes.register(t);
        EngineeringScopeProbes.register(t);
        MonitoringDomainScopeProbes.register(t);
    }

    /** A task of 赤壁市 (with a supervision notice): 404 to 通城县 on every task endpoint; city steps 403. */
    private static void task(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String title = "赤壁市范围探针任务";
        long task = org.qualitycity.task.TaskTestSupport.createTask(api, "421281", title,
                java.time.LocalDate.of(2019, 3, 29));
        assertThat(org.qualitycity.task.TaskTestSupport.act(api, task, "admin", "ASSIGN", null, null, null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/tasks/check-deadlines", null, api.token("admin")).status()).isEqualTo(200);
        long notice = -1;
        for (var n : api.get("/api/v1/task-notices", api.token("admin")).json()) {
            if (n.get("taskId").asLong() == task) {
                notice = n.get("id").asLong();
            }
        }
        assertThat(notice).isPositive();
        long noticeId = notice;
        t.probe("GET /api/v1/tasks", e -> {
            var r = api.get("/api/v1/tasks?size=200&unit=421281", tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(title);
            assertThat(api.get("/api/v1/tasks?size=200&overdue=true", tc).body()).doesNotContain(title);
        });
        t.probe("GET /api/v1/tasks/export", e -> assertThat(DataScopeTest.excelText(api.getBytes(
                "/api/v1/tasks/export?unit=421281", tc))).doesNotContain(title));
        t.probe("GET /api/v1/tasks/{id}", e -> assertThat(api.get("/api/v1/tasks/" + task, tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/tasks/{id}/actions", e -> assertThat(api.post("/api/v1/tasks/" + task + "/actions",
                Map.of("action", "ACKNOWLEDGE"), tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/tasks", e -> assertThat(api.post("/api/v1/tasks", Map.of("title", "x", "leadUnit", "421281",
                "deadline", "2030-01-01"), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/tasks/import", e -> assertThat(org.qualitycity.support.Multipart.api(api).post(
                "/api/v1/tasks/import", Map.of("file", new org.qualitycity.support.Multipart.Part("t.xlsx",
                        new byte[]{1, 2}, "application/octet-stream")), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/tasks/check-deadlines", e -> assertThat(api.post("/api/v1/tasks/check-deadlines", null, tc)
                .status()).isEqualTo(403));
        t.probe("GET /api/v1/task-notices", e -> {
            for (var n : api.get("/api/v1/task-notices", tc).json()) {
                assertThat(n.get("unitCode").asText()).isNotEqualTo("421281");
            }
        });
        t.probe("POST /api/v1/task-notices/{id}/answer", e -> assertThat(api.post("/api/v1/task-notices/" + noticeId
                + "/answer", Map.of("answer", "越权答复"), tc).status()).isEqualTo(404));
        long chibiItem = -1;
        for (var i : api.get("/api/v1/checklists/SELF_CHECK", api.token("admin")).json().get("items")) {
            if (i.get("unitCode").asText().startsWith("421200-")) {
                chibiItem = i.get("id").asLong();
            }
        }
        long cityItem = chibiItem;
        t.probe("GET /api/v1/checklists/{phase}", e -> {
            var items = api.get("/api/v1/checklists/SELF_CHECK", tc).json().get("items");
            for (var i : items) {
                assertThat(i.get("unitCode").asText()).startsWith("421222");
            }
        });
        t.probe("PUT /api/v1/checklists/items/{id}", e -> assertThat(api.put("/api/v1/checklists/items/" + cityItem,
                Map.of("finding", "MET"), tc).status()).isEqualTo(403));
        var page = t.tongchengPage();
        t.probe("GET /tasks/checklists/{phase}", e -> assertThat(page.get("/tasks/checklists/SELF_CHECK").body())
                .doesNotContain("市场监督管理局</td>"));
        t.probe("POST /tasks/checklists/items/{id:\\d+}", e -> {
            page.get("/tasks/checklists/SELF_CHECK");
            assertThat(page.postForm("/tasks/checklists/items/" + cityItem, Map.of("finding", "MET")).status())
                    .isEqualTo(403);
        });
        t.probe("GET /tasks", e -> assertThat(page.get("/tasks?size=200").body()).doesNotContain(title));
        t.probe("GET /tasks/mine", e -> assertThat(page.get("/tasks/mine?size=200").body()).doesNotContain(title));
        t.probe("GET /tasks/timeline", e -> assertThat(page.get("/tasks/timeline?mine=false").body())
                .doesNotContain(title));
        t.probe("POST /tasks/{id:\\d+}/split", e -> {
            page.get("/tasks");
            assertThat(page.postForm("/tasks/" + task + "/split", Map.of()).status()).isEqualTo(403);
        });
        t.probe("GET /tasks/notices", e -> assertThat(page.get("/tasks/notices").body()).doesNotContain(title));
        t.probe("GET /tasks/{id:\\d+}", e -> assertThat(page.get("/tasks/" + task).status()).isEqualTo(404));
        t.probe("POST /tasks/{id:\\d+}/actions", e -> {
            page.get("/tasks");
            assertThat(page.postForm("/tasks/" + task + "/actions", Map.of("action", "ACKNOWLEDGE")).status())
                    .isEqualTo(404);
        });
        t.probe("POST /tasks/notices/{id:\\d+}/answer", e -> {
            page.get("/tasks/notices");
            assertThat(page.postForm("/tasks/notices/" + noticeId + "/answer", Map.of("answer", "x")).status())
                    .isEqualTo(404);
        });
    }

    /** 通城县 sees its own score only; running, adjusting, publishing and editing schemes are the city's (403). */
    private static void assessment(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        int year = 2019;
        long job = api.post("/api/v1/assessments/" + year + "/run", null, api.token("admin")).json().get("jobId").asLong();
        org.qualitycity.support.Await.jobSucceeded(api, job, api.token("admin"));
        String path = "/api/v1/assessments/" + year;
        t.probe("GET /api/v1/assessments/{year}", e -> {
            var r = api.get(path, tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("421222").doesNotContain("421281").doesNotContain("赤壁");
        });
        t.probe("GET /api/v1/assessments/{year}/export", e -> assertThat(DataScopeTest.excelText(
                api.getBytes(path + "/export", tc))).contains("421222").doesNotContain("421281"));
        t.probe("GET /api/v1/assessments/{year}/circular", e -> {
            try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(
                    api.getBytes(path + "/circular", tc)))) {
                StringBuilder sb = new StringBuilder();
                doc.getTables().forEach(tb -> sb.append(tb.getText()));
                assertThat(sb.toString()).contains("通城县").doesNotContain("赤壁");
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        t.probe("POST /api/v1/assessments/{year}/objections", e -> {
            assertThat(api.post(path + "/objections", Map.of("text", "范围探针异议"), tc).status()).isEqualTo(201);
            assertThat(api.get(path, api.token("chibi")).body()).doesNotContain("范围探针异议");
        });
        for (String post : java.util.List.of("run", "publish", "adjustments", "entries")) {
            t.probe("POST /api/v1/assessments/{year}/" + post, e -> assertThat(api.post(path + "/" + post,
                    Map.of("unitCode", "421281", "points", 5, "reason", "越权", "kind", "BONUS"), tc).status())
                    .isEqualTo(403));
        }
        t.notScoped("GET /api/v1/assessment-schemes/{year}/{target}", "city-wide configuration: the scoring scheme");
        t.probe("PUT /api/v1/assessment-schemes/{year}/{target}", e -> assertThat(api.put(
                "/api/v1/assessment-schemes/" + year + "/AREA", Map.of("items", java.util.List.of(Map.of("code", "IND",
                        "maxPoints", 1))), tc).status()).isEqualTo(403));
        var page = t.tongchengPage();
        t.notScoped("GET /assessments", "the list of assessed years");
        t.probe("GET /assessments/{year:\\d{4}}", e -> assertThat(page.get("/assessments/" + year).body())
                .contains("通城县").doesNotContain("赤壁"));
        t.probe("POST /assessments/{year:\\d{4}}/objections", e -> {
            page.get("/assessments/" + year);
            assertThat(page.postForm("/assessments/" + year + "/objections", Map.of("text", "页面异议")).status())
                    .isEqualTo(302);
            assertThat(api.get(path, api.token("chibi")).body()).doesNotContain("页面异议");
        });
        for (String post : java.util.List.of("POST /assessments", "POST /assessments/{year:\\d{4}}/adjustments",
                "POST /assessments/{year:\\d{4}}/publish", "POST /assessments/schemes")) {
            t.probe(post, e -> {
                page.get("/assessments");
                String p = post.substring(5).replace("{year:\\d{4}}", String.valueOf(year));
                assertThat(page.postForm(p, Map.of("year", String.valueOf(year), "target", "AREA", "unitCode", "421281",
                        "points", "5", "reason", "x")).status()).as(post).isEqualTo(403);
            });
        }
        t.probe("GET /assessments/schemes", e -> assertThat(page.get("/assessments/schemes").status()).isEqualTo(403));
    }

    /** A complaint against a 赤壁市 trader, dispatched to 赤壁市's market regulator: 404 to 通城县 everywhere. */
    private static void complaint(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        var body = org.qualitycity.complaint.ComplaintFixtures.complaint("421281", "赤壁市范围探针电器行",
                org.qualitycity.complaint.ComplaintFixtures.freshPhone());
        String code = org.qualitycity.complaint.ComplaintFixtures.submit(api, body).json().get("trackingCode").asText();
        long id = org.qualitycity.complaint.ComplaintFixtures.idOf(api, code);
        assertThat(api.post("/api/v1/complaints/" + id + "/actions", Map.of("action", "DISPATCH"), admin).status())
                .isEqualTo(200);
        t.probe("GET /api/v1/complaints", e -> assertThat(api.get("/api/v1/complaints?size=200&district=421281", tc)
                .body()).doesNotContain(code).contains("\"total\":0"));
        t.probe("GET /api/v1/complaints/export", e -> assertThat(DataScopeTest.excelText(
                api.getBytes("/api/v1/complaints/export?q=" + code, tc))).doesNotContain(code));
        t.probe("GET /api/v1/complaints/{id:\\d+}", e -> assertThat(api.get("/api/v1/complaints/" + id, tc).status())
                .isEqualTo(404));
        t.probe("GET /api/v1/complaints/{id:\\d+}/respondent-view", e -> assertThat(api.get("/api/v1/complaints/"
                + id + "/respondent-view", tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/complaints/{id:\\d+}/actions", e -> assertThat(api.post("/api/v1/complaints/" + id
                + "/actions", Map.of("action", "ACCEPT"), tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/complaints", e -> {
            var r = api.post("/api/v1/complaints?channel=WALKIN", org.qualitycity.complaint.ComplaintFixtures.complaint(
                    "421281", "通城县窗口登记探针", org.qualitycity.complaint.ComplaintFixtures.freshPhone()), tc);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            var mine = api.get("/api/v1/complaints?q=" + r.json().get("trackingCode").asText(), tc).json();
            assertThat(mine.get("items").get(0).get("unitCode").asText()).as("kept in the operator's own unit")
                    .isEqualTo("421222");
        });
        t.probe("GET /api/v1/complaints/stats", e -> assertThat(api.get("/api/v1/complaints/stats?from=2017-01", tc)
                .body()).doesNotContain("421281"));
        t.notScoped("GET /api/v1/complaints/dispatch-rules", "city-wide reference data");
        t.probe("PUT /api/v1/complaints/dispatch-rules", e -> assertThat(api.put("/api/v1/complaints/dispatch-rules",
                Map.of("category", "GOODS", "districtCode", "421281", "unitCode", "421222"), tc).status()).isEqualTo(403));
        t.notScoped("POST /api/v1/public/complaints", "public intake, no login");
        t.notScoped("GET /api/v1/public/complaints/{trackingCode}", "public tracking by code and phone digits");
        t.notScoped("GET /open311/v2/services.json", "public Open311 service list");
        t.notScoped("POST /open311/v2/requests.json", "public Open311 intake");
        t.notScoped("GET /open311/v2/requests.json", "public, de-identified Open311 list");
        t.notScoped("GET /open311/v2/requests/{id}.json", "public, de-identified Open311 request");
        t.notScoped("GET /open311/v2/tokens/{token}.json", "public Open311 token lookup");
        t.notScoped("GET /public/complaints", "public form");
        t.notScoped("POST /public/complaints", "public form");
        t.notScoped("GET /public/complaints/track", "public tracking page");
        t.probe("GET /complaints", e -> assertThat(t.tongchengPage().get("/complaints?size=200&q=" + code).body())
                .doesNotContain("data-case-id=\"" + id + "\""));
        t.probe("GET /complaints/{id:\\d+}", e -> assertThat(t.tongchengPage().get("/complaints/" + id).status())
                .isEqualTo(404));
        t.probe("POST /complaints/{id:\\d+}/actions", e -> {
            t.tongchengPage().get("/complaints");
            assertThat(t.tongchengPage().postForm("/complaints/" + id + "/actions", Map.of("action", "ACCEPT"))
                    .status()).isEqualTo(404);
        });
        t.notScoped("GET /complaints/new", "an empty entry form");
        t.probe("POST /complaints/new", e -> {
            t.tongchengPage().get("/complaints/new");
            var p = t.tongchengPage().postForm("/complaints/new", Map.of("channel", "WALKIN", "type", "REPORT",
                    "category", "GOODS", "respondentName", "通城县窗口页面探针", "district", "421281",
                    "facts", "窗口来访反映该店销售假冒商品。"));
            assertThat(p.status()).isEqualTo(302);
            String entered = p.location().replaceAll(".*q=", "");
            var mine = api.get("/api/v1/complaints?q=" + entered, tc).json();
            assertThat(mine.get("items").get(0).get("unitCode").asText()).as("kept in the operator's own unit")
                    .isEqualTo("421222");
        });
        t.probe("GET /complaints/stats", e -> assertThat(t.tongchengPage().get("/complaints/stats?year=2019").body())
                .doesNotContain("421281"));
    }

    /** Enterprise register, spot checks and credit (see EnterpriseScopeProbes). */
    private static void enterpriseSpotcheckCredit(DataScopeTest t) {
        EnterpriseScopeProbes.register(t);
        TraceabilityScopeProbes.register(t);
    }

    /** The calendar is city-wide reference data (no unit owns it); changing it needs calendar:year:edit. */
    private static void calendar(DataScopeTest t) {
        t.notScoped("GET /api/v1/calendar/add-working-days", "city-wide reference data");
        t.notScoped("GET /api/v1/calendar/working-days-between", "city-wide reference data");
        t.notScoped("GET /api/v1/calendar", "city-wide reference data");
        t.notScoped("GET /api/v1/calendar/{year:\\d+}", "city-wide reference data");
        t.notScoped("GET /calendar", "city-wide reference data");
        t.probe("PUT /api/v1/calendar/{year:\\d+}", e -> assertThat(t.api().put("/api/v1/calendar/2026",
                java.util.List.of(), t.tongchengToken()).status()).isEqualTo(403));
        t.probe("POST /calendar", e -> {
            t.tongchengPage().get("/calendar");
            assertThat(t.tongchengPage().postForm("/calendar", Map.of("year", "2026", "text", "")).status())
                    .isEqualTo(403);
        });
    }

    /** A document of 赤壁市 (owner type "unit"): 404 to 通城县 on every files endpoint, page or API. */
    private static void files(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        long chibiUnit = FilesFixtures.unitId(api, "421281");
        long file = FilesFixtures.uploadPdf(api, "chibi", chibiUnit, "赤壁市-scope-probe.pdf");
        t.probe("POST /api/v1/files", e -> assertThat(api.send("POST", "/api/v1/files?ownerType=unit&ownerId="
                + chibiUnit, "{}", tc, "application/json").status()).isEqualTo(404));
        t.probe("GET /api/v1/files", e -> assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=" + chibiUnit, tc)
                .status()).isEqualTo(404));
        t.probe("GET /api/v1/files/{id}", e -> assertThat(api.get("/api/v1/files/" + file, tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/files/{id}/content", e -> assertThat(api.get("/api/v1/files/" + file + "/content", tc)
                .status()).isEqualTo(404));
        t.probe("DELETE /api/v1/files/{id}", e -> assertThat(api.delete("/api/v1/files/" + file, tc).status())
                .isEqualTo(404));
        t.probe("GET /files", e -> {
            assertThat(t.tongchengPage().get("/files").body()).doesNotContain("赤壁市-scope-probe");
            assertThat(t.tongchengPage().get("/files?unit=421281").status()).isEqualTo(404);
        });
        t.probe("GET /files/{id}", e -> assertThat(t.tongchengPage().get("/files/" + file).status()).isEqualTo(404));
        t.probe("POST /files", e -> assertThat(FilesFixtures.postPageUpload(api, "tongcheng", chibiUnit, "x.pdf"))
                .isEqualTo(404));
        t.probe("POST /files/{id}/delete", e -> {
            t.tongchengPage().get("/files");
            assertThat(t.tongchengPage().postForm("/files/" + file + "/delete", Map.of()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/files/" + file, api.token("chibi")).status()).isEqualTo(200);
        });
    }

    /** Jobs belong to their creator: the city administrator's job is 404 to 通城县. */
    private static void jobs(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        long job = api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), api.token("auditadmin")).json().get("id").asLong();
        t.probe("GET /api/v1/jobs/export", e -> {
            // the number of the job (a numeric cell) is not among 通城县's rows
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/jobs/export", tc))).doesNotContain("|" + job + ".0|");
            assertThat(api.get("/api/v1/jobs/export?all=true", tc).status()).isEqualTo(403);
        });
        t.probe("GET /api/v1/jobs", e -> {
            assertThat(api.get("/api/v1/jobs?size=200", tc).body()).doesNotContain("\"id\":" + job + ",");
            assertThat(api.get("/api/v1/jobs?all=true", tc).status()).isEqualTo(403);
        });
        t.probe("GET /api/v1/jobs/{id}", e -> assertThat(api.get("/api/v1/jobs/" + job, tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/jobs/{id}/cancel", e -> assertThat(api.post("/api/v1/jobs/" + job + "/cancel", null, tc)
                .status()).isEqualTo(404));
        t.probe("POST /api/v1/jobs", e -> assertThat(api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), tc)
                .status()).as("only users who may read the audit trail start its verification").isEqualTo(403));
        t.probe("GET /jobs", e -> assertThat(t.tongchengPage().get("/jobs?size=200").body())
                .doesNotContain("data-job-id=\"" + job + "\""));
        t.probe("GET /jobs/{id}", e -> assertThat(t.tongchengPage().get("/jobs/" + job).status()).isEqualTo(404));
        t.probe("GET /jobs/{id}/progress", e -> assertThat(t.tongchengPage().get("/jobs/" + job + "/progress").status())
                .isEqualTo(404));
        t.probe("POST /jobs/{id}/cancel", e -> {
            t.tongchengPage().get("/jobs");
            assertThat(t.tongchengPage().postForm("/jobs/" + job + "/cancel", Map.of()).status()).isEqualTo(404);
        });
        t.probe("POST /jobs", e -> {
            t.tongchengPage().get("/jobs");
            assertThat(t.tongchengPage().postForm("/jobs", Map.of("kind", "audit-verify")).status()).isEqualTo(403);
        });
    }

    /** A notice to 赤壁市: not in 通城县's inbox, 404 on reading it, and 通城县's "read all" leaves it unread for 赤壁市. */
    private static void notification(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        long notice = api.post("/api/v1/notifications", Map.of("unitCode", "421281", "title", "赤壁市 scope probe"),
                api.token("admin")).json().get("id").asLong();
        java.util.function.Supplier<Boolean> stillUnreadForChibi = () ->
                api.get("/api/v1/notifications/" + notice, api.token("chibi")).json().get("readAt").isNull();
        t.probe("GET /api/v1/notifications", e -> assertThat(api.get("/api/v1/notifications?size=200", tc).body())
                .doesNotContain("赤壁市 scope probe"));
        t.probe("GET /api/v1/notifications/export", e -> assertThat(DataScopeTest.excelText(api.getBytes(
                "/api/v1/notifications/export", tc))).doesNotContain("赤壁市 scope probe"));
        t.probe("GET /api/v1/notifications/{id}", e -> assertThat(api.get("/api/v1/notifications/" + notice, tc).status())
                .isEqualTo(404));
        t.probe("POST /api/v1/notifications/{id}/read", e -> {
            assertThat(api.post("/api/v1/notifications/" + notice + "/read", null, tc).status()).isEqualTo(404);
            assertThat(stillUnreadForChibi.get()).isTrue();
        });
        t.probe("POST /api/v1/notifications/read-all", e -> {
            assertThat(api.post("/api/v1/notifications/read-all", null, tc).status()).isEqualTo(200);
            assertThat(stillUnreadForChibi.get()).isTrue();
        });
        t.notScoped("GET /api/v1/notifications/unread-count", "the caller's own inbox");
        t.probe("POST /api/v1/notifications", e -> assertThat(api.post("/api/v1/notifications",
                Map.of("unitCode", "421281", "title", "越权"), tc).status()).isEqualTo(403));
        t.probe("GET /notifications", e -> assertThat(t.tongchengPage().get("/notifications?size=200").body())
                .doesNotContain("赤壁市 scope probe"));
        for (String action : java.util.List.of("read", "open")) {
            t.probe("POST /notifications/{id}/" + action, e -> {
                t.tongchengPage().get("/notifications");
                assertThat(t.tongchengPage().postForm("/notifications/" + notice + "/" + action, Map.of()).status())
                        .isEqualTo(404);
            });
        }
        t.probe("POST /notifications/read-all", e -> {
            t.tongchengPage().get("/notifications");
            assertThat(t.tongchengPage().postForm("/notifications/read-all", Map.of()).status()).isEqualTo(302);
            assertThat(stillUnreadForChibi.get()).isTrue();
        });
        t.notScoped("GET /test-support/notification-badge", "test-only page of the caller's own badge");
    }

    /** Indicator data of 赤壁市 is invisible to 通城县 in every read, and untouchable in every write. */
    private static void indicator(DataScopeTest t) {
        var api = t.api();
        String tc = t.tongchengToken();
        t.probe("GET /api/v1/analytics", e -> {
            var r = api.get("/api/v1/analytics?dx=P2;E1&pe=2018;2018Q2&ou=421281;LEVEL-2", tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("421281").doesNotContain("赤壁");
        });
        t.notScoped("GET /api/v1/public/analytics", "public: approved values of published indicators only");
        t.probe("GET /api/v1/indicators/{code}/units/{unitCode}/periods/{period}", e ->
                assertThat(api.get("/api/v1/indicators/P2/units/421281/periods/2018", tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/indicators/reporting", e -> {
            var r = api.get("/api/v1/indicators/reporting?year=2019", tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("421281").doesNotContain("421200-ZJJ");
        });
        t.probe("GET /api/v1/early-warnings", e -> {
            var r = api.get("/api/v1/early-warnings?year=2018&unitCode=421281", tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("total").asLong()).isZero();
        });
        t.probe("GET /api/v1/early-warnings/export", e -> {
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/early-warnings/export?year=2018", tc)))
                    .doesNotContain("赤壁市").doesNotContain("咸宁市|");
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/early-warnings/export?year=2018&unitCode=421281",
                    tc)).split("\\|")).hasSize(9); // the header only
        });
        t.probe("GET /api/v1/indicator-values", e -> assertThat(api.get("/api/v1/indicator-values?unitCode=421281",
                tc).json().get("total").asLong()).isZero());
        t.probe("PUT /api/v1/indicator-values", e -> assertThat(api.put("/api/v1/indicator-values", Map.of(
                "unitCode", "421281", "period", "2018Q1", "values", java.util.List.of(Map.of("element", "G4_VILLAGES",
                        "value", 1))), tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/indicator-values/actions", e -> assertThat(api.post("/api/v1/indicator-values/actions",
                Map.of("action", "SUBMIT", "keys", java.util.List.of(Map.of("element", "G4_VILLAGES", "unitCode", "421281",
                        "period", "2018Q1"))), tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/indicator-values/template", e -> assertThat(api.get(
                "/api/v1/indicator-values/template?period=2018Q1&unitCode=421281", tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/indicator-values/upload", e -> {
            var r = org.qualitycity.indicator.IndicatorUploadSupport.upload(api, tc, java.util.List.<Object[]>of(
                    new Object[]{"421281", "G4_VILLAGES", "2018Q1", 3}));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("421281");
        });
        t.probe("POST /api/v1/indicators/recompute", e ->
                assertThat(api.post("/api/v1/indicators/recompute?year=2018", null, tc).status()).isEqualTo(403));
        t.probe("PUT /api/v1/indicators/{code}/targets", e -> assertThat(api.put("/api/v1/indicators/P2/targets",
                Map.of("unitCode", "421281", "kind", "GE", "value", 10, "reason", "x"), tc).status()).isEqualTo(403));
        var page = t.tongchengPage();
        t.probe("GET /indicators/dashboard", e -> assertThat(page.get("/indicators/dashboard?period=2018").body())
                .doesNotContain("赤壁"));
        t.probe("GET /indicators/warnings", e -> assertThat(page.get("/indicators/warnings?year=2018&unitCode=421281")
                .body()).doesNotContain("赤壁"));
        t.probe("GET /indicators/value/{code}/{unitCode}/{period}", e ->
                assertThat(page.get("/indicators/value/P2/421281/2018").status()).isEqualTo(404));
        t.probe("GET /indicators/entry", e ->
                assertThat(page.get("/indicators/entry?unitCode=421281&period=2018Q1").status()).isEqualTo(404));
        t.probe("POST /indicators/entry", e -> {
            page.get("/indicators/entry");
            assertThat(page.postForm("/indicators/entry", Map.of("unitCode", "421281", "period", "2018Q1",
                    "v_G4_VILLAGES", "1")).status()).isEqualTo(404);
        });
        t.probe("GET /indicators/review", e -> assertThat(page.get("/indicators/review").status()).isEqualTo(403));
        // issue 12 entry: the upload page, its staged files (bound to their uploader) and the review export
        t.probe("GET /indicators/upload", e -> {
            assertThat(page.get("/indicators/upload?unitCode=421281").status()).isEqualTo(404);
            assertThat(page.get("/indicators/upload").body()).doesNotContain("赤壁");
        });
        var chibiUpload = org.qualitycity.support.Multipart.browser(api, "chibi");
        chibiUpload.page("/indicators/upload");
        String chibiStaged = chibiUpload.postForm("/indicators/upload", Map.of("file", new org.qualitycity.support.Multipart.Part(
                "values.xlsx", org.qualitycity.indicator.IndicatorUploadSupport.workbook(java.util.List.<Object[]>of(
                        new Object[]{"421281", "G4_VILLAGES", "2011Q1", 3})),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))).headers().firstValue("Location").orElseThrow();
        assertThat(chibiStaged).contains("/indicators/upload/");
        t.probe("POST /indicators/upload", e -> {
            var tcUpload = org.qualitycity.support.Multipart.browser(api, "tongcheng");
            tcUpload.page("/indicators/upload");
            String staged = tcUpload.postForm("/indicators/upload", Map.of("file", new org.qualitycity.support.Multipart.Part(
                    "values.xlsx", org.qualitycity.indicator.IndicatorUploadSupport.workbook(java.util.List.<Object[]>of(
                            new Object[]{"421281", "G4_VILLAGES", "2011Q2", 3})),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))).headers().firstValue("Location").orElseThrow();
            var preview = tcUpload.page(staged);
            assertThat(preview.body()).contains("421281").doesNotContain("赤壁").doesNotContain("upload-confirm");
            tcUpload.postForm(staged + "/confirm", Map.of());
            assertThat(api.get("/api/v1/indicator-values?unitCode=421281&period=2011Q2", api.token("admin")).json()
                    .get("total").asLong()).isZero();
        });
        t.probe("GET /indicators/upload/{id}", e -> assertThat(page.get(chibiStaged).status()).isEqualTo(404));
        t.probe("POST /indicators/upload/{id}/confirm", e -> {
            page.get("/indicators/entry");
            assertThat(page.postForm(chibiStaged + "/confirm", Map.of()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/indicator-values?unitCode=421281&period=2011Q1", api.token("admin")).json()
                    .get("total").asLong()).isZero();
        });
        t.probe("GET /indicators/review/export", e ->
                assertThat(page.download("/indicators/review/export?unitCode=421281").status()).isEqualTo(403));
        t.probe("POST /indicators/review", e -> {
            page.get("/indicators/entry");
            assertThat(page.postForm("/indicators/review", Map.of("action", "APPROVE",
                    "keys", "G4_VILLAGES|421281|2018Q1")).status()).isEqualTo(403);
        });
    }

    /**
     * Plans are city-wide configuration (no unit owns a plan): every signed-in officer reads them; changing
     * a plan needs plan:plan:edit, which a district officer lacks (403, and the plan is unchanged).
     */
    private static void plan(DataScopeTest t) {
        String reason = "city-wide configuration: the plan, read by every officer";
        for (String read : java.util.List.of("GET /api/v1/plans", "GET /api/v1/plans/current", "GET /api/v1/plans/{id}",
                "GET /plan", "GET /plan/overview", "GET /plan/indicators", "GET /plan/indicators/export", "GET /plan/measures",
                "GET /plan/download")) {
            t.notScoped(read, reason);
        }
        String plan = "xianning-2017";
        t.probe("PUT /api/v1/plans/{id}", e -> assertThat(t.api().send("PUT", "/api/v1/plans/" + plan, "format: x\n",
                t.tongchengToken(), "application/yaml").status()).isEqualTo(403));
        t.probe("POST /api/v1/plans", e -> assertThat(t.api().send("POST", "/api/v1/plans", "format: x\n",
                t.tongchengToken(), "application/yaml").status()).isEqualTo(403));
        t.probe("POST /api/v1/plans/{id}/make-current", e -> assertThat(t.api().post("/api/v1/plans/" + plan
                + "/make-current", null, t.tongchengToken()).status()).isEqualTo(403));
        t.probe("PUT /api/v1/plans/{id}/measures/{code}/units", e -> assertThat(t.api().put("/api/v1/plans/" + plan
                + "/measures/M04.1/units", Map.of("leadUnit", "421222", "coUnits", java.util.List.of()),
                t.tongchengToken()).status()).isEqualTo(403));
        t.probe("GET /plan/measures/{code}/edit", e ->
                assertThat(t.tongchengPage().get("/plan/measures/M04.1/edit").status()).isEqualTo(403));
        t.probe("POST /plan/measures/{code}/units", e -> {
            t.tongchengPage().get("/plan/measures");
            assertThat(t.tongchengPage().postForm("/plan/measures/M04.1/units", Map.of("leadUnit", "421222"))
                    .status()).isEqualTo(403);
        });
        t.probe("GET /plan/import", e -> assertThat(t.tongchengPage().get("/plan/import").status()).isEqualTo(403));
        for (String post : java.util.List.of("/plan/import", "/plan/import/confirm")) {
            t.probe("POST " + post, e -> {
                t.tongchengPage().get("/plan");
                assertThat(t.tongchengPage().postForm(post, Map.of("text", "format: x\n")).status()).isEqualTo(403);
            });
        }
    }
}
