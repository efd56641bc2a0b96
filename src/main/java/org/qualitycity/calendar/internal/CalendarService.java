package org.qualitycity.calendar.internal;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.CalendarYearReplaced;
import org.qualitycity.calendar.DayKind;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link WorkingDayCalendar} bean, and the administration of years.
 *
 * <p>Reads answer from an immutable in-memory snapshot of all loaded years. The snapshot is rebuilt
 * after this node commits a change to a year, and at the latest {@link #MAX_STALENESS} after it was
 * built, so that a change made through another node reaches this one too (the application keeps no state
 * that another node needs; see DESIGN "Scale beyond one machine").
 */
@Service
public class CalendarService implements WorkingDayCalendar {

    /** How long a snapshot may serve before it is rebuilt from the database. */
    static final Duration MAX_STALENESS = Duration.ofMinutes(5);

    /** Years an administrator may load. */
    public static final int FIRST_YEAR = 1949;
    public static final int LAST_YEAR = 2200;

    static final int MAX_NAME_ZH = 100;
    static final int MAX_NAME_EN = 200;
    static final int MAX_SOURCE = 1000;

    private final CalendarRepository repository;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final CalendarMessages messages;

    /** Incremented by every committed change; a snapshot of an older generation is rebuilt. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    CalendarService(CalendarRepository repository, AuditLog auditLog, ApplicationEventPublisher events,
                    CalendarMessages messages) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.events = events;
        this.messages = messages;
    }

    private record Snapshot(WorkingDayCalendar calendar, long generation, long builtAtNanos) {
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        required(date, "date");
        return localised(() -> current().isWorkingDay(date));
    }

    @Override
    public LocalDate addWorkingDays(LocalDate from, int days) {
        required(from, "from");
        if (days < 0 || days > MAX_DAYS) {
            throw new ValidationException("days", messages.get("calendar.error.days-range",
                    "must be a whole number from {0} to {1}", "0", String.valueOf(MAX_DAYS)));
        }
        return localised(() -> current().addWorkingDays(from, days));
    }

    @Override
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        required(fromExclusive, "from");
        required(toInclusive, "to");
        return localised(() -> current().workingDaysBetween(fromExclusive, toInclusive));
    }

    @Override
    public Optional<CalendarYear> year(int year) {
        return current().year(year);
    }

    @Override
    public List<Integer> loadedYears() {
        return current().loadedYears();
    }

    /**
     * Adds or replaces the arrangement of {@code year}: all its exception days at once, in one
     * transaction, audited with the state before and after. Problems are reported with the list index
     * of the day in the field name, e.g. {@code [3].date}.
     *
     * @param source where the arrangement comes from (the notice); when blank, who entered it
     * @return the year as stored
     * @throws ValidationException if the year is outside {@value #FIRST_YEAR}-{@value #LAST_YEAR}, the
     *         list is empty, or a day lies outside the year, occurs twice, is a make-up working day on a
     *         weekday, or lacks a name
     */
    @Transactional
    public CalendarYear replaceYear(int year, String source, List<CalendarDay> days) {
        List<FieldProblem> problems = check(year, source, days);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        CalendarYear replacement = new CalendarYear(year, sourceOrEnteredBy(source), days);
        repository.lockYear(year);
        CalendarYear before = repository.find(year).orElse(null);
        repository.replace(replacement);
        CalendarYear after = repository.find(year).orElseThrow();
        auditLog.record("calendar", "year", year, null, "REPLACE", before, after);
        // invalidate first: the listeners of the event run after the commit and must count with the new year
        invalidateAfterCommit();
        events.publishEvent(new CalendarYearReplaced(year, before));
        return after;
    }

    /** The problems of a replacement of {@code year}; empty if it may be stored. */
    public List<FieldProblem> check(int year, String source, List<CalendarDay> days) {
        List<FieldProblem> problems = new ArrayList<>();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            problems.add(new FieldProblem("year", messages.get("calendar.error.year-range",
                    "must be a year from {0} to {1}", String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR))));
            return problems;
        }
        if (source != null && source.length() > MAX_SOURCE) {
            problems.add(new FieldProblem("source", tooLong(MAX_SOURCE)));
        }
        if (days == null || days.isEmpty()) {
            problems.add(new FieldProblem("days", messages.get("calendar.error.empty-year",
                    "list at least the holidays of the year")));
            return problems;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            CalendarDay day = days.get(i);
            String at = "[" + i + "].";
            if (day.date().getYear() != year) {
                problems.add(new FieldProblem(at + "date", messages.get("calendar.error.date-outside-year",
                        "must lie in {0}", String.valueOf(year))));
            } else if (!seen.add(day.date())) {
                problems.add(new FieldProblem(at + "date", messages.get("calendar.error.duplicate",
                        "{0} occurs more than once", day.date().toString())));
            }
            if (day.kind() == DayKind.WORKDAY && !day.onWeekend()) {
                problems.add(new FieldProblem(at + "kind", messages.get("calendar.error.workday-on-weekday",
                        "{0} is a weekday: only a Saturday or Sunday can be a make-up working day",
                        day.date().toString())));
            }
            if (day.nameZh().isBlank()) {
                problems.add(new FieldProblem(at + "nameZh", requiredText()));
            } else if (day.nameZh().length() > MAX_NAME_ZH) {
                problems.add(new FieldProblem(at + "nameZh", tooLong(MAX_NAME_ZH)));
            }
            if (day.nameEn().length() > MAX_NAME_EN) {
                problems.add(new FieldProblem(at + "nameEn", tooLong(MAX_NAME_EN)));
            }
        }
        return problems;
    }

    /** The English name may be left out; the Chinese one stands in for it. */
    public static CalendarDay withEnglishFallback(CalendarDay day) {
        return day.nameEn().isBlank() ? new CalendarDay(day.date(), day.kind(), day.nameZh(), day.nameZh()) : day;
    }

    /** Drops the in-memory snapshot now; the next read rebuilds it. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private void invalidateAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    private WorkingDayCalendar current() {
        Snapshot s = snapshot;
        if (s != null && fresh(s)) {
            return s.calendar();
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && fresh(s)) {
                return s.calendar();
            }
            // read the generation before the data: a change committed meanwhile makes this snapshot stale
            long gen = generation.get();
            s = new Snapshot(WorkingDayCalendar.of(repository.findAll()), gen, System.nanoTime());
            snapshot = s;
            return s.calendar();
        }
    }

    private boolean fresh(Snapshot s) {
        return s.generation() == generation.get() && System.nanoTime() - s.builtAtNanos() < MAX_STALENESS.toNanos();
    }

    private <T> T localised(Supplier<T> call) {
        try {
            return call.get();
        } catch (CalendarYearMissingException e) {
            throw new CalendarYearMissingException(e.field(), e.year(), messages.get("calendar.error.year-missing",
                    "the holiday arrangement for {0} is not loaded yet: an administrator has to load it first",
                    String.valueOf(e.year())));
        }
    }

    private void required(LocalDate date, String field) {
        if (date == null) {
            throw new ValidationException(field, requiredText());
        }
    }

    private String requiredText() {
        return messages.get("calendar.error.required", "required");
    }

    private String tooLong(int max) {
        return messages.get("calendar.error.too-long", "at most {0} characters", String.valueOf(max));
    }

    private String sourceOrEnteredBy(String source) {
        if (source != null && !source.isBlank()) {
            return source.strip();
        }
        String who = Security.currentUserIfAny().map(CurrentUser::username).orElse("system");
        return messages.get("calendar.source.entered-by", "entered by {0}", who);
    }
}
