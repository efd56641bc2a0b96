package org.qualitycity.complaint.internal;

import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.complaint.internal.Dtos.Deadline;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.qualitycity.complaint.internal.CaseRows.*;
import static org.qualitycity.complaint.internal.ComplaintService.*;


/** The legal clock of complaints: today in the application zone, deadlines in working days and their state now. */
@org.springframework.stereotype.Component
class CaseClock {

    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final CalendarCoverage coverage;

    CaseClock(WorkingDayCalendar calendar, Clock clock, CalendarCoverage coverage) {
        this.calendar = calendar;
        this.clock = clock;
        this.coverage = coverage;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(BEIJING));
    }

    /**
     * A deadline in working days, or why it cannot be computed yet. The legal clock never guesses: when counting
     * reaches a year whose holiday arrangement is not loaded the deadline is pending ({@code due} null,
     * {@code pendingYear} the year), the calendar administrators are warned, and the deadline is computed when the
     * year is loaded ({@link ComplaintCalendarListener}).
     */
    record Due(LocalDate due, Integer pendingYear) {
        static Due of(LocalDate d) {
            return new Due(d, null);
        }

        Date sql() {
            return due == null ? null : Date.valueOf(due);
        }
    }

    /** The end of {@code n} working days after {@code from}; throws when the calendar lacks a year it reaches. */
    LocalDate addWorkingDays(LocalDate from, int n) {
        return calendar.addWorkingDays(from, n);
    }

    /** The end of {@code n} working days after {@code from}, or pending when the calendar lacks a year it reaches. */
    Due dueAfter(LocalDate from, int n) {
        try {
            return Due.of(calendar.addWorkingDays(from, n));
        } catch (CalendarYearMissingException e) {
            coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
            return new Due(null, e.year());
        }
    }

    /** Working days from a to b, or null when a year between them is not loaded (never an estimate). */
    Integer workingDaysBetween(LocalDate a, LocalDate b) {
        try {
            return calendar.workingDaysBetween(a, b);
        } catch (CalendarYearMissingException e) {
            return null;
        }
    }

    static final String PENDING = "PENDING";

    /** The deadline that runs now, with amber two working days before it and red once it has passed. */
    Deadline deadline(String status, String type, LocalDate acceptDue, LocalDate handleDue, LocalDate replyDue,
                      LocalDate pausedSince) {
        String kind;
        LocalDate due;
        switch (status) {
            case "RECEIVED" -> {
                kind = "REPORT".equals(type) ? "CHECK" : "ACCEPT";
                due = acceptDue;
            }
            case "ACCEPTED" -> {
                kind = "REPORT".equals(type) ? "CHECK" : "MEDIATION";
                due = handleDue;
            }
            case "HANDLED" -> {
                kind = "REPLY";
                due = replyDue;
            }
            default -> {
                return null;
            }
        }
        if (due == null) {
            // a working-day deadline that reaches a year without a loaded calendar: pending, never guessed
            boolean pending = "RECEIVED".equals(status) || "HANDLED".equals(status) || "REPORT".equals(type);
            return pending ? new Deadline(kind, null, null, PENDING, false) : null;
        }
        if (pausedSince != null) {
            return new Deadline(kind, due, null, "GREEN", true);
        }
        LocalDate today = today();
        Integer left = workingDaysBetween(today, due);
        if (left == null) {
            // today and the due date are known; the working days between them are not: decide on certain facts
            // only (at most two calendar days left is at most two working days left)
            String state = today.isAfter(due) ? "RED" : ChronoUnit.DAYS.between(today, due) <= 2 ? "AMBER" : "GREEN";
            return new Deadline(kind, due, null, state, false);
        }
        String state = today.isAfter(due) ? "RED" : left <= 2 ? "AMBER" : "GREEN";
        return new Deadline(kind, due, left, state, false);
    }
}
