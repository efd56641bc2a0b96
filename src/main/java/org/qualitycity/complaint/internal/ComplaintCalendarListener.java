package org.qualitycity.complaint.internal;

import org.qualitycity.calendar.CalendarYearReplaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A replaced holiday arrangement moves the open working-day deadlines of complaints and reports. */
@Component
class ComplaintCalendarListener {

    private static final Logger log = LoggerFactory.getLogger(ComplaintCalendarListener.class);

    private final ComplaintService service;

    ComplaintCalendarListener(ComplaintService service) {
        this.service = service;
    }

    @ApplicationModuleListener
    void on(CalendarYearReplaced event) {
        int moved = service.recomputeDeadlines(event.year());
        log.info("Calendar {} replaced: {} complaint deadlines moved", event.year(), moved);
    }
}
