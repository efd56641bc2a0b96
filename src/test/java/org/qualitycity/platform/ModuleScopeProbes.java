package org.qualitycity.platform;

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
        calendar(t);
        plan(t);
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
