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
        t.probe("PUT /api/v1/surveys/{id}/weights", e -> assertThat(api.put("/api/v1/surveys/" + id + "/weights",
                Map.of("weights", List.of(Map.of("latent", "QUALITY", "weight", 1))), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/surveys/{id}/versions", e -> assertThat(api.post("/api/v1/surveys/" + id + "/versions",
                Map.of("questions", List.of(Map.of("code", "Q1", "section", "一", "kind", "SCALE", "text", "x",
                        "latent", "SATISFACTION"))), tc).status()).isEqualTo(403));
        t.probe("GET /surveys/{id:\\d+}/interview", e -> assertThat(t.tongchengPage().get("/surveys/" + id
                + "/interview").status()).isEqualTo(403));
        t.probe("POST /surveys/{id:\\d+}/interview", e -> assertThat(t.tongchengPage().postForm("/surveys/" + id
                + "/interview", Map.of("channel", "PHONE", "interviewer", "x", "callOutcome", "REFUSED")).status())
                .isEqualTo(403));
        t.probe("POST /surveys/{id:\\d+}/weights", e -> assertThat(t.tongchengPage().postForm("/surveys/" + id
                + "/weights", Map.of("w_QUALITY", "1")).status()).isEqualTo(403));
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
        t.notScoped("GET /surveys/peers", "city-wide comparison with other cities' published scores (page)");
        t.probe("POST /surveys/peers", e -> assertThat(t.tongchengPage().postForm("/surveys/peers", Map.of("year", "2024",
                "indicator", "S1", "city", "x", "score", "80", "source", "x")).status()).isEqualTo(403));
        t.probe("POST /api/v1/survey-peers", e -> assertThat(api.post("/api/v1/survey-peers", Map.of("year", 2024,
                "indicator", "S1", "city", "x", "score", 80, "source", "x"), tc).status()).isEqualTo(403));
        assertThat(token).isNotBlank();
        // an expert panel (owned by the city): not visible to 通城县; writes need survey:survey:edit
        String panelTitle = "市级范围探针评审";
        var panel = api.post("/api/v1/survey-panels", Map.of("indicator", "S3", "year", 2024, "title", panelTitle,
                "criteria", List.of(Map.of("name", "标准化", "weight", 1)), "experts", List.of(Map.of("name", "专家甲"))),
                api.token("admin"));
        assertThat(panel.status()).as(panel.body()).isEqualTo(201);
        long panelId = panel.json().get("id").asLong();
        long expertId = panel.json().get("experts").get(0).get("id").asLong();
        long criterionId = panel.json().get("criteria").get(0).get("id").asLong();
        t.probe("GET /api/v1/survey-panels", e -> assertThat(api.get("/api/v1/survey-panels?year=2024", tc).body())
                .doesNotContain(panelTitle));
        t.probe("POST /api/v1/survey-panels", e -> assertThat(api.post("/api/v1/survey-panels", Map.of("indicator", "S3",
                "year", 2024, "title", "x", "criteria", List.of(Map.of("name", "x", "weight", 1)),
                "experts", List.of(Map.of("name", "x"))), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/survey-panels/{id}", e -> assertThat(api.get("/api/v1/survey-panels/" + panelId, tc)
                .status()).isEqualTo(404));
        t.probe("PUT /api/v1/survey-panels/{id}/experts/{expertId}/scores", e -> assertThat(api.put(
                "/api/v1/survey-panels/" + panelId + "/experts/" + expertId + "/scores", Map.of("scores",
                        List.of(Map.of("criterionId", criterionId, "score", 50))), tc).status()).isEqualTo(403));
        t.probe("GET /surveys/panels", e -> assertThat(t.tongchengPage().get("/surveys/panels?year=2024").body())
                .doesNotContain(panelTitle));
        t.probe("POST /surveys/panels", e -> assertThat(t.tongchengPage().postForm("/surveys/panels", Map.of(
                "indicator", "S3", "year", "2024", "title", "x", "criteria", "x|1", "experts", "x")).status())
                .isEqualTo(403));
        t.probe("GET /surveys/panels/{id:\\d+}", e -> assertThat(t.tongchengPage().get("/surveys/panels/" + panelId)
                .status()).isEqualTo(404));
        t.probe("POST /surveys/panels/{id:\\d+}/scores", e -> assertThat(t.tongchengPage().postForm("/surveys/panels/"
                + panelId + "/scores", Map.of("expertId", String.valueOf(expertId), "c" + criterionId, "50")).status())
                .isEqualTo(403));
    }
}
