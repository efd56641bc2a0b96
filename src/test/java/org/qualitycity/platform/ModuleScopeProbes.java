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
        enterpriseSpotcheckCredit(t);
    }

    /** Enterprise register, spot checks and credit (see EnterpriseScopeProbes). */
    private static void enterpriseSpotcheckCredit(DataScopeTest t) {
        EnterpriseScopeProbes.register(t);
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
        long job = api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), api.token("admin")).json().get("id").asLong();
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
        t.probe("GET /api/v1/early-warnings", e -> {
            var r = api.get("/api/v1/early-warnings?year=2018&unitCode=421281", tc);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("total").asLong()).isZero();
        });
        t.probe("GET /api/v1/indicator-values", e -> assertThat(api.get("/api/v1/indicator-values?unitCode=421281",
                tc).json().get("total").asLong()).isZero());
        t.probe("PUT /api/v1/indicator-values", e -> assertThat(api.put("/api/v1/indicator-values", Map.of(
                "unitCode", "421281", "period", "2018Q1", "values", java.util.List.of(Map.of("element", "E2_ACCEPTED",
                        "value", 1))), tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/indicator-values/actions", e -> assertThat(api.post("/api/v1/indicator-values/actions",
                Map.of("action", "SUBMIT", "keys", java.util.List.of(Map.of("element", "E2_ACCEPTED", "unitCode", "421281",
                        "period", "2018Q1"))), tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/indicator-values/template", e -> assertThat(api.get(
                "/api/v1/indicator-values/template?period=2018Q1&unitCode=421281", tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/indicator-values/upload", e -> {
            var r = org.qualitycity.indicator.IndicatorUploadSupport.upload(api, tc, java.util.List.<Object[]>of(
                    new Object[]{"421281", "E2_ACCEPTED", "2018Q1", 3}));
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
                    "v_E2_ACCEPTED", "1")).status()).isEqualTo(404);
        });
        t.probe("GET /indicators/review", e -> assertThat(page.get("/indicators/review").status()).isEqualTo(403));
        t.probe("POST /indicators/review", e -> {
            page.get("/indicators/entry");
            assertThat(page.postForm("/indicators/review", Map.of("action", "APPROVE",
                    "keys", "E2_ACCEPTED|421281|2018Q1")).status()).isEqualTo(403);
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
