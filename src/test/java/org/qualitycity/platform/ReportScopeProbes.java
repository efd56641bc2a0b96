package org.qualitycity.platform;

import org.qualitycity.support.TestApi;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-scope probes of the report module (issue 18). Reports are the city's publications, not records of a unit: every
 * officer with the view permission reads them (drafts included), only the city quality office (a city-wide scope)
 * generates, edits, publishes and uploads templates, and anyone reads published ones.
 */
final class ReportScopeProbes {

    private ReportScopeProbes() {
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        var page = t.tongchengPage();
        long none = 987_654_321L;
        t.probe("POST /api/v1/reports/white-paper/{year}", e -> assertThat(api.post("/api/v1/reports/white-paper/2020",
                null, tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/reports/analyses", e -> assertThat(api.post("/api/v1/reports/analyses",
                Map.of("period", "2020", "sector", "PRODUCT"), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/reports", e -> assertThat(api.get("/api/v1/reports", tc).status()).isEqualTo(200));
        for (String sub : new String[]{"", "/snapshot", "/docx"}) {
            t.probe("GET /api/v1/reports/documents/{id}" + sub, e -> assertThat(api.get("/api/v1/reports/documents/" + none + sub, tc).status())
                    .isEqualTo(404));
        }
        t.probe("PUT /api/v1/reports/documents/{id}/texts", e -> assertThat(api.put("/api/v1/reports/documents/" + none + "/texts",
                Map.of("texts", Map.of("closing", "越权")), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/reports/documents/{id}/publish", e -> assertThat(api.post("/api/v1/reports/documents/" + none + "/publish",
                null, tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/report-templates", e -> assertThat(api.get("/api/v1/report-templates", tc).status())
                .isEqualTo(200));
        t.probe("GET /api/v1/report-templates/{version}/docx", e -> assertThat(api.get("/api/v1/report-templates/"
                + none + "/docx", tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/report-templates", e -> assertThat(org.qualitycity.support.Multipart.api(api).post(
                "/api/v1/report-templates", Map.of("file", new org.qualitycity.support.Multipart.Part("t.docx",
                        new byte[]{1, 2}, "application/octet-stream")), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/public/reports", e -> assertThat(api.get("/api/v1/public/reports", null).status())
                .isEqualTo(200));
        t.probe("GET /api/v1/public/reports/{id}/docx", e -> assertThat(api.get("/api/v1/public/reports/" + none
                + "/docx", null).status()).isEqualTo(404));

        t.probe("GET /reports", e -> assertThat(page.get("/reports").body()).doesNotContain("white-paper-form"));
        t.probe("POST /reports/white-paper", e -> assertThat(page.postForm("/reports/white-paper", Map.of("year", "2020"))
                .status()).isEqualTo(403));
        t.probe("POST /reports/analyses", e -> assertThat(page.postForm("/reports/analyses", Map.of("period", "2020",
                "sector", "PRODUCT")).status()).isEqualTo(403));
        t.probe("GET /reports/{id:\\d+}", e -> assertThat(page.get("/reports/" + none).status()).isEqualTo(404));
        t.probe("GET /reports/{id:\\d+}/progress", e -> assertThat(page.get("/reports/" + none + "/progress").status())
                .isEqualTo(404));
        t.probe("POST /reports/{id:\\d+}/texts", e -> assertThat(page.postForm("/reports/" + none + "/texts",
                Map.of("chapter", "closing", "text", "x")).status()).isEqualTo(403));
        t.probe("POST /reports/{id:\\d+}/publish", e -> assertThat(page.postForm("/reports/" + none + "/publish",
                Map.of("confirmed", "true")).status()).isEqualTo(403));
        t.probe("GET /reports/templates", e -> assertThat(page.get("/reports/templates").status()).isEqualTo(403));
        t.probe("POST /reports/templates", e -> assertThat(page.postForm("/reports/templates", Map.of("note", "x"))
                .status()).isEqualTo(403));
        t.probe("GET /public/reports", e -> assertThat(new WebSessionAnonymous(api).status("/public/reports")).isEqualTo(200));
    }

    /** A plain GET without a session. */
    private record WebSessionAnonymous(TestApi api) {
        int status(String path) {
            return api.send("GET", path, null, null, null).status();
        }
    }
}
