package org.qualitycity.survey;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 5 (issue 15): a citizen answers the public questionnaire on a 390×844 phone without login, and the city
 * office sees the survey's result change (no valid response before; one after, with its index).
 */
@QcIntegrationTest
class SurveyBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aCitizenAnswersOnAPhoneAndTheCityOfficeSeesTheResultChange() throws Exception {
        String base = "http://localhost:" + port;
        TestApi api = new TestApi(port);
        var created = api.post("/api/v1/surveys", SurveyTest.survey("手机作答测试调查",
                List.of(SurveyTest.stratum(SurveyTest.TONGCHENG, 1)), null), api.token("admin"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String token = created.json().get("publicToken").asText();

        ChromeDriver office = Browser.start(1280, 900);
        ChromeDriver phone = Browser.start(390, 844);
        try {
            WebDriverWait officeWait = new WebDriverWait(office, Duration.ofSeconds(20));
            Browser.login(office, base, "admin");
            office.get(base + "/surveys/" + id);
            officeWait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-results")));
            assertThat(office.findElements(By.cssSelector("#survey-results .survey-result-row"))).isEmpty();

            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
            WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(20));
            phone.get(base + "/public/surveys");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("open-surveys")));
            phone.findElement(By.cssSelector("#open-surveys a[href='/public/surveys/" + token + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-form")));
            assertThat(((Number) phone.executeScript("return document.documentElement.scrollWidth")).intValue())
                    .as("the questionnaire fits the phone").isLessThanOrEqualTo(390);
            new Select(phone.findElement(By.id("districtCode"))).selectByValue(SurveyTest.TONGCHENG);
            new Select(phone.findElement(By.id("sectorCode"))).selectByValue("PRODUCT");
            for (String pick : List.of("q_Q1_9", "q_Q2_8", "q_Q3_10")) {
                var label = phone.findElement(By.cssSelector("label[for='" + pick + "']"));
                phone.executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
                label.click();
            }
            var submit = phone.findElement(By.id("survey-submit"));
            // the page may still be settling (the QR image, fonts) when it is scrolled: scroll and press until the
            // button is where the press lands, as a person would
            wait.until(d -> {
                phone.executeScript("arguments[0].scrollIntoView({block: 'center'})", submit);
                try {
                    submit.click();
                    return true;
                } catch (org.openqa.selenium.ElementClickInterceptedException notYet) {
                    return false;
                }
            });
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-thanks")));

            office.navigate().refresh();
            officeWait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-results")));
            var n = office.findElements(By.cssSelector("#survey-results .survey-result-row .survey-n"));
            assertThat(n).isNotEmpty();
            assertThat(n.get(0).getText()).isEqualTo("1");
            // quality 9, satisfaction (8 + 10) / 2 = 9 under the default weights: (9 − 1) / 9 × 100 = 88.89
            assertThat(office.findElement(By.cssSelector("#survey-results .survey-result-row .survey-index")).getText())
                    .isEqualTo("88.89");
        } finally {
            phone.quit();
            office.quit();
        }
    }
}
