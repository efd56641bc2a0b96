package org.qualitycity.assessment.internal;

import org.qualitycity.calendar.CalendarYearReplaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A replaced holiday arrangement moves the objection period of an unpublished assessment. */
@Component
class AssessmentCalendarListener {

    private static final Logger log = LoggerFactory.getLogger(AssessmentCalendarListener.class);

    private final AssessmentService service;

    AssessmentCalendarListener(AssessmentService service) {
        this.service = service;
    }

    @ApplicationModuleListener
    void on(CalendarYearReplaced event) {
        int moved = service.recomputeObjectionPeriods(event.year());
        log.info("Calendar {} replaced: {} assessment objection periods moved", event.year(), moved);
    }
}
