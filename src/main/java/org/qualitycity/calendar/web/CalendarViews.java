package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;

import java.time.LocalDate;
import java.util.List;

/** Requests and views of the calendar API. */
final class CalendarViews {

    private CalendarViews() {
    }

    /** Answer of GET /api/v1/calendar/add-working-days. */
    record AddWorkingDaysView(LocalDate from, int days, LocalDate result) {
    }

    /** Answer of GET /api/v1/calendar/working-days-between. */
    record WorkingDaysBetweenView(LocalDate from, LocalDate to, int workingDays) {
    }

    /** One loaded year in the list of years. */
    record YearSummaryView(int year, String source, long holidays, long workdays) {

        static YearSummaryView of(CalendarYear y) {
            return new YearSummaryView(y.year(), y.source(), y.holidayCount(), y.workdayCount());
        }
    }

    /** A loaded year with its exception days. */
    record YearView(int year, String source, long holidays, long workdays, List<DayView> days) {

        static YearView of(CalendarYear y) {
            return new YearView(y.year(), y.source(), y.holidayCount(), y.workdayCount(),
                    y.days().stream().map(DayView::of).toList());
        }
    }

    /** One exception day: kind HOLIDAY (day off) or WORKDAY (make-up working day on a weekend). */
    record DayView(LocalDate date, String kind, String nameZh, String nameEn) {

        static DayView of(CalendarDay d) {
            return new DayView(d.date(), d.kind().name(), d.nameZh(), d.nameEn());
        }
    }

    /**
     * One exception day in PUT /api/v1/calendar/{year}. Fields are text so that each bad value is
     * reported against its own field. {@code nameEn} may be left out.
     */
    record DayRequest(String date, String kind, String nameZh, String nameEn) {
    }
}
