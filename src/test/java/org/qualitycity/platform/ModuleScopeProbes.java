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
}
