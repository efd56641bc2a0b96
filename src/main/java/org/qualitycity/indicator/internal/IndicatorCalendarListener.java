package org.qualitycity.indicator.internal;

import org.qualitycity.calendar.CalendarYearReplaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A replaced holiday arrangement moves reporting deadlines: audited, and the reporting units are told. */
@Component
class IndicatorCalendarListener {

    private static final Logger log = LoggerFactory.getLogger(IndicatorCalendarListener.class);

    private final ReportingRates rates;

    IndicatorCalendarListener(ReportingRates rates) {
        this.rates = rates;
    }

    @ApplicationModuleListener
    void on(CalendarYearReplaced event) {
        int moved = rates.deadlinesMoved(event.year(), event.previous());
        log.info("Calendar {} replaced: {} reporting deadlines moved", event.year(), moved);
    }
}
