package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 15: district and enterprise users read the users' words only: no repository paths
 * ("见 docs/plan-format.md"), no notes on how targets were modelled ("由我方根据原文推定", 占位/解读 tags), no links to the
 * API browser. Administrators keep them where they help.
 */
@QcIntegrationTest
class UserWordsTest {

    @LocalServerPort
    int port;

    private static final Pattern NAV = Pattern.compile("class=\"qc-navlink[^\"]*\" href=\"([^\"]+)\"");

    @Test
    void districtAndEnterprisePagesShowNoDevelopersWords() {
        for (String user : new String[]{"tongcheng", "qiye"}) {
            WebSession web = WebSession.loggedIn(port, user);
            String home = web.get("/").body();
            Set<String> pages = new LinkedHashSet<>();
            pages.add("/");
            Matcher m = NAV.matcher(home);
            while (m.find()) {
                pages.add(m.group(1));
            }
            assertThat(pages).as(user + " has a navigation").hasSizeGreaterThan(2);
            for (String page : pages) {
                WebSession.Page p = web.get(page);
                if (p.status() != 200) {
                    continue;
                }
                assertThat(p.body()).as(user + " " + page)
                        .doesNotContain("docs/").doesNotContain("由我方").doesNotContain("api-docs.html")
                        .doesNotContainIgnoringCase("swagger").doesNotContain(">占位<").doesNotContain(">解读<");
            }
        }
        String district = WebSession.loggedIn(port, "tongcheng").get("/plan/indicators").body();
        assertThat(district).contains("id=\"indicators-note\"").doesNotContain("占位").doesNotContain("解读")
                .doesNotContain("由我方");
    }

    @Test
    void administratorsKeepTheModellingNotesAndTheApiBrowser() {
        String admin = WebSession.loggedIn(port, "admin").get("/plan/indicators").body();
        assertThat(admin).contains("由我方").containsPattern(">(占位|解读)<");
        assertThat(WebSession.loggedIn(port, "admin").get("/").body()).contains("href=\"/api-docs.html\"");
    }
}
