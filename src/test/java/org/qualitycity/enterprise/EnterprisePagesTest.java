package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The register, spot-check and credit pages render in Chinese and English without missing message keys. */
@QcIntegrationTest
class EnterprisePagesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesRenderInBothLanguagesWithoutMissingKeys() {
        String code = jdbc.sql("SELECT e.credit_code FROM enterprise e WHERE e.demo AND EXISTS (SELECT 1 FROM "
                + "spotcheck_sample s WHERE s.enterprise_id = e.id AND s.final_verdict = 'FAIL') ORDER BY e.id LIMIT 1")
                .query(String.class).single();
        long failed = jdbc.sql("SELECT s.id FROM spotcheck_sample s JOIN spotcheck_rectification r ON r.sample_id = s.id "
                + "WHERE s.demo ORDER BY s.id LIMIT 1").query(Long.class).single();
        long refused = jdbc.sql("SELECT id FROM spotcheck_sample WHERE refused ORDER BY id LIMIT 1").query(Long.class).single();
        WebSession s = WebSession.loggedIn(port, "admin");
        List<String> pages = List.of("/enterprises", "/enterprises?q=" + code, "/enterprises/" + code,
                "/spotchecks/samples", "/spotchecks/samples?indicator=P2&unit=421222&period=2019Q2&verdict=FAIL",
                "/spotchecks/samples/new", "/spotchecks/samples/" + failed, "/spotchecks/samples/" + refused,
                "/spotchecks/follow-ups", "/spotchecks/follow-ups?overdue=true", "/public/announcements",
                "/public/blacklist");
        for (String path : pages) {
            String sep = path.contains("?") ? "&" : "?";
            var zh = s.get(path + sep + "lang=zh-CN");
            assertThat(zh.status()).as(path).isEqualTo(200);
            assertThat(zh.body()).as(path).doesNotContain("??").contains("演示数据");
            var en = s.get(path + sep + "lang=en");
            assertThat(en.status()).as(path).isEqualTo(200);
            assertThat(en.body()).as(path).doesNotContain("??");
        }
        s.get("/?lang=zh-CN");
        assertThat(s.get("/enterprises/" + code).body()).contains("质量信用").contains(code);
        // the public pages need no login
        var anonymous = new WebSession(port);
        assertThat(anonymous.get("/public/announcements").body()).contains("不合格产品");
        assertThat(anonymous.get("/public/blacklist").status()).isEqualTo(200);
        assertThat(new TestApi(port).get("/api/v1/public/announcements", null).json().size()).isGreaterThan(0);
    }
}
