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

    /**
     * Issue 17, the trace graph: the batch page draws batches back and forward and the places they went to as an
     * ECharts graph (the reduced bundle has GraphChart); a recalled batch is a red node.
     */
    @Test
    void theBatchPageDrawsTheTraceGraphWithRecalledNodesInRed() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm = EnterpriseFixtures.create(api, "421224", "图谱测试合作社" + n);
        String shop = EnterpriseFixtures.create(api, "421202", "图谱测试超市" + n);
        JsonNode raw = TraceabilityFixtures.created(api, admin, farm, "图谱鲜笋", "G" + n, "ORIGIN", List.of());
        JsonNode bags = TraceabilityFixtures.created(api, admin, farm, "图谱笋片", "GP" + n, "PROCESSED", List.of());
        assertThat(api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(TraceabilityFixtures.document(
                TraceabilityFixtures.transformation(raw.get("epcClass").asText(), List.of(bags.get("epcClass").asText()),
                        TraceabilityFixtures.location(farm), "2026-01-02T08:00:00+08:00"),
                TraceabilityFixtures.shipping(bags.get("epcClass").asText(), TraceabilityFixtures.location(farm),
                        TraceabilityFixtures.location(shop), "2026-01-03T08:00:00+08:00"))), admin).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/batches/" + raw.get("id").asLong() + "/recall", Map.of("reason", "图谱测试召回"), admin)
                .status()).isEqualTo(200);

        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, "http://localhost:" + port, "admin");
            driver.get("http://localhost:" + port + "/traceability/batches/" + raw.get("id").asLong() + "?lang=zh-CN");
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.id("trace-graph")).getAttribute("data-rendered") != null);
            assertThat(driver.findElements(By.cssSelector("#trace-graph canvas"))).isNotEmpty();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) driver.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('trace-graph')).getOption().series[0].data"
                            + ".map(function (d) { return { id: d.id, name: d.name, color: d.itemStyle.color }; });");
            Map<String, String> colour = new HashMap<>();
            nodes.forEach(d -> colour.put((String) d.get("id"), (String) d.get("color")));
            assertThat(colour).containsKeys(raw.get("code").asText(), bags.get("code").asText(),
                    TraceabilityFixtures.location(shop));
            assertThat(colour.get(raw.get("code").asText())).as("recalled").isEqualTo("#c92a2a");
            assertThat(colour.get(bags.get("code").asText())).as("recalled downstream").isEqualTo("#c92a2a");
            assertThat(colour.get(TraceabilityFixtures.location(shop))).isNotEqualTo("#c92a2a");
            Number links = (Number) driver.executeScript("return echarts.getInstanceByDom(document.getElementById("
                    + "'trace-graph')).getOption().series[0].links.length;");
            assertThat(links.intValue()).as("transformation and shipment").isEqualTo(2);
        } finally {
            driver.quit();
        }
    }
}
