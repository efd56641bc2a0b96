package org.qualitycity.platform;

import org.qualitycity.support.Multipart;
import org.qualitycity.support.TestApi;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A survey owned by 赤壁市: 404 to 通城县 on every read; writes need permissions a district officer lacks (403). */
final class SurveyScopeProbes {

    private SurveyScopeProbes() {
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String title = "赤壁市范围探针调查";
        var created = api.post("/api/v1/surveys", Map.of("title", title, "year", 2024, "ownerUnitCode", "421281",
                "questions", List.of(Map.of("code", "Q1", "section", "一", "kind", "SCALE", "text", "满意度",
                        "latent", "SATISFACTION")),
                "strata", List.of(Map.of("districtCode", "421281", "sectorCode", "PRODUCT", "populationShare", 1))),
                api.token("admin"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String token = created.json().get("publicToken").asText();
        t.probe("GET /api/v1/surveys", e -> assertThat(api.get("/api/v1/surveys?year=2024", tc).body())
                .doesNotContain(title));
        t.probe("POST /api/v1/surveys", e -> assertThat(api.post("/api/v1/surveys", Map.of("title", "x", "year", 2024,
                "ownerUnitCode", "421281", "questions", List.of(Map.of("code", "Q1", "section", "一", "kind", "SCALE",
                "text", "x", "latent", "SATISFACTION"))), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/surveys/{id}", e -> assertThat(api.get("/api/v1/surveys/" + id, tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/surveys/{id}/results", e -> assertThat(api.get("/api/v1/surveys/" + id + "/results?by=district",
                tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/surveys/{id}/matrix", e -> assertThat(api.get("/api/v1/surveys/" + id + "/matrix", tc)
                .status()).isEqualTo(404));
        t.probe("GET /api/v1/surveys/{id}/answers", e -> assertThat(api.get("/api/v1/surveys/" + id + "/answers", tc)
                .status()).isEqualTo(404));
        t.probe("POST /api/v1/surveys/{id}/answers", e -> assertThat(api.post("/api/v1/surveys/" + id + "/answers",
                Map.of("channel", "PHONE", "interviewer", "x", "callOutcome", "REFUSED"), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/surveys/{id}/invitations", e -> assertThat(api.post("/api/v1/surveys/" + id
                + "/invitations", Map.of("count", 1), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/surveys/{id}/answers/import", e -> assertThat(Multipart.api(api).post("/api/v1/surveys/"
                + id + "/answers/import", Map.of("file", new Multipart.Part("a.csv", new byte[]{1},
                "text/csv")), tc).status()).isEqualTo(403));
        t.notScoped("GET /api/v1/public/surveys/{token}", "public questionnaire by link or invitation token, no login");
        t.notScoped("POST /api/v1/public/surveys/{token}/answers", "public answering by link or invitation token");
        t.notScoped("GET /public/surveys", "public list of open surveys");
        t.notScoped("GET /public/surveys/{token}", "public questionnaire");
        t.notScoped("POST /public/surveys/{token}", "public answering");
        t.probe("GET /surveys", e -> assertThat(t.tongchengPage().get("/surveys?year=2024").body()).doesNotContain(title));
        t.probe("GET /surveys/{id:\\d+}", e -> assertThat(t.tongchengPage().get("/surveys/" + id).status())
                .isEqualTo(404));
        t.probe("GET /surveys/{id:\\d+}/qr.png", e -> assertThat(t.tongchengPage().get("/surveys/" + id + "/qr.png")
                .status()).isEqualTo(404));
        t.notScoped("GET /api/v1/survey-peers", "city-wide comparison with other cities' published scores");
        t.probe("POST /api/v1/survey-peers", e -> assertThat(api.post("/api/v1/survey-peers", Map.of("year", 2024,
                "indicator", "S1", "city", "x", "score", 80, "source", "x"), tc).status()).isEqualTo(403));
        assertThat(token).isNotBlank();
    }
}
