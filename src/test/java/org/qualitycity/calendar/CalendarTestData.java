package org.qualitycity.calendar;

import java.util.List;

/** The shipped arrangements for tests in other packages of the module. */
public final class CalendarTestData {

    private CalendarTestData() {
    }

    public static List<CalendarYear> shippedYears() {
        return ShippedCalendarData.years();
    }
}
