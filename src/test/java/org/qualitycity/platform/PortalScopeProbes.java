package org.qualitycity.platform;

import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-scope probes of the portal (issue 18): its public entries hold no unit-owned record; the hot-topic moderation
 * and the big screen are the city quality office's, so 通城县's officer is refused (403) on each of them.
 */
final class PortalScopeProbes {

    private PortalScopeProbes() {
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        WebSession page = t.tongchengPage();
        t.notScoped("GET /public/portal", "public page: approved figures only");
        t.notScoped("GET /public/scan", "public page: the QR look-up form and its redirect");
        t.notScoped("GET /public/credit", "public page: public grades and published listings");
        t.notScoped("GET /public/hot-topics", "public page: published hot topics and the proposal form");
        t.notScoped("POST /public/hot-topics", "public proposal, no login");
        t.notScoped("GET /api/v1/public/enterprises", "public: public grades and published listings");
        t.notScoped("POST /api/v1/public/hot-topics", "public proposal, no login");
        t.probe("GET /portal/hot-topics", e -> assertThat(page.get("/portal/hot-topics").status()).isEqualTo(403));
        t.probe("POST /portal/hot-topics/{id}/publish", e -> assertThat(page.postForm("/portal/hot-topics/1/publish",
                Map.of()).status()).isEqualTo(403));
        t.probe("POST /portal/hot-topics/{id}/reject", e -> assertThat(page.postForm("/portal/hot-topics/1/reject",
                Map.of("reason", "x")).status()).isEqualTo(403));
        t.probe("GET /big-screen", e -> assertThat(page.get("/big-screen").status()).isEqualTo(403));
        t.probe("GET /api/v1/big-screen", e -> assertThat(api.get("/api/v1/big-screen", tc).status()).isEqualTo(403));
    }
}
