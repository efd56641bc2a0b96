package org.qualitycity.calendar;

import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Work items whose time limits run in working days: "3 working days left", "due today", "2 days late". */
public final class DueNotes {

    private DueNotes() {
    }

    /**
     * An item due on {@code due}, with the working days left from {@code today} (today not counted) or the calendar
     * days it is late. Where the calendar of a year between them is not loaded, the note falls back to calendar days
     * (a deadline is never guessed, but a count of days left is only a hint).
     */
    public static WorkbenchSource.Item item(WorkingDayCalendar calendar, Text label, String link, LocalDate today,
                                            LocalDate due) {
        if (due == null || !due.isAfter(today)) {
            return WorkbenchSource.Item.dueInDays(label, link, today, due);
        }
        try {
            int left = calendar.workingDaysBetween(today, due);
            return new WorkbenchSource.Item(label, link, due, Text.of("workbench.due.workingDaysLeft", left), false);
        } catch (CalendarYearMissingException e) {
            return new WorkbenchSource.Item(label, link, due,
                    Text.of("workbench.due.daysLeft", ChronoUnit.DAYS.between(today, due)), false);
        }
    }
}
