package org.qualitycity.complaint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYearReplaced;
import org.qualitycity.calendar.DayKind;
import org.qualitycity.calendar.internal.CalendarService;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcModuleTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complaint module with the modules it needs at run time and none of the others. A complaint received at the end of a year whose next year's holiday
 * arrangement is not loaded gets no guessed deadline; when the calendar module announces the new year
 * ({@link CalendarYearReplaced}), the complaint module's listener computes the deadline after the commit.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QcModuleTest
class ComplaintModuleTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MutableClock clock;
    @Autowired
    CalendarService calendar;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Spring Modulith starts the modules whose beans the complaint module uses (platform, calendar, jobs,
     * notification). The indicator engine and the files module are not started: the complaint module only implements
     * their SPIs ({@code ComputedElementProvider}, {@code AttachmentOwnerPolicy}) and publishes
     * {@code ComputedDataChanged}, so it runs without them.
     */
    @Test
    void bootstrapsTheComplaintModuleWithTheModulesItUsesOnly() {
        assertThat(context.getBeanNamesForType(org.qualitycity.calendar.WorkingDayCalendar.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(org.qualitycity.notification.Notifications.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(org.qualitycity.indicator.IndicatorResults.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.qualitycity.files.Attachments.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.qualitycity.indicator.ComputedElementProvider.class))
                .as("the W2 provider is there, ready for an engine").isNotEmpty();
        for (String other : List.of("org.qualitycity.enterprise.Enterprises", "org.qualitycity.spotcheck.SpotcheckRecords",
                "org.qualitycity.task.internal.TaskService", "org.qualitycity.assessment.internal.AssessmentService",
                "org.qualitycity.credit.internal.CreditService")) {
            assertThat(context.getBeanDefinitionNames()).as(other)
                    .noneMatch(name -> context.getType(name) != null && context.getType(name).getName().equals(other));
        }
    }

    @Test
    void aDeadlineWaitingForNextYearsCalendarIsComputedWhenTheYearIsLoaded(Scenario scenario) {
        assertThat(calendar.year(2027)).as("2027 is not loaded in a fresh database").isEmpty();
        // Monday 28 December 2026: the 7 working days of the acceptance decision run into 2027
        clock.set(LocalDate.of(2026, 12, 28).atTime(10, 0).atZone(org.qualitycity.platform.ApplicationZone.ZONE)
                .toInstant());
        TestApi api = new TestApi(port);
        TestApi.Response receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222",
                "模块测试电器行", ComplaintFixtures.freshPhone()));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        String code = receipt.json().get("trackingCode").asText();
        assertThat(acceptDue(code)).as("pending, never guessed").isNull();

        scenario.stimulate(() -> calendar.replaceYear(2027, "test", List.of(
                        new CalendarDay(LocalDate.of(2027, 1, 1), DayKind.HOLIDAY, "元旦", "New Year's Day"))))
                .andWaitAtMost(Duration.ofMinutes(3))
                .andWaitForStateChange(() -> acceptDue(code), Objects::nonNull)
                // 29, 30, 31 December, (1 January off, 2 and 3 a weekend) 4, 5, 6, 7 January
                .andVerify(due -> assertThat(due).isEqualTo(LocalDate.of(2027, 1, 7)));
    }

    private LocalDate acceptDue(String trackingCode) {
        List<LocalDate> due = jdbc.sql("SELECT accept_due FROM complaint_case WHERE tracking_code = :c")
                .param("c", trackingCode).query(LocalDate.class).list();
        assertThat(due).as("the case " + trackingCode).hasSize(1);
        return due.get(0);
    }
}
