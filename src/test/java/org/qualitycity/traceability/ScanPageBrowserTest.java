package org.qualitycity.traceability;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, acceptance 5: the public scan page on a phone-sized window (390×844), without login: it shows the product,
 * producer, certificate and chain of custody, fits the screen, and shows none of the register's personal data (the
 * contact person, her mobile number, the legal representative) nor who entered the records.
 */
@QcIntegrationTest
class ScanPageBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void theScanPageFitsAPhoneAndLeaksNoPersonalData() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.freshCode("421224");
        Map<String, Object> ent = new HashMap<>(EnterpriseFixtures.enterprise(code, "扫码页测试茶叶合作社", "421224"));
        ent.put("legalRepresentative", "李法人");
        ent.put("contactName", "王小明");
        ent.put("contactPhone", "13907151234");
        assertThat(api.post("/api/v1/enterprises", ent, admin).status()).isEqualTo(201);
        JsonNode batch = TraceabilityFixtures.created(api, admin, code, "通山青茶", "Q" + System.nanoTime() % 100000,
                "ORIGIN", List.of());
        TraceabilityFixtures.certificate(api, admin, batch.get("code").asText());
        assertThat(api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(TraceabilityFixtures.document(
                TraceabilityFixtures.shipping(batch.get("epcClass").asText(), TraceabilityFixtures.location(code),
                        "urn:qualitycity:loc:none", "2026-01-02T08:00:00+08:00"))), admin).status()).isEqualTo(202);
        String adminName = api.get("/api/v1/me", admin).json().path("displayName").asText("系统管理员");

        ChromeDriver driver = Browser.start(390, 844);
        try {
            driver.get("http://localhost:" + port + "/t/" + batch.get("code").asText() + "?lang=zh-CN");
            String text = driver.findElement(By.tagName("body")).getText();
            assertThat(text).contains("通山青茶").contains("扫码页测试茶叶合作社").contains("承诺达标合格证")
                    .contains("0715-8123456").contains("发货");
            assertThat(driver.findElements(By.id("logout"))).as("nobody signed in").isEmpty();
            assertThat(driver.findElements(By.id("qc-user"))).isEmpty();
            String html = driver.getPageSource();
            assertThat(html).doesNotContain("王小明").doesNotContain("13907151234").doesNotContain("李法人")
                    .doesNotContain(adminName);
            assertThat(html.replaceAll("0715-8123456", "")).doesNotContainPattern("1[3-9]\\d{9}");
            Number scroll = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
            Number width = (Number) driver.executeScript("return window.innerWidth;");
            assertThat(width.intValue()).isEqualTo(390);
            assertThat(scroll.intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(390);
            var product = driver.findElement(By.id("scan-product"));
            assertThat(product.isDisplayed()).isTrue();
            assertThat(product.getRect().getX() + product.getRect().getWidth()).isLessThanOrEqualTo(390);
        } finally {
            driver.quit();
        }
    }
}
