package org.qualitycity.task.internal;

import org.qualitycity.calendar.CalendarYearReplaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A replaced holiday arrangement moves the answer deadlines of open supervision notices. */
@Component
class TaskCalendarListener {

    private static final Logger log = LoggerFactory.getLogger(TaskCalendarListener.class);

    private final DeadlineChecker checker;

    TaskCalendarListener(DeadlineChecker checker) {
        this.checker = checker;
    }

    @ApplicationModuleListener
    void on(CalendarYearReplaced event) {
        int moved = checker.recomputeAnswerDeadlines(event.year());
        log.info("Calendar {} replaced: {} supervision notice deadlines moved", event.year(), moved);
    }
}
